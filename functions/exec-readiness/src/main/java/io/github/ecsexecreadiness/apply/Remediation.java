package io.github.ecsexecreadiness.apply;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.plan.PlannedFix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Remediates one service of an evaluation just made: plan, apply, then evaluate it again and say per check what
 * now passes and what still does not. The second evaluation reads AWS afresh, so the verdict rests on what the
 * fixes really did (an endpoint still pending, a deployment still rolling out, show as
 * still failing).
 */
public final class Remediation {

    /** Turns one service's results (and the facts behind them) into ordered fixes; the settings are bound in. */
    @FunctionalInterface
    public interface Planner {
        List<PlannedFix> plan(ServiceReport report, ServiceFacts facts);
    }

    private final ReadinessScan scan;
    private final Planner planner;
    private final Applier applier;

    public Remediation(ReadinessScan scan, Planner planner, Applier applier) {
        this.scan = scan;
        this.planner = planner;
        this.applier = applier;
    }

    /**
     * Plans from an evaluation already made, applies, and evaluates the service again only when something
     * changed.
     *
     * @param who the principal or trigger recorded in the audit lines
     */
    public Result remediate(ReadinessScan.Evaluation evaluation, ServiceReport before, String who) {
        String serviceArn = before.service().arn();
        List<PlannedFix> plan = planner.plan(before, new ServiceFacts(before.service(), evaluation.snapshot()));
        List<FixResult> fixes = applier.apply(plan, who);
        boolean changed = fixes.stream().anyMatch(f -> f.outcome() == FixResult.Outcome.APPLIED);
        if (!changed) {
            return new Result(serviceArn, fixes, changes(before, before), Optional.of(before),
                    evaluation.snapshot().notes());
        }
        ReadinessScan.Evaluation second = scan.evaluate(new Scope(List.of(before.service().clusterArn()), serviceArn));
        return second.service(serviceArn)
                .map(after -> new Result(serviceArn, fixes, changes(before, after), Optional.of(after),
                        second.snapshot().notes()))
                .orElseGet(() -> new Result(serviceArn, fixes, List.of(), Optional.empty(),
                        notes(second, "service not found when re-evaluated")));
    }

    private static List<String> notes(ReadinessScan.Evaluation evaluation, String note) {
        List<String> notes = new ArrayList<>(evaluation.snapshot().notes());
        notes.add(note);
        return notes;
    }

    /** Every check of the first evaluation with its status then and now. */
    private static List<CheckChange> changes(ServiceReport before, ServiceReport after) {
        return before.results().stream().map(result -> {
            CheckResult now = after.results().stream().filter(r -> r.id().equals(result.id())).findFirst()
                    .orElse(result);
            return new CheckChange(result.id(), result.status(), now.status(), now.reason());
        }).toList();
    }

    /** One check before and after the fixes; {@code reason} is the latest. */
    public record CheckChange(String checkId, Status before, Status after, String reason) {
        public boolean nowPassing() {
            return before != Status.PASS && after == Status.PASS;
        }

        public boolean stillFailing() {
            return after == Status.FAIL;
        }
    }

    /**
     * The fixes' results and every check's change; {@code latest} is the service's last evaluation (empty when it
     * was not found), {@code notes} the collector's for it.
     */
    public record Result(String serviceArn, List<FixResult> fixes, List<CheckChange> checks,
                         Optional<ServiceReport> latest, List<String> notes) {
        public Result {
            fixes = List.copyOf(fixes);
            checks = List.copyOf(checks);
            notes = List.copyOf(notes);
        }

        public List<CheckChange> nowPassing() {
            return checks.stream().filter(CheckChange::nowPassing).toList();
        }

        public List<CheckChange> stillFailing() {
            return checks.stream().filter(CheckChange::stillFailing).toList();
        }
    }
}
