package io.github.ecsexecreadiness.report.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation.ComplianceType;
import io.github.ecsexecreadiness.report.config.EvaluationPublisher.Unrecorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EvaluationPublisherTest {
    private static final Instant AT = Instant.parse("2026-11-20T10:15:30.123Z");

    static List<ConfigEvaluation> evaluations(int n) {
        return IntStream.range(0, n).mapToObj(i -> new ConfigEvaluation(ConfigEvaluation.ECS_SERVICE, "svc-" + i,
                ComplianceType.COMPLIANT, null, AT)).toList();
    }

    @Test
    void sendsAtMostOneHundredPerCallWithTheSameToken() {
        FakeConfigRuleApi config = new FakeConfigRuleApi();

        List<Unrecorded> unrecorded = new EvaluationPublisher(config).publish(evaluations(250), "token-1");

        assertEquals(List.of(100, 100, 50), config.calls.stream().map(List::size).toList());
        assertEquals(List.of("token-1", "token-1", "token-1"), config.tokens);
        assertTrue(unrecorded.isEmpty());
    }

    @Test
    void retriesFailedEvaluationsOnceThenReportsThem() {
        FakeConfigRuleApi config = new FakeConfigRuleApi();
        // svc-3 is refused every time, svc-7 only the first time.
        List<String> refusedOnce = new ArrayList<>(List.of("svc-7"));
        config.answer = chunk -> chunk.stream()
                .filter(e -> e.resourceId().equals("svc-3") || refusedOnce.remove(e.resourceId()))
                .toList();

        List<Unrecorded> unrecorded = new EvaluationPublisher(config).publish(evaluations(10), "t");

        assertEquals(2, config.calls.size(), "one call, then one retry");
        assertEquals(List.of("svc-3", "svc-7"), config.calls.get(1).stream().map(ConfigEvaluation::resourceId).toList());
        assertEquals(List.of("svc-3"), unrecorded.stream().map(u -> u.evaluation().resourceId()).toList());
        assertEquals("listed in FailedEvaluations", unrecorded.get(0).reason());
    }

    @Test
    void aChunkWhoseCallFailsDoesNotLoseTheOthers() {
        FakeConfigRuleApi config = new FakeConfigRuleApi();
        config.answer = chunk -> {
            if (chunk.get(0).resourceId().equals("svc-100")) {
                throw new AwsApiException("Config.PutEvaluations", "ThrottlingException", "Rate exceeded");
            }
            return List.of();
        };

        List<Unrecorded> unrecorded = new EvaluationPublisher(config).publish(evaluations(150), "t");

        // Chunk 1 recorded; chunk 2 failed, was retried once, failed again: its 50 are reported with the error.
        assertEquals(List.of(100, 50, 50), config.calls.stream().map(List::size).toList());
        assertEquals(50, unrecorded.size());
        assertTrue(unrecorded.get(0).reason().contains("ThrottlingException"), unrecorded.get(0).reason());
    }

    @Test
    void nothingToSendMakesNoCall() {
        FakeConfigRuleApi config = new FakeConfigRuleApi();
        assertTrue(new EvaluationPublisher(config).publish(List.of(), "t").isEmpty());
        assertTrue(config.calls.isEmpty());
    }
}
