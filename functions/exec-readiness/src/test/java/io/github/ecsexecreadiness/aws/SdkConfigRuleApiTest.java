package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.ecsexecreadiness.report.config.ConfigEvaluation;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation.ComplianceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.Evaluation;
import software.amazon.awssdk.services.config.model.EvaluationResult;
import software.amazon.awssdk.services.config.model.EvaluationResultIdentifier;
import software.amazon.awssdk.services.config.model.EvaluationResultQualifier;
import software.amazon.awssdk.services.config.model.GetComplianceDetailsByConfigRuleRequest;
import software.amazon.awssdk.services.config.model.GetComplianceDetailsByConfigRuleResponse;
import software.amazon.awssdk.services.config.model.PutEvaluationsRequest;
import software.amazon.awssdk.services.config.model.PutEvaluationsResponse;

/** The Config requests the rule sends, on a fake client (moto's Config does not evaluate rules). */
class SdkConfigRuleApiTest {
    private static final Instant AT = Instant.parse("2026-11-20T10:15:30.123Z");

    private final List<Object> requests = new ArrayList<>();

    @Test
    void evaluatedResourceIdsAreTheCompliantAndNonCompliantOnesOfEveryPage() {
        var api = new SdkConfigRuleApi(fake(GetComplianceDetailsByConfigRuleRequest.class, request ->
                GetComplianceDetailsByConfigRuleResponse.builder()
                        .evaluationResults(result(request.nextToken() == null ? "id-1" : "id-2"))
                        .nextToken(request.nextToken() == null ? "page-2" : null).build()), false);

        assertEquals(Set.of("id-1", "id-2"), api.evaluatedResourceIds("ecs-exec-readiness"));

        var first = (GetComplianceDetailsByConfigRuleRequest) requests.get(0);
        assertEquals("ecs-exec-readiness", first.configRuleName());
        assertEquals(List.of(software.amazon.awssdk.services.config.model.ComplianceType.COMPLIANT,
                software.amazon.awssdk.services.config.model.ComplianceType.NON_COMPLIANT), first.complianceTypes());
        assertEquals(100, first.limit());
        assertEquals(2, requests.size());
    }

    @Test
    void putEvaluationsSendsTheTokenAndReturnsWhatConfigRefused() {
        var api = new SdkConfigRuleApi(fake(PutEvaluationsRequest.class, request -> PutEvaluationsResponse.builder()
                .failedEvaluations(request.evaluations().get(1)).build()), true);
        var ready = new ConfigEvaluation(ConfigEvaluation.ECS_SERVICE, "id-1", ComplianceType.COMPLIANT, null, AT);
        var gone = ConfigEvaluation.notApplicable("id-2", "the service no longer exists", AT);

        assertEquals(List.of(gone), api.putEvaluations(List.of(ready, gone), "token-1"));

        var request = (PutEvaluationsRequest) requests.get(0);
        assertEquals("token-1", request.resultToken());
        assertEquals(true, request.testMode());
        Evaluation first = request.evaluations().get(0);
        assertEquals("AWS::ECS::Service", first.complianceResourceType());
        assertEquals("COMPLIANT", first.complianceTypeAsString());
        assertEquals(AT, first.orderingTimestamp());
        assertNull(first.annotation(), "no annotation rather than an empty one");
        assertEquals("NOT_APPLICABLE", request.evaluations().get(1).complianceTypeAsString());
    }

    private static EvaluationResult result(String resourceId) {
        return EvaluationResult.builder().evaluationResultIdentifier(EvaluationResultIdentifier.builder()
                .evaluationResultQualifier(EvaluationResultQualifier.builder().resourceId(resourceId).build())
                .build()).build();
    }

    private <Q> ConfigClient fake(Class<Q> requestType, Function<Q, Object> answer) {
        return FakeSdkClient.of(ConfigClient.class, requestType, answer, requests);
    }
}
