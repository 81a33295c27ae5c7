package io.github.ecsexecreadiness.report.config;

import java.time.Instant;
import java.util.Objects;

/**
 * One AWS Config evaluation, as PutEvaluations takes it. {@code resourceId} is Config's own identifier of the
 * service, echoed verbatim (it is opaque for AWS::ECS::Service); {@code annotation} is 1-256 characters or null.
 */
public record ConfigEvaluation(String resourceType, String resourceId, ComplianceType complianceType,
                               String annotation, Instant orderingTimestamp) {
    public static final String ECS_SERVICE = "AWS::ECS::Service";
    public static final int ANNOTATION_MAX = 256;

    public enum ComplianceType { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE }

    public ConfigEvaluation {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(complianceType, "complianceType");
        Objects.requireNonNull(orderingTimestamp, "orderingTimestamp");
        if (annotation != null && (annotation.isEmpty() || annotation.length() > ANNOTATION_MAX)) {
            throw new IllegalArgumentException("annotation must be 1-256 characters: " + annotation.length());
        }
    }

    public static ConfigEvaluation notApplicable(String resourceId, String why, Instant orderingTimestamp) {
        return notApplicable(ECS_SERVICE, resourceId, why, orderingTimestamp);
    }

    /** For a resource of another type: Config keys evaluations by type and id, so both must be echoed. */
    public static ConfigEvaluation notApplicable(String resourceType, String resourceId, String why,
                                                 Instant orderingTimestamp) {
        return new ConfigEvaluation(resourceType, resourceId, ComplianceType.NOT_APPLICABLE,
                ConfigEvaluations.fit(why), orderingTimestamp);
    }
}
