package io.github.ecsexecreadiness.handler;

import static io.github.ecsexecreadiness.handler.HandlerFixture.Lambda.CONFIG_RULE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation.ComplianceType;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation;
import io.github.ecsexecreadiness.report.config.ConfigRuleReport;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Config rule end to end: handler, scan of the in-memory account, PutEvaluations on a fake Config. */
@ReadsRepositoryFiles
class ConfigRuleTest {

    private final HandlerFixture fixture = new HandlerFixture();

    private Map<String, ConfigEvaluation> sentByResourceId() {
        return fixture.config.sent().stream().collect(Collectors.toMap(ConfigEvaluation::resourceId, e -> e));
    }

    @Test
    void aSweepOfMoreThanOneHundredServicesIsSentInChunksWithTheSameToken() throws IOException {
        for (int i = 0; i < 230; i++) {
            Ecs.Service service = fixture.account.putReadyFargateService("shop", "svc-" + i,
                    Scenario.TASK_DEFINITION_ARN, 1);
            fixture.config.recorded.put(service.arn(), "id-" + i);
        }

        String event = HandlerFixture.sample("config-scheduled.json");
        String token = HandlerFixture.json().readTree(event).path("resultToken").asText();

        JsonNode result = fixture.invoke(CONFIG_RULE, event);

        assertEquals(List.of(100, 100, 30), fixture.config.calls.stream().map(List::size).toList());
        assertEquals(List.of(token, token, token), fixture.config.tokens);
        assertEquals(230, sentByResourceId().size(), "each service once");
        assertTrue(fixture.config.sent().stream().allMatch(e -> e.complianceType() == ComplianceType.COMPLIANT));
        assertEquals(230, result.path("evaluations").asInt());
        assertEquals(230, fixture.metric("EvaluationsRecorded"));
    }

