package io.github.ecsexecreadiness.cli.preflight;

import java.util.Set;

/**
 * Where Lambda SnapStart is offered. No API says so: the Lambda Developer Guide, "Improving startup performance
 * with Lambda SnapStart", section "Supported Regions" ({@value #SOURCE}), reads "Lambda SnapStart is available in
 * all commercial Regions except Asia Pacific (New Zealand) and Asia Pacific (Taipei)". The commercial Regions are
 * those the SDK (2.40.2) lists in partition {@code aws} when this was written; a Region not listed here is
 * UNKNOWN, not a guess.
 */
public final class SnapStartRegions {
    public static final String SOURCE = "https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html#snapstart-supported-regions";

    /** The two commercial Regions the guide excepts: Taipei and New Zealand. */
    static final Set<String> NOT_OFFERED = Set.of("ap-east-2", "ap-southeast-6");
    static final Set<String> COMMERCIAL = Set.of("af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1",
            "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2",
            "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1",
            "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1",
            "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1",
            "us-east-1", "us-east-2", "us-west-1", "us-west-2");

    public enum Offered { YES, NO, UNKNOWN }

    private SnapStartRegions() {}

    public static Offered offered(String region) {
        if (NOT_OFFERED.contains(region)) {
            return Offered.NO;
        }
        return COMMERCIAL.contains(region) ? Offered.YES : Offered.UNKNOWN;
    }
}
