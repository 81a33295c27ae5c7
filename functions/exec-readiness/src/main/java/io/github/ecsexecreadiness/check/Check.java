package io.github.ecsexecreadiness.check;

/**
 * One readiness prerequisite: a pure function of the snapshot. Reading unreadable data throws
 * {@link io.github.ecsexecreadiness.collect.Unreadable}, which the engine reports as UNKNOWN.
 */
public interface Check {

    CheckMetadata metadata();

    CheckResult evaluate(ServiceFacts service);

    /** How a FAIL can be repaired; by default only by a person, following the metadata's remediation text. */
    default Remedy remedy() {
        return Remedy.MANUAL;
    }

    default CheckResult pass(String reason, Object... args) {
        return result(Status.PASS, reason, args);
    }

    default CheckResult fail(String reason, Object... args) {
        return result(Status.FAIL, reason, args);
    }

    default CheckResult warn(String reason, Object... args) {
        return result(Status.WARN, reason, args);
    }

    default CheckResult unknown(String reason, Object... args) {
        return result(Status.UNKNOWN, reason, args);
    }

    default CheckResult notApplicable(String reason, Object... args) {
        return result(Status.NOT_APPLICABLE, reason, args);
    }

    private CheckResult result(Status status, String reason, Object... args) {
        return new CheckResult(metadata(), status, args.length == 0 ? reason : String.format(reason, args));
    }
}
