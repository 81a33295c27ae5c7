package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.report.Telemetry;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.util.VersionInfo;

/**
 * The command tree ({@code scan}, {@code fix}, {@code preflight}, {@code cleanup}, {@code completion},
 * {@code help}) and how its errors end: a usage error or a failure that stops the run is one line on standard
 * error and exit code 2 ({@link Failures}); {@code --debug} adds the full cause.
 */
public final class Cli {
    static final String NAME = "ecs-exec-readiness";

    private Cli() {}

    /** What the commands print to and connect with; {@code debug} is set by {@code --debug}. */
    static final class Context {
        private final Connections connections;
        private final PrintStream out;
        private final PrintStream err;
        private boolean debug;

        Context(Connections connections, PrintStream out, PrintStream err) {
            this.connections = connections;
            this.out = out;
            this.err = err;
        }

        Connections connections() {
            return connections;
        }

        PrintStream out() {
            return out;
        }

        PrintStream err() {
            return err;
        }

        /** The audit lines of a command, one JSON object each on standard error, from {@code level} up. */
        Telemetry audit(String command, Telemetry.Level level) {
            return new Telemetry("EcsExecReadiness", "cli-" + command, level, Clock.systemUTC(), err);
        }
    }

    @Command(name = NAME, mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Says for every ECS service whether ECS Exec will work, repairs what is safe to repair, "
                    + "and prepares and cleans up the deployment of its AWS SAM stack.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:ready, or nothing to do", "1:not ready, or something blocks",
                    "2:bad arguments, or an error that stopped the run"})
    static final class Root implements Callable<Integer> {
        private final Context context;
        @Spec
        CommandSpec spec;

        Root(Context context) {
            this.context = context;
        }

        @Option(names = "--debug", scope = ScopeType.INHERIT,
                description = "on an error, also print its full cause (stack trace)")
        void debug(boolean debug) {
            if (context != null) {
                context.debug = debug;
            }
        }

        /** No command: the usage, as an error. */
        @Override
        public Integer call() {
            context.err().print(spec.commandLine().getUsageMessage());
            return ExitCode.ERROR;
        }
    }

    /** The whole command tree; commands print to and connect through {@code context}. */
    static CommandLine commandLine(Context context) {
        CommandLine root = new CommandLine(new Root(context))
                .addSubcommand(new ScanCommand(context))
                .addSubcommand(new FixCommand(context))
                .addSubcommand(new PreflightCommand(context))
                .addSubcommand(new CleanupCommand(context))
                .addSubcommand(new CompletionCommand(context))
                .addSubcommand(new CommandLine.HelpCommand());
        if (context != null) {
            root.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
            root.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
            root.setParameterExceptionHandler((e, args) -> usageError(context, usageMessage(e)));
            root.setExecutionExceptionHandler((e, commandLine, parseResult) -> e instanceof UsageException
                    ? usageError(context, e.getMessage())
                    : Failures.report(e, context.debug, context.err(), commandLine.getCommandName()));
        }
        return root;
    }

    /** The command tree without a context: for its help, the README tables and the completion script. */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /** Parses {@code args} into {@code command}'s fields, as the command line would, without running it. */
    static void parse(Object command, List<String> args) {
        try {
            new CommandLine(command).parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new UsageException(usageMessage(e));
        }
    }

    private static int usageError(Context context, String message) {
        context.err().println("error: " + message + " (try --help)");
        return ExitCode.ERROR;
    }

    /** picocli's complaint in the words the command line has always used. */
    static String usageMessage(ParameterException e) {
        if (e.getCause() instanceof UsageException usage) {
            return usage.getMessage();
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().getFirst();
            if (first.startsWith("-")) {
                return "unknown option " + first;
            }
            return unmatched.getCommandLine().getParent() == null ? "unknown command " + first
                    : "unexpected argument " + first;
        }
        if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
            return missing.getMissing().stream().map(Cli::name).map(name -> name + " needs a value")
                    .collect(Collectors.joining("; "));
        }
        if (e instanceof CommandLine.OverwrittenOptionException overwritten) {
            return name(overwritten.getOverwritten()) + " may be given once";
        }
        return e.getMessage();
    }

    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel();
    }

    /** {@code --version}: this tool's version, and the SDK and Java it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cli.class.getPackage().getImplementationVersion();
            return new String[] {NAME + " " + (version == null ? "(development build)" : version),
                    "AWS SDK for Java " + VersionInfo.SDK_VERSION + ", Java " + Runtime.version()};
        }
    }
}
