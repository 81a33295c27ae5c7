package io.github.ecsexecreadiness.report.config;

import io.github.ecsexecreadiness.collect.AwsApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends evaluations to AWS Config in chunks of at most 100, all with the invocation's result token. What
 * Config refuses (FailedEvaluations, or a chunk whose call failed after the SDK's own retries) is sent once
 * more; what still fails is returned with the reason so the caller reports it: nothing is dropped silently.
 */
public final class EvaluationPublisher {
    private final ConfigRuleApi config;

    public EvaluationPublisher(ConfigRuleApi config) {
        this.config = config;
    }

    /** An evaluation Config did not record, and why. */
    public record Unrecorded(ConfigEvaluation evaluation, String reason) {}

    /** @return the evaluations Config did not record after one retry */
    public List<Unrecorded> publish(List<ConfigEvaluation> evaluations, String resultToken) {
        List<Unrecorded> firstTry = sendInChunks(evaluations, resultToken);
        return sendInChunks(firstTry.stream().map(Unrecorded::evaluation).toList(), resultToken);
    }

    private List<Unrecorded> sendInChunks(List<ConfigEvaluation> evaluations, String resultToken) {
        List<Unrecorded> failed = new ArrayList<>();
        for (int from = 0; from < evaluations.size(); from += ConfigRuleApi.PUT_EVALUATIONS_MAX) {
            List<ConfigEvaluation> chunk = evaluations.subList(from,
                    Math.min(from + ConfigRuleApi.PUT_EVALUATIONS_MAX, evaluations.size()));
            try {
                config.putEvaluations(chunk, resultToken).forEach(e ->
                        failed.add(new Unrecorded(e, "listed in FailedEvaluations")));
            } catch (AwsApiException e) {
                chunk.forEach(evaluation -> failed.add(new Unrecorded(evaluation, e.getMessage())));
            }
        }
        return failed;
    }
}
