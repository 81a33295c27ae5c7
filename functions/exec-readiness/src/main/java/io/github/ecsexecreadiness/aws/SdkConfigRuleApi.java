package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation;
import io.github.ecsexecreadiness.report.config.ConfigRuleApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.BaseConfigurationItem;
import software.amazon.awssdk.services.config.model.BatchGetResourceConfigResponse;
import software.amazon.awssdk.services.config.model.ComplianceType;
import software.amazon.awssdk.services.config.model.Evaluation;
import software.amazon.awssdk.services.config.model.EvaluationResult;
import software.amazon.awssdk.services.config.model.ResourceIdentifier;
import software.amazon.awssdk.services.config.model.ResourceKey;

/**
 * {@link ConfigRuleApi} over the AWS SDK. {@code testMode} sends PutEvaluations with TestMode, which checks
 * the request but stores nothing (for emulators and dry runs).
 */
public final class SdkConfigRuleApi implements ConfigRuleApi {
    private static final int BATCH_GET_MAX = 100;
    private static final int UNPROCESSED_RETRIES = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigClient config;
    private final boolean testMode;

    public SdkConfigRuleApi(ConfigClient config, boolean testMode) {
        this.config = config;
        this.testMode = testMode;
    }

    @Override
    public List<ConfigEvaluation> putEvaluations(List<ConfigEvaluation> evaluations, String resultToken) {
        Map<String, ConfigEvaluation> byResourceId = new HashMap<>();
        List<Evaluation> request = new ArrayList<>();
        for (ConfigEvaluation e : evaluations) {
            byResourceId.put(e.resourceId(), e);
            request.add(Evaluation.builder()
                    .complianceResourceType(e.resourceType())
                    .complianceResourceId(e.resourceId())
                    .complianceType(ComplianceType.fromValue(e.complianceType().name()))
                    .annotation(e.annotation())
                    .orderingTimestamp(e.orderingTimestamp())
                    .build());
        }
        List<Evaluation> failed = call("Config.PutEvaluations", () -> config.putEvaluations(r -> r
                .evaluations(request).resultToken(resultToken).testMode(testMode)).failedEvaluations());
        return failed.stream().map(f -> byResourceId.get(f.complianceResourceId())).toList();
    }

    @Override
    public Map<String, String> recordedServices() {
        List<String> resourceIds = call("Config.ListDiscoveredResources", () -> config
                .listDiscoveredResourcesPaginator(r -> r.resourceType(ConfigEvaluation.ECS_SERVICE))
                .resourceIdentifiers().stream().map(ResourceIdentifier::resourceId).toList());
        Map<String, String> byArn = new HashMap<>();
        for (int from = 0; from < resourceIds.size(); from += BATCH_GET_MAX) {
            List<ResourceKey> keys = resourceIds.subList(from, Math.min(from + BATCH_GET_MAX, resourceIds.size()))
                    .stream().map(id -> ResourceKey.builder().resourceType(ConfigEvaluation.ECS_SERVICE)
                            .resourceId(id).build()).toList();
            for (int attempt = 0; !keys.isEmpty() && attempt <= UNPROCESSED_RETRIES; attempt++) {
                List<ResourceKey> batch = keys;
                BatchGetResourceConfigResponse response = call("Config.BatchGetResourceConfig",
                        () -> config.batchGetResourceConfig(r -> r.resourceKeys(batch)));
                for (BaseConfigurationItem item : response.baseConfigurationItems()) {
                    byArn.put(item.arn(), item.resourceId());
                }
                keys = response.unprocessedResourceKeys();
            }
        }
        return byArn;
    }

    @Override
    public Set<String> evaluatedResourceIds(String configRuleName) {
        return call("Config.GetComplianceDetailsByConfigRule", () -> {
            Set<String> ids = new HashSet<>();
            // Resources already NOT_APPLICABLE need nothing more (the rdk's clean-up filters the same way).
            for (EvaluationResult result : config.getComplianceDetailsByConfigRulePaginator(r -> r
                    .configRuleName(configRuleName).complianceTypes(ComplianceType.COMPLIANT,
                            ComplianceType.NON_COMPLIANT).limit(100)).evaluationResults()) {
                ids.add(result.evaluationResultIdentifier().evaluationResultQualifier().resourceId());
            }
            return ids;
        });
    }

    @Override
    public Optional<String> clusterOf(String resourceId) {
        return call("Config.GetResourceConfigHistory", () -> config.getResourceConfigHistory(r -> r
                        .resourceType(ConfigEvaluation.ECS_SERVICE).resourceId(resourceId).limit(1))
                .configurationItems().stream().findFirst())
                .flatMap(item -> cluster(item.configuration()));
    }

    /** The API returns the item's configuration as a JSON string (the event carries an object). */
    private static Optional<String> cluster(String configuration) {
        if (configuration == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readTree(configuration).path("Cluster").textValue());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
