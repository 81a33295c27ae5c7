package io.github.ecsexecreadiness.report.config;

import static io.github.ecsexecreadiness.iam.PolicyStatement.CONFIG_EVALUATIONS;
import static io.github.ecsexecreadiness.iam.PolicyStatement.CONFIG_STALE_EVALUATIONS;

import io.github.ecsexecreadiness.iam.CallsAws;
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
    @CallsAws(operation = "Config.PutEvaluations", statements = CONFIG_EVALUATIONS)
    List<ConfigEvaluation> putEvaluations(List<ConfigEvaluation> evaluations, String resultToken);

    /**
     * Every AWS::ECS::Service that AWS Config records in this account and Region: Config's resource id by
     * service ARN (ListDiscoveredResources, then BatchGetResourceConfig for the ARNs).
     */
    @CallsAws(operation = "Config.ListDiscoveredResources", statements = CONFIG_EVALUATIONS)
    @CallsAws(operation = "Config.BatchGetResourceConfig", statements = CONFIG_EVALUATIONS)
    Map<String, String> recordedServices();

    /**
     * The resource ids this rule holds a COMPLIANT or NON_COMPLIANT evaluation for
     * (GetComplianceDetailsByConfigRule).
     */
    @CallsAws(operation = "Config.GetComplianceDetailsByConfigRule", statements = CONFIG_STALE_EVALUATIONS)
    Set<String> evaluatedResourceIds(String configRuleName);

    /** The cluster of a recorded service, from its latest configuration item (GetResourceConfigHistory). */
    @CallsAws(operation = "Config.GetResourceConfigHistory", statements = CONFIG_EVALUATIONS)
    Optional<String> clusterOf(String resourceId);
}
