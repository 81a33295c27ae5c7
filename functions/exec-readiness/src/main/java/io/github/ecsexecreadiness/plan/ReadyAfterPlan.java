package io.github.ecsexecreadiness.plan;

import io.github.ecsexecreadiness.fix.Fix;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.collect.Unreadable;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.plan.PlannedFix.Decision;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A redeployment runs only if the service will be ready afterwards. The plan's effect is worked out on the
 * report: each FAIL is either repaired by a fix the plan allows ({@link Checks#repairedBy}) or remains. A forced
 * deployment replaces every task and switches a shell capability on; while a FAIL that no allowed fix repairs
 * remains (a pinned Fargate 1.3.0, a read-only root, an explicit Deny, a network path left to a person...), the
 * new tasks could not take a session either, so the redeployment is BLOCKED, naming what remains. When no running
 * task has ECS Exec on, every other automatic fix serves only the new tasks of that redeployment, and is blocked
 * with it.
 */
final class ReadyAfterPlan {
    private ReadyAfterPlan() {}

    static List<PlannedFix> require(ServiceReport report, ServiceFacts facts, List<PlannedFix> fixes) {
        List<CheckResult> remaining = remaining(report, fixes);
        List<PlannedFix> checked = fixes.stream().map(planned -> remaining.isEmpty() || !redeploys(planned)
                || !allowed(planned) ? planned : block(planned, "the service would not be ready after it: "
                + failing(remaining) + " would still FAIL, so the new tasks could not take a session either"))
                .toList();
        var redeploy = checked.stream().filter(ReadyAfterPlan::redeploys).findFirst();
        if (redeploy.isEmpty() || allowed(redeploy.get()) || !onlyNewTasksCanExec(facts)) {
            return checked;
        }
        String why = "only the new tasks of the redeployment could use it, and the redeployment is blocked ("
                + redeploy.get().reason() + ")";
        return checked.stream().map(planned -> redeploys(planned) || !allowed(planned)
                || planned.fix().kind() == Fix.Kind.MANUAL ? planned : block(planned, why)).toList();
    }

    /** The FAIL results the allowed fixes leave: not repaired by one, or also the concern of a fix that cannot run. */
    static List<CheckResult> remaining(ServiceReport report, List<PlannedFix> fixes) {
        Set<String> repaired = new HashSet<>();
        Set<String> left = new HashSet<>();
        for (PlannedFix planned : fixes) {
            if (allowed(planned)) {
                repaired.addAll(Checks.repairedBy(planned.fix()));
            } else {
                // A person's step or a blocked fix: its check (and those sharing its remedy) stays failing.
                left.add(planned.fix().checkId());
                left.addAll(Checks.repairedBy(planned.fix()));
            }
        }
        return report.withStatus(Status.FAIL).stream()
                .filter(result -> !repaired.contains(result.id()) || left.contains(result.id())).toList();
    }

    private static boolean allowed(PlannedFix planned) {
        return planned.decision() == Decision.APPLY || planned.decision() == Decision.DRY_RUN;
    }

    private static boolean redeploys(PlannedFix planned) {
        return planned.fix().kind() == Fix.Kind.EXEC_REDEPLOY;
    }

    /** Tasks unreadable count as none with exec: a fix then waits for a redeployment that can really happen. */
    private static boolean onlyNewTasksCanExec(ServiceFacts facts) {
        try {
            return facts.runningTasks().stream().noneMatch(Ecs.Task::enableExecuteCommand);
        } catch (Unreadable e) {
            return true;
        }
    }

    private static PlannedFix block(PlannedFix planned, String why) {
        return new PlannedFix(planned.fix(), Decision.BLOCKED, why);
    }

    private static String failing(List<CheckResult> remaining) {
        return remaining.stream().map(result -> result.id() + " (" + result.reason() + ")")
                .collect(Collectors.joining(", "));
    }
}
