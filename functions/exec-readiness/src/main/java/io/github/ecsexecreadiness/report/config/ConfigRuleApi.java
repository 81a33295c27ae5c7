package io.github.ecsexecreadiness.report.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS Config operations the Config rule needs. Implementations throw
 * {@link io.github.ecsexecreadiness.collect.AwsApiException} on an AWS error.
 */
public interface ConfigRuleApi {
    int PUT_EVALUATIONS_MAX = 100;

    /** PutEvaluations with at most {@value #PUT_EVALUATIONS_MAX} evaluations; returns the FailedEvaluations. */
    List<ConfigEvaluation> putEvaluations(List<ConfigEvaluation> evaluations, String resultToken);

    /**
     * Every AWS::ECS::Service that AWS Config records in this account and Region: Config's resource id by
     * service ARN (ListDiscoveredResources, then BatchGetResourceConfig for the ARNs).
     */
    Map<String, String> recordedServices();

    /**
     * The resource ids this rule holds a COMPLIANT or NON_COMPLIANT evaluation for
     * (GetComplianceDetailsByConfigRule).
     */
    Set<String> evaluatedResourceIds(String configRuleName);

    /** The cluster of a recorded service, from its latest configuration item (GetResourceConfigHistory). */
    Optional<String> clusterOf(String resourceId);
}
