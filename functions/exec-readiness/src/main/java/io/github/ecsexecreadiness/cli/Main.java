package io.github.ecsexecreadiness.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * The command line: {@code ecs-exec-readiness scan|fix|preflight|cleanup|completion [options]} (see {@link Cli}).
 * Exit code 0 ready or nothing to do, 1 not ready or something blocks, 2 bad arguments or an error that stops
 * the run.
 */
public final class Main {
    private final Connections connections;
    private final PrintStream out;
    private final PrintStream err;

    Main(Connections connections, PrintStream out, PrintStream err) {
        this.connections = connections;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int exitCode;
        try (var connection = new SdkConnection()) {
            exitCode = new Main(connection, System.out, System.err).run(List.of(args));
        }
        System.exit(exitCode);
    }

    int run(List<String> args) {
        return Cli.commandLine(new Cli.Context(connections, out, err)).execute(args.toArray(String[]::new));
    }
}
