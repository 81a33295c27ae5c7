package io.github.ecsexecreadiness.plan;

import io.github.ecsexecreadiness.fix.Fix;

/** A fix and what the guardrails decided about it, with the reason a person reads. */
public record PlannedFix(Fix fix, Decision decision, String reason) {

    public enum Decision {
        /** Every guardrail allows it: the applier makes the change. */
        APPLY,
        /** Allowed, but dry-run (or report-only): logged, not made. */
        DRY_RUN,
        /** A guardrail stops it; {@code reason} says which and why. */
        BLOCKED,
        /** Never automatic; {@code reason} says what a person must do. */
        MANUAL
    }
}
