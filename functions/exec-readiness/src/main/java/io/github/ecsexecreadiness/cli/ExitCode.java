package io.github.ecsexecreadiness.cli;

/** The exit codes of every command. */
final class ExitCode {
    /** Ready, or nothing to do. */
    static final int READY = 0;
    /** Not ready, or something blocks. */
    static final int NOT_READY = 1;
    /** Bad arguments, or an error that stopped the run. */
    static final int ERROR = 2;
    /** scan: no service is not ready, but a check that can stop a session is UNKNOWN for some. */
    static final int UNDETERMINED = 3;

    private ExitCode() {}
}
