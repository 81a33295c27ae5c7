package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.report.JsonRenderer;
import io.github.ecsexecreadiness.report.ScanReport;
import io.github.ecsexecreadiness.report.TableRenderer;
import java.io.PrintStream;

/** {@code scan}: evaluates the services in scope and prints the table or the JSON document. */
final class ScanAction {
    private final AccountReaders readers;
    private final PrintStream out;
    private final PrintStream err;

    ScanAction(AccountReaders readers, PrintStream out, PrintStream err) {
        this.readers = readers;
        this.out = out;
        this.err = err;
    }

    /** @return the exit code: ready, not ready, or (none not ready) undetermined */
    int run(ScanOptions options) {
        ScanReport report = new ReadinessScan(readers).scan(options.scope());
        if (options.output() == ScanOptions.Output.JSON) {
            out.print(JsonRenderer.render(report) + "\n");
            report.notes().forEach(note -> err.println("note: " + note));
        } else {
            out.print(TableRenderer.render(report, options.stats()));
        }
        return switch (report.readiness()) {
            case READY -> ExitCode.READY;
            case NOT_READY -> ExitCode.NOT_READY;
            case UNDETERMINED -> ExitCode.UNDETERMINED;
        };
    }
}
