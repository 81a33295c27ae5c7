package io.github.ecsexecreadiness.handler;

import static io.github.ecsexecreadiness.handler.HandlerFixture.Lambda.CONFIG_RULE;
import static io.github.ecsexecreadiness.handler.HandlerFixture.Lambda.DEPLOYMENT_EVENT;
import static io.github.ecsexecreadiness.handler.HandlerFixture.Lambda.SCHEDULED_SWEEP;
import static io.github.ecsexecreadiness.handler.HandlerFixture.Lambda.SWEEP_ITEM;
import static io.github.ecsexecreadiness.handler.HandlerFixture.Lambda.SECURITY_HUB_ACTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.handler.HandlerFixture.Lambda;
import io.github.ecsexecreadiness.memory.InMemorySecurityHub;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation.ComplianceType;
import io.github.ecsexecreadiness.report.securityhub.Finding.WorkflowStatus;
import io.github.ecsexecreadiness.sweep.SweepItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample in events/ drives the function it is for, against an account holding the service the samples
 * name (shop/web in 111122223333, eu-west-1), once ready for ECS Exec and once not.
 */
@ReadsRepositoryFiles
class EventSamplesHandlerTest {
    /** What each sample is for; a new sample without an entry fails {@link #everySampleIsDriven}. */
    private static final Map<String, Lambda> FUNCTION_OF = Map.ofEntries(
            Map.entry("config-item-change.json", CONFIG_RULE),
            Map.entry("config-oversized-item-change.json", CONFIG_RULE),
            Map.entry("config-resource-deleted.json", CONFIG_RULE),
            Map.entry("config-event-left-scope.json", CONFIG_RULE),
            Map.entry("config-scheduled.json", CONFIG_RULE),
            Map.entry("ecs-deployment-state-change.json", DEPLOYMENT_EVENT),
            Map.entry("ecs-service-action.json", DEPLOYMENT_EVENT),
            Map.entry("cloudtrail-create-service.json", DEPLOYMENT_EVENT),
            Map.entry("cloudtrail-update-service.json", DEPLOYMENT_EVENT),
            Map.entry("scheduled-sweep.json", SCHEDULED_SWEEP),
            Map.entry("sweep-item.json", SWEEP_ITEM),
            Map.entry("securityhub-custom-action.json", SECURITY_HUB_ACTION));

    /** The check the not-ready variant fails. */
    private static final String FAILING_CHECK = "exec.service-flag";

