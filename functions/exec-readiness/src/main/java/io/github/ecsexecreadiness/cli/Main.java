package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.report.JsonRenderer;
import io.github.ecsexecreadiness.report.ScanReport;
import io.github.ecsexecreadiness.report.TableRenderer;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The command line: {@code ecs-exec-readiness scan [options]}. Read-only. Exit code 0 when every service
 * is ready, 1 when any is not, 2 on bad arguments or an error that stops the scan.
 */
public final class Main {
    static final int READY = 0;
    static final int NOT_READY = 1;
    static final int ERROR = 2;

    private final Function<ScanOptions, AccountReaders> connect;
    private final PrintStream out;
    private final PrintStream err;

    Main(Function<ScanOptions, AccountReaders> connect, PrintStream out, PrintStream err) {
        this.connect = connect;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(SdkConnection::open, System.out, System.err).run(Arrays.asList(args)));
    }

    int run(List<String> args) {
        if (args.isEmpty() || List.of("-h", "--help", "help").contains(args.get(0))) {
            (args.isEmpty() ? err : out).println(ScanOptions.USAGE);
            return args.isEmpty() ? ERROR : READY;
        }
        if (!args.get(0).equals("scan")) {
            err.println("error: unknown command " + args.get(0) + " (try --help)");
            return ERROR;
        }
        try {
            ScanOptions options = ScanOptions.parse(args.subList(1, args.size()));
            ScanReport report = new ReadinessScan(connect.apply(options)).scan(options.scope());
            out.print(options.output() == ScanOptions.Output.JSON
                    ? JsonRenderer.render(report) + "\n"
                    : TableRenderer.render(report, options.stats()));
            if (options.output() == ScanOptions.Output.JSON) {
                report.notes().forEach(note -> err.println("note: " + note));
            }
            return report.allReady() ? READY : NOT_READY;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage() + " (try --help)");
            return ERROR;
        } catch (AwsApiException e) {
            err.println("error: " + e.getMessage());
            return ERROR;
        } catch (RuntimeException e) {
            err.println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return ERROR;
        }
    }
}
