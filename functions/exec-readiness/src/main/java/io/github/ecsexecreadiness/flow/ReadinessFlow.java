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
    /**
     * The plan and apply steps for what one scan found: a function's one remediator, or the command line's, whose
     * ssmmessages policy is that of the account the scan found (empty: every request only reports).
     */
    @FunctionalInterface
    public interface Remediators {
        Optional<Remediator> forScan(ReadinessScan.Evaluation evaluation, Telemetry telemetry);
    }

    private final ReadinessScan scan;
    private final Remediators remediators;
    private final boolean logsEvaluations;

    private ReadinessFlow(AccountReaders readers, ExecScope execScope, Remediators remediators,
                          boolean logsEvaluations) {
        this.scan = new ReadinessScan(readers, execScope);
        this.remediators = remediators;
        this.logsEvaluations = logsEvaluations;
    }

    /**
     * A function's flow: each service evaluated is logged.
     *
     * @param remediator empty where fixes are off: every request then only reports
     * @param execScope  which services should have ECS Exec
     */
    public ReadinessFlow(AccountReaders readers, Optional<Remediator> remediator, ExecScope execScope) {
        this(readers, execScope, (evaluation, telemetry) -> remediator, true);
    }

    /**
     * The command line's flow: it prints its own table or JSON, so the telemetry (standard error) carries only
     * the audit lines of the fixes, not one line per service evaluated.
     */
    public static ReadinessFlow commandLine(AccountReaders readers, ExecScope execScope, Remediators remediators) {
        return new ReadinessFlow(readers, execScope, remediators, false);
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
        evaluation.filter(made -> logsEvaluations).ifPresent(made -> telemetry.scanned(made.report()));
        List<Outcome.Service> services = evaluation.map(made -> services(request, made, telemetry)).orElse(List.of());
        Optional<String> gone = request.serviceArn().filter(arn -> evaluation.flatMap(e -> e.service(arn)).isEmpty());
        Outcome outcome = new Outcome(request, evaluation.map(ReadinessScan.Evaluation::report)
                .orElseGet(() -> new ScanReport(List.of(), List.of(), Map.of(), 0, true)), services, gone);
        report(outcome, telemetry, sinks);
        return outcome;
    }

    /** Asks for the remediator only when some service may be repaired (the command line's may create a policy). */
    private List<Outcome.Service> services(Request request, ReadinessScan.Evaluation evaluation,
                                           Telemetry telemetry) {
        Optional<Remediator> remediator = request.fixes().allowed() && evaluation.reports().stream()
                .anyMatch(report -> !report.ready() || request.fixes().reviewed())
                ? remediators.forScan(evaluation, telemetry) : Optional.empty();
        return evaluation.reports().stream().map(report -> new Outcome.Service(report,
                remediate(request, evaluation, report, remediator, telemetry))).toList();
    }

    /**
     * Plans from the evaluation just made (the service is read again only if a fix changed something); never
     * for the CloudTrail record of the remediator's own change: acting on it again would loop.
     */
    private Optional<Remediation.Result> remediate(Request request, ReadinessScan.Evaluation evaluation,
                                                   ServiceReport report, Optional<Remediator> remediator,
                                                   Telemetry telemetry) {
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
