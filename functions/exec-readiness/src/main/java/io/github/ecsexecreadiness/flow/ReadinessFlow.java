package io.github.ecsexecreadiness.flow;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.apply.Remediation;
import io.github.ecsexecreadiness.check.ExecScope;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.report.ScanReport;
import io.github.ecsexecreadiness.report.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole line for one account and Region: collect, check, plan, apply, report. Every trigger runs it: the
 * handlers differ only in how they read their event into a {@link Request} and which {@link Sink}s they give.
 */
public final class ReadinessFlow {
    private final ReadinessScan scan;
    private final Optional<Remediator> remediator;

    /**
     * @param remediator empty where fixes are off: every request then only reports
     * @param execScope  which services should have ECS Exec
     */
    public ReadinessFlow(AccountReaders readers, Optional<Remediator> remediator, ExecScope execScope) {
        this.scan = new ReadinessScan(readers, execScope);
        this.remediator = remediator;
    }

    /** Every service should have ECS Exec. */
    public ReadinessFlow(AccountReaders readers, Optional<Remediator> remediator) {
        this(readers, remediator, ExecScope.EVERY_SERVICE);
    }

    /**
     * Runs the request and reports its outcome to every sink, in order.
     *
     * @throws RuntimeException an AWS error that stopped the scan (nothing is reported then), or the first
     *         sink's failure, after every other sink has reported
     */
    public Outcome run(Request request, Telemetry telemetry, List<? extends Sink> sinks) {
        Optional<ReadinessScan.Evaluation> evaluation = request.scope().map(scan::evaluate);
        evaluation.ifPresent(made -> telemetry.scanned(made.report()));
        List<Outcome.Service> services = evaluation.map(made -> made.reports().stream()
                .map(report -> new Outcome.Service(report, remediate(request, made, report, telemetry))).toList())
                .orElse(List.of());
        Optional<String> gone = request.serviceArn().filter(arn -> evaluation.flatMap(e -> e.service(arn)).isEmpty());
        Outcome outcome = new Outcome(request, evaluation.map(ReadinessScan.Evaluation::report)
                .orElseGet(() -> new ScanReport(List.of(), List.of(), Map.of(), 0, true)), services, gone);
        report(outcome, telemetry, sinks);
        return outcome;
    }

    /**
     * Plans from the evaluation just made (the service is read again only if a fix changed something); never
     * for the CloudTrail record of the remediator's own change: acting on it again would loop.
     */
    private Optional<Remediation.Result> remediate(Request request, ReadinessScan.Evaluation evaluation,
                                                   ServiceReport report, Telemetry telemetry) {
        Request.Fixes fixes = request.fixes();
        if (!fixes.allowed() || (report.ready() && !fixes.reviewed()) || remediator.isEmpty()) {
            return Optional.empty();
        }
        if (remediator.get().causedBy(request.principalArn())) {
            telemetry.info("not remediated: the event records the remediator's own change",
                    Map.of("serviceArn", report.service().arn(), "actorArn", request.principalArn()));
            return Optional.empty();
        }
        return Optional.of(remediator.get().remediation(scan, telemetry, fixes)
                .remediate(evaluation, report, request.requester()));
    }

    private static void report(Outcome outcome, Telemetry telemetry, List<? extends Sink> sinks) {
        List<RuntimeException> failures = new ArrayList<>();
        for (Sink sink : sinks) {
            try {
                sink.report(outcome, telemetry);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            failures.stream().skip(1).forEach(failures.get(0)::addSuppressed);
            throw failures.get(0);
        }
    }
}
