package io.github.ecsexecreadiness.plan;

import io.github.ecsexecreadiness.plan.PlannedFix.Decision;
import java.util.List;

/**
 * What the remediator will do about one service, in the order it must happen: task-role permissions, then the
 * network, then the redeployment (new tasks must start with everything in place), then what only a person can do.
 */
public record Plan(String serviceArn, List<PlannedFix> fixes) {
    public Plan {
        fixes = List.copyOf(fixes);
    }

    /** The fixes every guardrail allows, in the order to apply them. */
    public List<PlannedFix> toApply() {
        return with(Decision.APPLY);
    }

    /** Allowed, but only logged (dry run or report-only mode). */
    public List<PlannedFix> dryRun() {
        return with(Decision.DRY_RUN);
    }

    /** Stopped by a guardrail, or by data a guardrail needed and could not read. */
    public List<PlannedFix> blocked() {
        return with(Decision.BLOCKED);
    }

    /** What a person must do. */
    public List<PlannedFix> manual() {
        return with(Decision.MANUAL);
    }

    public boolean isEmpty() {
        return fixes.isEmpty();
    }

    private List<PlannedFix> with(Decision decision) {
        return fixes.stream().filter(f -> f.decision() == decision).toList();
    }
}
