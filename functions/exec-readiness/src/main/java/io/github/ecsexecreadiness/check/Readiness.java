package io.github.ecsexecreadiness.check;

/** Whether a service will take an ECS Exec session, as far as the snapshot can tell. */
public enum Readiness {
    /** No check FAILs and every check that can stop a session is decided: a session will start. */
    READY,
    /** A check FAILs: sessions will not start until it is fixed. */
    NOT_READY,
    /** No check FAILs, but a check that can stop a session is UNKNOWN: the APIs cannot tell whether it will. */
    UNDETERMINED;

    /** The worse of two: NOT_READY, then UNDETERMINED, then READY (for a set of services). */
    public Readiness worse(Readiness other) {
        return this == NOT_READY || other == NOT_READY ? NOT_READY
                : this == UNDETERMINED || other == UNDETERMINED ? UNDETERMINED : READY;
    }
}
