package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.apply.AccountWriters;
import io.github.ecsexecreadiness.apply.RemediationLedger;
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
 * The command line: {@code ecs-exec-readiness scan [options]} (read-only) and {@code fix [options]} (shows the
 * plan; changes the account only with --apply). Exit code 0 when every service is ready, 1 when any is not, 2
 * on bad arguments or an error that stops the run, and for {@code scan} 3 when none is not ready but the readiness
 * of some is undetermined (a check that can stop a session is UNKNOWN).
 */
public final class Main {
    static final int READY = 0;
    static final int NOT_READY = 1;
    static final int ERROR = 2;
    static final int UNDETERMINED = 3;

    private final Function<ScanOptions, AccountReaders> connect;
    private final Function<FixOptions, FixConnection> connectForFix;
    private final PrintStream out;
    private final PrintStream err;

    /** The account's readers, and for {@code fix} its writers and the ledger of forced deployments. */
    record FixConnection(AccountReaders readers, AccountWriters writers, RemediationLedger ledger) {}

    Main(Function<ScanOptions, AccountReaders> connect, Function<FixOptions, FixConnection> connectForFix,
         PrintStream out, PrintStream err) {
        this.connect = connect;
        this.connectForFix = connectForFix;
        this.out = out;
        this.err = err;
    }

    /** For scan only. */
    Main(Function<ScanOptions, AccountReaders> connect, PrintStream out, PrintStream err) {
        this(connect, options -> {
            throw new UsageException("fix is not available here");
        }, out, err);
    }

    public static void main(String[] args) {
        System.exit(new Main(SdkConnection::open, SdkConnection::openForFix, System.out, System.err)
                .run(Arrays.asList(args)));
    }

    int run(List<String> args) {
        if (args.isEmpty() || List.of("-h", "--help", "help").contains(args.get(0))) {
            (args.isEmpty() ? err : out).println(ScanOptions.USAGE + "\n\n" + FixOptions.USAGE);
            return args.isEmpty() ? ERROR : READY;
        }
        if (args.get(0).equals("fix")) {
            return fix(args.subList(1, args.size()));
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
            return switch (report.readiness()) {
                case READY -> READY;
                case NOT_READY -> NOT_READY;
                case UNDETERMINED -> UNDETERMINED;
            };
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

    private int fix(List<String> args) {
        try {
            FixOptions options = FixOptions.parse(args);
            FixConnection connection = connectForFix.apply(options);
            boolean ready = new FixCommand(connection.readers(), connection.writers(), connection.ledger(), out, err)
                    .run(options);
            return ready ? READY : NOT_READY;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage() + " (try --help)");
            return ERROR;
        } catch (RuntimeException e) {
            err.println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return ERROR;
        }
    }
}