    @Test
    void aSweepSkipsServicesConfigDoesNotRecordAndClearsThoseItNoLongerRecords() throws IOException {
        fixture.account.put(Scenario.ready());
        fixture.account.putReadyFargateService("shop", "unrecorded", Scenario.TASK_DEFINITION_ARN, 1);
        fixture.config.recorded.put(Scenario.SERVICE_ARN, HandlerFixture.RESOURCE_ID);
        fixture.config.evaluated.add(HandlerFixture.RESOURCE_ID);
        fixture.config.evaluated.add("deleted-service-id");

        fixture.invoke(CONFIG_RULE, HandlerFixture.sample("config-scheduled.json"));

        Map<String, ConfigEvaluation> sent = sentByResourceId();
        assertEquals(Map.of(HandlerFixture.RESOURCE_ID, ComplianceType.COMPLIANT,
                        "deleted-service-id", ComplianceType.NOT_APPLICABLE),
                sent.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().complianceType())));
        assertEquals(1, fixture.metric("ServicesNotRecordedByConfig"));
        assertEquals(2, fixture.logLines("INFO", "service evaluated").size(), "both evaluated, one reported");
    }

    @Test
    void annotationsStayWithin256Characters() throws IOException {
        // Every check undecided, and one failing: far more ids than 256 characters hold.
        fixture.account.put(Scenario.ready().withService(b -> b.enableExecuteCommand(false)));
        fixture.account.fail("ECS.DescribeTaskDefinition", "AccessDeniedException");
        fixture.account.fail("IAM.GetRole", "AccessDeniedException");
        fixture.account.fail("EC2.DescribeNetworkInterfaces", "AccessDeniedException");

        fixture.invoke(CONFIG_RULE, HandlerFixture.sample("config-item-change.json"));

        String annotation = fixture.config.sent().get(0).annotation();
        assertTrue(annotation.startsWith("Not ready for ECS Exec; failing: exec.service-flag"), annotation);
        assertEquals(ConfigEvaluation.ANNOTATION_MAX, annotation.length(), annotation);
        assertTrue(annotation.endsWith(" [truncated]"), annotation);
    }

    @Test
    void evaluationsConfigDoesNotRecordAreRetriedOnceThenLoggedAndFailTheInvocation() {
        fixture.account.put(Scenario.ready());
        fixture.config.answer = chunk -> chunk; // every evaluation listed in FailedEvaluations, every time

        assertThrows(ConfigRuleReport.EvaluationsNotRecordedException.class,
                () -> fixture.invoke(CONFIG_RULE, HandlerFixture.sample("config-item-change.json")));

        assertEquals(2, fixture.config.calls.size(), "sent, then retried once");
        List<JsonNode> errors = fixture.logLines("ERROR", "evaluation not recorded by AWS Config");
        assertEquals(1, errors.size(), fixture.lines().toString());
        assertEquals(HandlerFixture.RESOURCE_ID, errors.get(0).path("resourceId").asText());
        assertEquals("COMPLIANT", errors.get(0).path("complianceType").asText());
        assertEquals("listed in FailedEvaluations", errors.get(0).path("reason").asText());
        assertEquals(1, fixture.metric("EvaluationsFailed"), "metrics are flushed even when the invocation fails");
    }

    @Test
    void anEvaluationRecordedOnTheRetryDoesNotFailTheInvocation() throws IOException {
        fixture.account.put(Scenario.ready());
        int[] calls = {0};
        fixture.config.answer = chunk -> calls[0]++ == 0 ? chunk : List.of();

        JsonNode result = fixture.invoke(CONFIG_RULE, HandlerFixture.sample("config-item-change.json"));

        assertEquals("recorded", result.path("status").asText());
        assertEquals(2, fixture.config.calls.size());
        assertTrue(fixture.logLines("ERROR", "evaluation not recorded by AWS Config").isEmpty());
    }

    @Test
    void aPutEvaluationsErrorIsRetriedOnceThenFailsTheInvocation() {
        fixture.account.put(Scenario.ready());
        fixture.config.answer = chunk -> {
            throw new AwsApiException("Config.PutEvaluations", "InvalidResultTokenException", "expired");
        };

        assertThrows(ConfigRuleReport.EvaluationsNotRecordedException.class,
                () -> fixture.invoke(CONFIG_RULE, HandlerFixture.sample("config-item-change.json")));

        List<JsonNode> errors = fixture.logLines("ERROR", "evaluation not recorded by AWS Config");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).path("reason").asText().contains("InvalidResultTokenException"), errors.toString());
    }

    @Test
    void aChangeForAServiceThatNoLongerExistsIsNotApplicable() throws IOException {
        fixture.account.put(Scenario.ready());
        fixture.account.deleteService(Scenario.SERVICE_ARN);

        JsonNode result = fixture.invoke(CONFIG_RULE, HandlerFixture.sample("config-item-change.json"));

        assertEquals("recorded", result.path("status").asText());
        ConfigEvaluation evaluation = fixture.config.sent().get(0);
        assertEquals(ComplianceType.NOT_APPLICABLE, evaluation.complianceType());
        assertEquals(HandlerFixture.RESOURCE_ID, evaluation.resourceId());
        assertEquals("the service no longer exists", evaluation.annotation());
    }

    @Test
    void aChangeForAServiceWhoseClusterIsGoneIsNotApplicable() throws IOException {
        // Nothing in the account: DescribeClusters reports the cluster as a failure (MISSING).
        JsonNode result = fixture.invoke(CONFIG_RULE, HandlerFixture.sample("config-item-change.json"));

        assertEquals("recorded", result.path("status").asText());
        assertEquals(ComplianceType.NOT_APPLICABLE, fixture.config.sent().get(0).complianceType());
    }

    @Test
    void accessDeniedOnOneClustersTasksDoesNotLoseTheOtherServices() throws IOException {
        fixture.account.put(Scenario.ready());
        Ecs.Service other = fixture.account.putReadyFargateService("batch", "worker", Scenario.TASK_DEFINITION_ARN, 1);
        fixture.config.recorded.put(Scenario.SERVICE_ARN, HandlerFixture.RESOURCE_ID);
        fixture.config.recorded.put(other.arn(), "worker-id");
        fixture.account.fail("ECS.DescribeTasks", other.clusterArn(), "AccessDeniedException");

        fixture.invoke(CONFIG_RULE, HandlerFixture.sample("config-scheduled.json"));

        Map<String, ConfigEvaluation> sent = sentByResourceId();
        assertEquals(2, sent.size(), sent.toString());
        assertEquals(ComplianceType.COMPLIANT, sent.get(HandlerFixture.RESOURCE_ID).complianceType());
        assertTrue(sent.get(HandlerFixture.RESOURCE_ID).annotation().equals("Ready for ECS Exec"),
                sent.get(HandlerFixture.RESOURCE_ID).annotation());
        assertTrue(sent.get("worker-id").annotation().contains("undecided"), sent.get("worker-id").annotation());
        // Its tasks could not be read: whether they take a session is undetermined, which is not COMPLIANT.
        assertEquals(ComplianceType.NON_COMPLIANT, sent.get("worker-id").complianceType());
        assertTrue(sent.get("worker-id").annotation().startsWith("Readiness for ECS Exec undetermined; undecided: "),
                sent.get("worker-id").annotation());
    }

    @Test
    void anOversizedItemWithAnOldFormatArnFindsItsClusterThroughConfig() throws IOException {
        String oldArn = "arn:aws:ecs:eu-west-1:111122223333:service/web";
        fixture.account.put(Scenario.ready().withService(b -> b.arn(oldArn)));
        fixture.config.clusters.put("old-web", Scenario.CLUSTER_ARN);
        String event = HandlerFixture.configSample("config-oversized-item-change.json", invoking -> {
            ObjectNode summary = (ObjectNode) invoking.get("configurationItemSummary");
            summary.put("ARN", oldArn).put("resourceId", "old-web");
        });

        fixture.invoke(CONFIG_RULE, event);

        ConfigEvaluation evaluation = fixture.config.sent().get(0);
        assertEquals("old-web", evaluation.resourceId());
        assertEquals("Ready for ECS Exec", evaluation.annotation(), "its tasks were read too");
        assertEquals(oldArn, fixture.logLines("INFO", "service evaluated").get(0).path("serviceArn").asText());
    }

    @Test
    void aChangeForAnotherResourceTypeIsNotApplicableToThatType() throws IOException {
        String event = HandlerFixture.configSample("config-item-change.json", invoking -> ((ObjectNode) invoking
                .get("configurationItem")).put("resourceType", "AWS::ECS::TaskDefinition"));

        fixture.invoke(CONFIG_RULE, event);

        ConfigEvaluation evaluation = fixture.config.sent().get(0);
        assertEquals(ComplianceType.NOT_APPLICABLE, evaluation.complianceType());
        assertEquals("AWS::ECS::TaskDefinition", evaluation.resourceType(), "Config matches type and id");
        assertEquals(0, fixture.account.apiCalls().total());
    }

    @Test
    void servicesASweepCannotListAreLoggedAsNotEvaluated() throws IOException {
        fixture.account.put(Scenario.ready());
        Ecs.Service other = fixture.account.putReadyFargateService("batch", "worker", Scenario.TASK_DEFINITION_ARN, 1);
        fixture.config.recorded.put(Scenario.SERVICE_ARN, HandlerFixture.RESOURCE_ID);
        fixture.config.recorded.put(other.arn(), "worker-id");
        fixture.account.fail("ECS.ListServices", other.clusterArn(), "AccessDeniedException");

        fixture.invoke(CONFIG_RULE, HandlerFixture.sample("config-scheduled.json"));

        assertEquals(List.of(HandlerFixture.RESOURCE_ID),
                fixture.config.sent().stream().map(ConfigEvaluation::resourceId).toList());
        List<JsonNode> warnings = fixture.logLines("WARN", "not evaluated");
        assertEquals(1, warnings.size(), fixture.lines().toString());
        String note = warnings.get(0).path("note").asText();
        assertTrue(note.contains("batch") && note.contains("AccessDeniedException"), note);
    }
}
