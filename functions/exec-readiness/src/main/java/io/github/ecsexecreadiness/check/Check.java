package io.github.ecsexecreadiness.check;

import java.util.Objects;

/**
 * One readiness prerequisite: a pure function of the snapshot. Reading unreadable data throws
 * {@link io.github.ecsexecreadiness.collect.Unreadable}, which the engine reports as UNKNOWN. A check is built
 * with what it declares about itself: its metadata and how a FAIL is repaired.
 */
public abstract class Check {
    private final CheckMetadata metadata;
    private final Remedy remedy;

    /** A check only a person repairs, following the metadata's remediation text. */
    protected Check(CheckMetadata metadata) {
        this(metadata, Remedy.MANUAL);
    }

    protected Check(CheckMetadata metadata, Remedy remedy) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.remedy = Objects.requireNonNull(remedy, "remedy");
    }

    public final CheckMetadata metadata() {
        return metadata;
    }

    /** How a FAIL can be repaired. */
    public final Remedy remedy() {
        return remedy;
    }

    public abstract CheckResult evaluate(ServiceFacts service);

    public CheckResult pass(String reason, Object... args) {
        return result(Status.PASS, reason, args);
    }

    public CheckResult fail(String reason, Object... args) {
        return result(Status.FAIL, reason, args);
    }

    public CheckResult warn(String reason, Object... args) {
        return result(Status.WARN, reason, args);
    }

    public CheckResult unknown(String reason, Object... args) {
        return result(Status.UNKNOWN, reason, args);
    }

    public CheckResult notApplicable(String reason, Object... args) {
        return result(Status.NOT_APPLICABLE, reason, args);
    }

    private CheckResult result(Status status, String reason, Object... args) {
        return new CheckResult(metadata, status, args.length == 0 ? reason : String.format(reason, args));
    }
}
