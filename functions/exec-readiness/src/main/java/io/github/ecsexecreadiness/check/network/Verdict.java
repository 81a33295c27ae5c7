package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.check.Status;

/**
 * The outcome for one placement: {@code where} names the tasks, {@code detail} the path and what holds or breaks;
 * {@code egress} how a path that holds leaves the VPC (null otherwise), what IAM's request context depends on.
 */
record Verdict(String where, Status status, String detail, Egress egress) implements Placements.Located {

    /**
     * How a call leaves the VPC: through a VPC endpoint ({@code vpcEndpointId}), or to the internet (null) through
     * {@code how} (a NAT gateway, an internet gateway).
     */
    record Egress(String vpcEndpointId, String vpcId, String how) {}

    Verdict(String where, Status status, String detail) {
        this(where, status, detail, null);
    }

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
        return new Verdict(where, status, detail, egress);
    }

    Verdict through(String vpcEndpointId, String vpcId, String how) {
        return new Verdict(where, status, detail, new Egress(vpcEndpointId, vpcId, how));
    }

    @Override
    public String toString() {
        return where + ": " + detail;
    }
}
