package io.github.ecsexecreadiness.report.config;

import io.github.ecsexecreadiness.collect.AwsApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * AWS Config in memory: records every PutEvaluations call (rejecting more than 100 evaluations, as Config
 * does); {@code answer} decides each call's FailedEvaluations and may throw. Tests fill {@code recorded},
 * {@code evaluated} and {@code clusters} with what Config knows.
 */
public final class FakeConfigRuleApi implements ConfigRuleApi {
    public final List<List<ConfigEvaluation>> calls = new ArrayList<>();
    public final List<String> tokens = new ArrayList<>();
    /** Config's resource id by service ARN: what ListDiscoveredResources + BatchGetResourceConfig return. */
    public final Map<String, String> recorded = new HashMap<>();
    /** The resource ids the rule holds evaluations for. */
    public final Set<String> evaluated = new HashSet<>();
    /** The cluster in each recorded service's latest configuration item, by resource id. */
    public final Map<String, String> clusters = new HashMap<>();
    public Function<List<ConfigEvaluation>, List<ConfigEvaluation>> answer = chunk -> List.of();

    @Override
    public List<ConfigEvaluation> putEvaluations(List<ConfigEvaluation> evaluations, String resultToken) {
        if (evaluations.size() > PUT_EVALUATIONS_MAX) {
            throw new AwsApiException("Config.PutEvaluations", "InvalidParameterValueException", "too many");
        }
        calls.add(List.copyOf(evaluations));
        tokens.add(resultToken);
        return answer.apply(evaluations);
    }

    @Override
    public Map<String, String> recordedServices() {
        return Map.copyOf(recorded);
    }

    @Override
    public Set<String> evaluatedResourceIds(String configRuleName) {
        return Set.copyOf(evaluated);
    }

    @Override
    public Optional<String> clusterOf(String resourceId) {
        return Optional.ofNullable(clusters.get(resourceId));
    }

    /** Every evaluation sent, retries included, in order. */
    public List<ConfigEvaluation> sent() {
        return calls.stream().flatMap(List::stream).toList();
    }
}
