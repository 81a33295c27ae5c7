package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.flow.Outcome;
import io.github.ecsexecreadiness.flow.ReadinessFlow;
import io.github.ecsexecreadiness.flow.Request;
import io.github.ecsexecreadiness.report.JsonRenderer;
import io.github.ecsexecreadiness.report.ScanReport;
import io.github.ecsexecreadiness.report.TableRenderer;
import io.github.ecsexecreadiness.report.Telemetry;
import java.util.List;
import java.util.Optional;

/** {@code scan}: runs the flow, report only, over the services in scope; the table or the JSON document is its sink. */
final class ScanAction {
    static final String WHO = "ecs-exec-readiness scan (command line)";

    private final AccountReaders readers;
    private final Cli.Context context;

    ScanAction(AccountReaders readers, Cli.Context context) {
        this.readers = readers;
        this.context = context;
    }

    /** @return the exit code: ready, not ready, or (none not ready) undetermined */
    int run(ScanOptions options) {
        // Report only: nothing is planned, so nothing is logged; the notes go to standard error below.
        Telemetry quiet = context.audit("scan", Telemetry.Level.ERROR);
        ScanReport report = ReadinessFlow.commandLine(readers, options.execScope(), (evaluation, t) -> Optional.empty())
                .run(Request.selected(options.scope(), WHO, Request.Fixes.NONE), quiet, List.of((outcome, t) ->
                        print(outcome, options))).scan();
        return exitCode(report);
    }

    private void print(Outcome outcome, ScanOptions options) {
        ScanReport report = outcome.scan();
        if (options.output() == ScanOptions.Output.JSON) {
            context.out().print(JsonRenderer.render(report) + "\n");
            report.notes().forEach(note -> context.err().println("note: " + note));
        } else {
            context.out().print(TableRenderer.render(report, options.stats()));
        }
    }

    static int exitCode(ScanReport report) {
        return switch (report.readiness()) {
            case READY -> ExitCode.READY;
            case NOT_READY -> ExitCode.NOT_READY;
            case UNDETERMINED -> ExitCode.UNDETERMINED;
        };
    }
}
