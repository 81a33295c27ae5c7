package io.github.ecsexecreadiness.apply;

import io.github.ecsexecreadiness.plan.PlannedFix;

/**
 * What became of one planned fix. {@code before} and {@code after} describe the state the fix looked at and
 * left, in one line each (null when it was not read or nothing was done).
 */
public record FixResult(PlannedFix planned, Outcome outcome, String reason, String before, String after) {

    public enum Outcome {
        /** The change was made. */
        APPLIED,
        /** Nothing to do: the change was found already made (by an earlier run, a person, or this run). */
        ALREADY_DONE,
        /** Not attempted: not planned as APPLY, or a guardrail said no; {@code reason} says which. */
        SKIPPED,
        /** AWS refused or failed; {@code reason} names the operation and error code. */
        FAILED
    }
}
