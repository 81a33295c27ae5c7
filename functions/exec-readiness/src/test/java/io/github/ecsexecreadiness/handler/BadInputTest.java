package io.github.ecsexecreadiness.handler;

import static io.github.ecsexecreadiness.handler.HandlerFixture.Lambda.CONFIG_RULE;
import static io.github.ecsexecreadiness.handler.HandlerFixture.Lambda.DEPLOYMENT_EVENT;
import static io.github.ecsexecreadiness.handler.HandlerFixture.Lambda.SCHEDULED_SWEEP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.handler.HandlerFixture.Lambda;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An event a handler cannot act on is logged with the reason and ends the invocation normally (a retry cannot
 * fix it); an AWS error that stops the scan fails the invocation, so Lambda retries it, then dead-letters it.
 */
@ReadsRepositoryFiles
class BadInputTest {

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad(CONFIG_RULE, "not JSON", () -> "{\"resultToken\": ", "event is not JSON"),
                bad(CONFIG_RULE, "a JSON array", () -> "[{\"resultToken\":\"t\"}]", "event is not a JSON object"),
                bad(CONFIG_RULE, "an EventBridge event", () -> HandlerFixture.sample("ecs-service-action.json"),
                        "no resultToken"),
                bad(CONFIG_RULE, "no resultToken", () -> HandlerFixture.sample("config-item-change.json",
                        e -> e.without("resultToken")), "no resultToken"),
                bad(CONFIG_RULE, "invokingEvent not JSON", () -> HandlerFixture.sample("config-scheduled.json",
                        e -> e.put("invokingEvent", "{messageType")), "invokingEvent is not JSON"),
                bad(CONFIG_RULE, "unsupported messageType", () -> HandlerFixture.sample("config-scheduled.json",
                        e -> e.put("invokingEvent",
                                "{\"messageType\":\"ConfigurationSnapshotDeliveryCompleted\"}")),
                        "unsupported messageType ConfigurationSnapshotDeliveryCompleted"),
                bad(CONFIG_RULE, "a change without its item", () -> HandlerFixture.sample("config-scheduled.json",
                        e -> e.put("invokingEvent",
                                "{\"messageType\":\"ConfigurationItemChangeNotification\"}")),
                        "invokingEvent has no configurationItem"),
                bad(CONFIG_RULE, "an item whose ARN is not a service's", () -> HandlerFixture.configSample(
                                "config-oversized-item-change.json", invoking -> ((ObjectNode) invoking
                                        .get("configurationItemSummary")).put("ARN", Scenario.TASK_DEFINITION_ARN)),
                        "configuration item " + HandlerFixture.RESOURCE_ID + " names no service ARN"),
                bad(DEPLOYMENT_EVENT, "not JSON", () -> "detail-type: ECS Service Action", "event is not JSON"),
                bad(DEPLOYMENT_EVENT, "a JSON array", () -> "[]", "event is not a JSON object"),
                bad(DEPLOYMENT_EVENT, "a Config rule invocation", () -> HandlerFixture.sample("config-scheduled.json"),
                        "not an aws.ecs EventBridge event"),
                bad(DEPLOYMENT_EVENT, "a task state change", () -> HandlerFixture.sample(
                                "ecs-service-action.json", e -> e.put("detail-type", "ECS Task State Change")),
                        "unsupported detail-type ECS Task State Change"),
                bad(DEPLOYMENT_EVENT, "a CloudTrail event for another API", () -> HandlerFixture.sample(
                                "cloudtrail-update-service.json",
                                e -> ((ObjectNode) e.get("detail")).put("eventName", "DeleteService")),
                        "not a CreateService or UpdateService call: DeleteService"),
                bad(DEPLOYMENT_EVENT, "no service in resources", () -> HandlerFixture.sample(
                                "ecs-deployment-state-change.json", e -> e.putArray("resources")),
                        "no service ARN in resources"),
                // Known limit: a deployment event names only the service, and an old-format ARN has no cluster.
                bad(DEPLOYMENT_EVENT, "an old-format service ARN without clusterArn", () -> HandlerFixture.sample(
                                "ecs-deployment-state-change.json", e -> e.putArray("resources")
                                        .add("arn:aws:ecs:eu-west-1:111122223333:service/web")),
                        "cannot tell the cluster of old-format service ARN"),
                bad(SCHEDULED_SWEEP, "not JSON", () -> "", "event is not a JSON object"),
                bad(SCHEDULED_SWEEP, "a JSON array", () -> "[1, 2]", "event is not a JSON object"),
                bad(SCHEDULED_SWEEP, "an ECS event", () -> HandlerFixture.sample("ecs-service-action.json"),
                        "not an EventBridge Scheduled Event"));
    }

    private static Arguments bad(Lambda function, String what, Supplier<String> event, String reason) {
        return Arguments.of(function, what, event, reason);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformed")
    void malformedEventsAreLoggedAndNotRetried(Lambda function, String what, Supplier<String> event, String reason)
            throws IOException {
        HandlerFixture fixture = new HandlerFixture();
        fixture.account.put(Scenario.ready());

        JsonNode result = fixture.invoke(function, event.get()); // does not throw

        assertEquals("malformed", result.path("status").asText(), result.toString());
        assertTrue(result.path("reason").asText().startsWith(reason), result.toString());
        List<JsonNode> errors = fixture.logLines("ERROR", "malformed event");
        assertEquals(1, errors.size(), fixture.lines().toString());
        assertEquals(result.path("reason"), errors.get(0).path("reason"));
        assertEquals(1, fixture.metric("MalformedEvents"));
        assertEquals(0, fixture.account.apiCalls().total(), "nothing read for a malformed event");
        assertTrue(fixture.config.calls.isEmpty());
    }

    @ParameterizedTest(name = "{0} with {2} denied fails the invocation")
    @CsvSource({
        "CONFIG_RULE,      config-item-change.json,          ECS.DescribeClusters",
        "CONFIG_RULE,      config-oversized-item-change.json, ECS.DescribeClusters",
        "CONFIG_RULE,      config-scheduled.json,            ECS.ListClusters",
        "DEPLOYMENT_EVENT, ecs-deployment-state-change.json, ECS.DescribeClusters",
        "DEPLOYMENT_EVENT, ecs-service-action.json,          ECS.DescribeClusters",
        "DEPLOYMENT_EVENT, cloudtrail-update-service.json,   ECS.DescribeClusters",
    })
    void anAwsErrorThatStopsTheScanPropagates(Lambda function, String sample, String operation) {
        HandlerFixture fixture = new HandlerFixture();
        fixture.account.put(Scenario.ready());
        fixture.config.recorded.put(Scenario.SERVICE_ARN, HandlerFixture.RESOURCE_ID);
        fixture.account.fail(operation, "AccessDeniedException");

        AwsApiException error = assertThrows(AwsApiException.class,
                () -> fixture.invoke(function, HandlerFixture.sample(sample)));

        assertEquals(operation, error.operation());
        assertTrue(fixture.config.calls.isEmpty(), "nothing recorded from a scan that did not happen");
        assertTrue(fixture.logLines("ERROR", "malformed event").isEmpty());
    }
}