    static Stream<Arguments> samples() {
        try (Stream<Path> files = Files.list(HandlerFixture.eventsFolder())) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList()
                    .stream().flatMap(file -> Stream.of(Arguments.of(file, true), Arguments.of(file, false)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}, service ready: {1}")
    @MethodSource("samples")
    void everySampleIsDriven(String file, boolean ready) throws IOException {
        Lambda function = FUNCTION_OF.get(file);
        if (function == null) {
            fail("events/" + file + " has no handler in FUNCTION_OF: map it and say what it must produce");
        }
        HandlerFixture fixture = new HandlerFixture();
        fixture.account.put(ready ? Scenario.ready() : Scenario.ready().withService("enableExecuteCommand", false));
        fixture.config.recorded.put(Scenario.SERVICE_ARN, HandlerFixture.RESOURCE_ID);

        JsonNode sample = HandlerFixture.json().readTree(HandlerFixture.sample(file));
        InMemorySecurityHub hub = function == SECURITY_HUB_ACTION ? reviewable(fixture, ready) : null;
        JsonNode result = fixture.invoke(function, HandlerFixture.sample(file));

        switch (function) {
            case CONFIG_RULE -> configRule(fixture, sample, result, ready);
            case DEPLOYMENT_EVENT -> oneService(fixture, result, ready);
            case SCHEDULED_SWEEP -> fanOut(fixture, sample, result);
            case SWEEP_ITEM -> sweepItem(fixture, result, ready);
            case SECURITY_HUB_ACTION -> reviewedFix(hub, sample, result, ready);
        }
    }

    /**
     * A person selects a finding only once it exists: it was published while the flag was off (then, for the
     * ready variant, someone turned it on). Remediation is on, as the template configures the function.
     */
    private static InMemorySecurityHub reviewable(HandlerFixture fixture, boolean ready) {
        InMemorySecurityHub hub = fixture.securityHub();
        fixture.account.setEnableExecuteCommand(Scenario.SERVICE_ARN, false);
        fixture.publishFindings();
        fixture.account.setEnableExecuteCommand(Scenario.SERVICE_ARN, ready);
        fixture.remediate(RemediationSettings.defaults("arn:aws:iam::111122223333:policy/ssmmessages"), "/stack/");
        return hub;
    }

    private static void reviewedFix(InMemorySecurityHub hub, JsonNode sample, JsonNode result, boolean ready) {
        String findingId = sample.at("/detail/findings/0/Id").asText();
        assertEquals("reviewed", result.path("status").asText(), result.toString());
        assertEquals(Scenario.SERVICE_ARN, result.at("/services/0/serviceArn").asText());
        assertTrue(result.at("/services/0/ready").asBoolean(), "fixed, or already ready: " + result);
        assertEquals(WorkflowStatus.RESOLVED, hub.get(findingId).orElseThrow().workflow());
        String note = hub.note(findingId).orElseThrow().text();
        assertTrue(note.endsWith(ready ? FAILING_CHECK + " already passed" : FAILING_CHECK + " now passes"), note);
    }

    private static void configRule(HandlerFixture fixture, JsonNode sample, JsonNode result, boolean ready)
            throws IOException {
        JsonNode invoking = HandlerFixture.json().readTree(sample.path("invokingEvent").asText());
        JsonNode item = invoking.has("configurationItem") ? invoking.get("configurationItem")
                : invoking.get("configurationItemSummary");
        List<ConfigEvaluation> sent = fixture.config.sent();
        assertEquals(1, sent.size(), "one evaluation: " + sent);
        ConfigEvaluation evaluation = sent.get(0);
        assertEquals(List.of(sample.path("resultToken").asText()), fixture.config.tokens);
        assertEquals(ConfigEvaluation.ECS_SERVICE, evaluation.resourceType());
        assertEquals("recorded", result.path("status").asText());
        assertEquals(1, result.path("evaluations").asInt());

        if (item == null) { // scheduled: the id comes from Config's inventory, the time from the notification
            assertEquals(HandlerFixture.RESOURCE_ID, evaluation.resourceId());
            assertEquals(Instant.parse(invoking.path("notificationCreationTime").asText()),
                    evaluation.orderingTimestamp());
        } else {
            assertEquals(item.path("resourceId").asText(), evaluation.resourceId(), "echoed verbatim");
            assertEquals(Instant.parse(item.path("configurationItemCaptureTime").asText()),
                    evaluation.orderingTimestamp());
        }
        boolean applicable = item == null || ("OK".equals(item.path("configurationItemStatus").asText())
                && !sample.path("eventLeftScope").asBoolean());
        if (!applicable) {
            assertEquals(ComplianceType.NOT_APPLICABLE, evaluation.complianceType());
            assertEquals(0, fixture.account.apiCalls().total(), "no scan: " + fixture.account.apiCalls().snapshot());
            assertTrue(fixture.logLines("INFO", "service evaluated").isEmpty());
            return;
        }
        assertEquals(ready ? ComplianceType.COMPLIANT : ComplianceType.NON_COMPLIANT, evaluation.complianceType());
        assertEquals(!ready, evaluation.annotation().contains("failing: " + FAILING_CHECK), evaluation.annotation());
        assertServiceEvaluatedOnce(fixture, ready);
    }

    private static void oneService(HandlerFixture fixture, JsonNode result, boolean ready) {
        assertEquals("evaluated", result.path("status").asText(), result.toString());
        assertEquals(Scenario.SERVICE_ARN, result.path("serviceArn").asText());
        assertEquals(ready, result.path("ready").asBoolean());
        assertEquals(ready ? List.of() : List.of(FAILING_CHECK), texts(result.path("failing")));
        assertServiceEvaluatedOnce(fixture, ready);
        assertTrue(fixture.config.calls.isEmpty(), "EventBridge triggers do not report to Config");
    }

    /** The schedule only queues the sweep of its own account and Region; nothing is read yet. */
    private static void fanOut(HandlerFixture fixture, JsonNode sample, JsonNode result) {
        assertEquals("queued", result.path("status").asText(), result.toString());
        assertEquals(List.of(SweepItem.first(Scenario.ACCOUNT, Scenario.REGION, sample.path("time").asText())),
                fixture.queue.sent());
        assertEquals(0, fixture.account.apiCalls().total());
    }

    private static void sweepItem(HandlerFixture fixture, JsonNode result, boolean ready) {
        assertEquals(List.of(), texts(result.path("batchItemFailures")), result.toString());
        JsonNode swept = fixture.logLines("INFO", "sweep item swept").get(0);
        assertEquals("done", swept.path("status").asText(), swept.toString());
        assertEquals(1, swept.path("services").asInt());
        assertEquals(ready ? 0 : 1, swept.path("notReady").asInt());
        assertServiceEvaluatedOnce(fixture, ready);
    }

    private static void assertServiceEvaluatedOnce(HandlerFixture fixture, boolean ready) {
        List<JsonNode> lines = fixture.logLines("INFO", "service evaluated");
        assertEquals(1, lines.size(), "one line per service: " + fixture.lines());
        JsonNode line = lines.get(0);
        assertEquals(Scenario.SERVICE_ARN, line.path("serviceArn").asText());
        assertEquals(Scenario.CLUSTER_ARN, line.path("clusterArn").asText());
        assertEquals(ready, line.path("ready").asBoolean());
        assertEquals(ready ? List.of() : List.of(FAILING_CHECK), texts(line.path("failing")));
        assertTrue(line.path("scanDurationMs").isIntegralNumber(), line.toString());
        assertEquals(HandlerFixture.NOW.toString(), line.path("timestamp").asText());
        assertEquals(1, fixture.metric("ServicesEvaluated"));
        assertEquals(ready ? 0 : 1, fixture.metric("ServicesNotReady"));
    }

    private static List<String> texts(JsonNode array) {
        assertTrue(array.isArray(), "not an array: " + array);
        return array.valueStream().map(JsonNode::asText).toList();
    }

    @Test
    void aFailedApiCallIsIgnoredWithoutScanning() throws IOException {
        HandlerFixture fixture = new HandlerFixture();
        fixture.account.put(Scenario.ready());
        String failedCall = HandlerFixture.sample("cloudtrail-update-service.json", event -> {
            ObjectNode detail = (ObjectNode) event.get("detail");
            detail.put("errorCode", "InvalidParameterException").put("errorMessage", "no such task definition");
            detail.putNull("responseElements");
        });

        JsonNode result = fixture.invoke(DEPLOYMENT_EVENT, failedCall);

        assertEquals("ignored", result.path("status").asText());
        assertEquals(0, fixture.account.apiCalls().total());
        assertTrue(fixture.logLines("INFO", "service evaluated").isEmpty());
        assertTrue(fixture.metricDocuments().isEmpty(), "nothing counted, no metrics: " + fixture.lines());
    }

    @Test
    void theScheduledSweepEvaluatesEveryServiceOfEveryCluster() throws IOException {
        HandlerFixture fixture = new HandlerFixture();
        fixture.account.put(Scenario.ready());
        fixture.account.putReadyFargateService("shop", "api", Scenario.TASK_DEFINITION_ARN, 2);
        fixture.account.putReadyFargateService("batch", "worker", Scenario.TASK_DEFINITION_ARN, 1);
        fixture.account.setEnableExecuteCommand(fixture.account.serviceArn("batch", "worker"), false);

        List<JsonNode> responses = fixture.sweep(HandlerFixture.sample("scheduled-sweep.json"));

        assertEquals(1, responses.size(), "one account and Region: one item");
        assertEquals(List.of(), texts(responses.get(0).path("batchItemFailures")));
        JsonNode swept = fixture.logLines("INFO", "sweep item swept").get(0);
        assertEquals(3, swept.path("services").asInt());
        assertEquals(1, swept.path("notReady").asInt());
        // Clusters in ARN order: batch before shop.
        assertEquals(List.of(fixture.account.serviceArn("batch", "worker"), Scenario.SERVICE_ARN,
                        fixture.account.serviceArn("shop", "api")),
                fixture.logLines("INFO", "service evaluated").stream()
                        .map(l -> l.path("serviceArn").asText()).toList());
        assertEquals(3, fixture.metric("ServicesEvaluated"));
        assertEquals(1, fixture.metric("ServicesNotReady"));
        assertFalse(fixture.lines().stream().anyMatch(l -> "ERROR".equals(l.path("level").asText())));
    }

    @Test
    void aDeploymentEventForADeletedServiceSaysItIsGone() throws IOException {
        HandlerFixture fixture = new HandlerFixture();
        fixture.account.put(Scenario.ready());
        fixture.account.deleteService(Scenario.SERVICE_ARN);

        JsonNode result = fixture.invoke(DEPLOYMENT_EVENT, HandlerFixture.sample("ecs-deployment-state-change.json"));

        assertEquals("gone", result.path("status").asText());
        assertEquals(Scenario.SERVICE_ARN, result.path("serviceArn").asText());
        List<JsonNode> warnings = fixture.logLines("WARN", "not evaluated");
        assertEquals(1, warnings.size(), fixture.lines().toString());
        assertTrue(warnings.get(0).path("note").asText().contains(Scenario.SERVICE_ARN), warnings.toString());
        assertTrue(fixture.logLines("INFO", "service evaluated").isEmpty());
    }

    @Test
    void aServiceActionForAnOldFormatArnUsesTheClusterInItsDetail() throws IOException {
        String oldArn = "arn:aws:ecs:eu-west-1:111122223333:service/web";
        HandlerFixture fixture = new HandlerFixture();
        fixture.account.put(Scenario.ready().withService("arn", oldArn));
        String event = HandlerFixture.sample("ecs-service-action.json", e -> e.putArray("resources").add(oldArn));

        JsonNode result = fixture.invoke(DEPLOYMENT_EVENT, event);

        assertEquals("evaluated", result.path("status").asText(), result.toString());
        assertEquals(oldArn, result.path("serviceArn").asText());
        assertTrue(result.path("ready").asBoolean());
    }
}
