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
 * Remediates one service: evaluate it, plan, apply, then evaluate it again and say per check what now passes
 * and what still does not. Both evaluations read AWS afresh, so the plan rests on current state and the
 * verdict on what the fixes really did (an endpoint still pending, a deployment still rolling out, show as
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

    /** @param who the principal or trigger recorded in the audit lines */
    public Result remediate(String clusterArn, String serviceArn, String who) {
        Scope scope = new Scope(List.of(clusterArn), serviceArn);
        ReadinessScan.Evaluation first = scan.evaluate(scope);
        Optional<ServiceReport> before = report(first, serviceArn);
        if (before.isEmpty()) {
            return new Result(serviceArn, List.of(), List.of(), notes(first, "service not found, nothing planned"));
        }
        List<PlannedFix> plan = planner.plan(before.get(), new ServiceFacts(before.get().service(), first.snapshot()));
        List<FixResult> fixes = applier.apply(plan, who);
        boolean changed = fixes.stream().anyMatch(f -> f.outcome() == FixResult.Outcome.APPLIED);
        if (!changed) {
            return new Result(serviceArn, fixes, changes(before.get(), before.get()), first.snapshot().notes());
        }
        ReadinessScan.Evaluation second = scan.evaluate(scope);
        return report(second, serviceArn)
                .map(after -> new Result(serviceArn, fixes, changes(before.get(), after), second.snapshot().notes()))
                .orElseGet(() -> new Result(serviceArn, fixes, List.of(),
                        notes(second, "service not found when re-evaluated")));
    }

    private static Optional<ServiceReport> report(ReadinessScan.Evaluation evaluation, String serviceArn) {
        return evaluation.reports().stream().filter(r -> r.service().arn().equals(serviceArn)).findFirst();
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

    /** The fixes' results and every check's change; {@code notes} are the collector's for the last evaluation. */
    public record Result(String serviceArn, List<FixResult> fixes, List<CheckChange> checks, List<String> notes) {
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
