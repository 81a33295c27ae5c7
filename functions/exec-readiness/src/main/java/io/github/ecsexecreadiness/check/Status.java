package io.github.ecsexecreadiness.check;

/** The outcome of one check for one service; {@link ServiceReport#readiness} combines them. */
public enum Status {
    /** The prerequisite holds. */
    PASS,
    /** ECS Exec will not work until this is fixed. */
    FAIL,
    /** ECS Exec may work, but degraded, or not for every container or session. */
    WARN,
    /** The APIs cannot decide it (unreadable data, conditions, paths outside the account). */
    UNKNOWN,
    /** The prerequisite does not apply to this service. */
    NOT_APPLICABLE
}
