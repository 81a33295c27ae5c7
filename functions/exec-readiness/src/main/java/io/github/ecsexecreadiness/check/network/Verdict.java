package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.check.Status;

/** The outcome for one placement: {@code where} names the tasks, {@code detail} the path and what holds or breaks. */
record Verdict(String where, Status status, String detail) implements Placements.Located {

    static Verdict pass(String detail, Object... args) {
        return new Verdict(null, Status.PASS, detail.formatted(args));
    }

    static Verdict fail(String detail, Object... args) {
        return new Verdict(null, Status.FAIL, detail.formatted(args));
    }

    static Verdict unknown(String detail, Object... args) {
        return new Verdict(null, Status.UNKNOWN, detail.formatted(args));
    }

    Verdict at(String where) {
        return new Verdict(where, status, detail);
    }

    @Override
    public String toString() {
        return where + ": " + detail;
    }
}
