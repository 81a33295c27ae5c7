package io.github.ecsexecreadiness.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.sweep.SweepItem;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The samples in events/ are what the template's triggers really deliver, and tell one consistent story. */
@ReadsRepositoryFiles
class EventSamplesTest {
    /** EventBridge delivers a Schedule event source as this envelope; the rule has no pattern to check against. */
    private static final ObjectNode SCHEDULED_EVENT = JsonNodeFactory.instance.objectNode();

    static {
        SCHEDULED_EVENT.putArray("source").add("aws.events");
        SCHEDULED_EVENT.putArray("detail-type").add("Scheduled Event");
    }

    private static SamTemplate template;

    @BeforeAll
    static void load() {
        template = SamTemplate.load();
    }

    static Stream<Arguments> eventBridgeSamples() {
        return samples(false).filter(arguments -> !isSqs((String) arguments.get()[0]));
    }

    static Stream<Arguments> sqsSamples() {
        return samples(false).filter(arguments -> isSqs((String) arguments.get()[0]));
    }

    private static boolean isSqs(String source) {
        return "SQS".equals(template.eventSources().get(source).path("Type").asText());
    }

    static Stream<Arguments> configSamples() {
        return samples(true);
    }

    private static Stream<Arguments> samples(boolean config) {
        return EventSamples.BY_SOURCE.entrySet().stream()
                .filter(e -> e.getKey().startsWith("ExecReadinessConfigRule/") == config)
                .flatMap(e -> e.getValue().stream().map(file -> Arguments.of(e.getKey(), file)));
    }

    @ParameterizedTest(name = "{1} matches {0}")
    @MethodSource("eventBridgeSamples")
    void eventBridgeSampleMatchesItsRule(String source, String file) {
        assertTrue(EventPattern.matches(pattern(source), EventSamples.read(template, file)));
    }

    /** The matcher itself can say no: one field changed and the sample no longer matches. */
    @ParameterizedTest(name = "{0} rejects {2}={3}")
    @CsvSource({
        "DeploymentEventFunction/DeploymentStateChange, ecs-deployment-state-change.json, detail-type, ECS Task State Change",
        "DeploymentEventFunction/ServiceAction,         ecs-service-action.json,          eventName,   SERVICE_STEADY_STATE",
        "DeploymentEventFunction/ServiceApiCall,        cloudtrail-create-service.json,   eventName,   DeleteService",
        "DeploymentEventFunction/ServiceApiCall,        cloudtrail-update-service.json,   errorCode,   AccessDenied",
        "DeploymentEventFunction/ServiceApiCall,        cloudtrail-update-service.json,   eventSource, ec2.amazonaws.com",
        "ScheduledSweepFunction/Sweep,                  scheduled-sweep.json,             source,      aws.ecs",
        "SecurityHubActionFunction/CustomAction,        securityhub-custom-action.json,   detail-type, Security Hub Findings - Imported",
    })
    void ruleRejectsASampleWithOneFieldChanged(String source, String file, String field, String value) {
        ObjectNode event = (ObjectNode) EventSamples.read(template, file);
        ObjectNode holder = event.has(field) ? event : (ObjectNode) event.get("detail");
        holder.put(field, value);

        assertFalse(EventPattern.matches(pattern(source), event));
    }

    /** What the event source mapping delivers: one SQS record whose body is what the sweep functions queue. */
    @ParameterizedTest(name = "{1} is a message of {0}")
    @MethodSource("sqsSamples")
    void sqsSampleCarriesASweepItem(String source, String file) {
        JsonNode record = EventSamples.read(template, file).at("/Records/0");

        assertEquals("aws:sqs", record.path("eventSource").asText());
        assertTrue(record.path("eventSourceARN").asText().startsWith("arn:aws:sqs:" + EventSamples.REGION + ":"));
        assertFalse(record.path("messageId").asText().isEmpty(), "the partial batch response names it");
        SweepItem item = SweepItem.parse(record.path("body").asText());
        assertEquals(SweepItem.first(EventSamples.ACCOUNT, EventSamples.REGION, item.sweepId()), item);
    }

    @ParameterizedTest(name = "{1} is a {0}")
    @MethodSource("configSamples")
    void configSampleCarriesItsMessageTypeInAStringInvokingEvent(String source, String file) {
        JsonNode event = EventSamples.read(template, file);

        assertTrue(event.path("invokingEvent").isTextual(), "invokingEvent must be a JSON string");
        assertTrue(event.path("ruleParameters").isTextual(), "ruleParameters must be a JSON string");
        assertFalse(event.path("resultToken").asText().isEmpty());
        JsonNode invoking = EventSamples.invokingEvent(event);
        assertEquals(source.substring(source.indexOf('/') + 1), invoking.path("messageType").asText());
        JsonNode item = invoking.has("configurationItem") ? invoking.get("configurationItem")
                : invoking.path("configurationItemSummary");
        if (!invoking.path("messageType").asText().equals("ScheduledNotification")) {
            assertEquals("AWS::ECS::Service", item.path("resourceType").asText());
            assertEquals(EventSamples.SERVICE_ARN, item.path("ARN").asText());
        }
    }

    /** The samples a Config rule handler must answer with NOT_APPLICABLE, and the one it must evaluate. */
    @Test
    void configSamplesCoverEvaluationDeletionAndLeavingScope() {
        JsonNode change = EventSamples.read(template, "config-item-change.json");
        JsonNode changed = EventSamples.invokingEvent(change).get("configurationItem");
        assertFalse(change.path("eventLeftScope").asBoolean());
        assertEquals("OK", changed.path("configurationItemStatus").asText());
        // PascalCase, as Config records AWS::ECS::Service; not the camelCase of the ECS API.
        assertTrue(changed.at("/configuration/EnableExecuteCommand").isBoolean());
        assertEquals(EventSamples.TASK_DEFINITION_ARN, changed.at("/configuration/TaskDefinition").asText());

        JsonNode deleted = EventSamples.invokingEvent(EventSamples.read(template, "config-resource-deleted.json"))
                .get("configurationItem");
        assertEquals("ResourceDeleted", deleted.path("configurationItemStatus").asText());
        assertTrue(deleted.path("configuration").isNull());

        assertTrue(EventSamples.read(template, "config-event-left-scope.json").path("eventLeftScope").asBoolean());
    }

    /** One account, one Region, one service and task definition across every sample. */
    @ParameterizedTest(name = "{1}")
    @MethodSource("allSamples")
    void sampleUsesTheSharedAccountRegionAndService(String source, String file) {
        JsonNode event = EventSamples.read(template, file);
        BiConsumer<String, String> check = (field, text) -> {
            switch (field) {
                case "account", "accountId", "awsAccountId", "recipientAccountId" ->
                        assertEquals(EventSamples.ACCOUNT, text, field);
                case "region", "awsRegion" -> assertEquals(EventSamples.REGION, text, field);
                default -> { }
            }
            // Config's resourceId for a service is opaque (handlers echo it, never parse it).
            if (text.startsWith("arn:") && !"resourceId".equals(field)) {
                String[] parts = text.split(":", 6);
                assertTrue(parts[3].isEmpty() || parts[3].equals(EventSamples.REGION), text);
                assertTrue(parts[4].isEmpty() || parts[4].equals(EventSamples.ACCOUNT), text);
                if (parts[5].startsWith("service/")) {
                    assertEquals(EventSamples.SERVICE_ARN, text);
                }
                if (parts[5].startsWith("task-definition/")) {
                    assertEquals(EventSamples.TASK_DEFINITION_ARN, text);
                }
            }
        };
        walk(null, event, check);
        if (event.has("invokingEvent")) {
            walk(null, EventSamples.invokingEvent(event), check);
        }
    }

    static Stream<Arguments> allSamples() {
        return Stream.concat(eventBridgeSamples(), configSamples());
    }

    private static void walk(String field, JsonNode node, BiConsumer<String, String> check) {
        if (node.isTextual()) {
            check.accept(field, node.asText());
        } else if (node.isObject()) {
            node.properties().forEach(e -> walk(e.getKey(), e.getValue(), check));
        } else {
            node.forEach(child -> walk(field, child, check));
        }
    }

    /** The custom action's ARN in a rule, resolved as CloudFormation would in the samples' account and Region. */
    private static final String ACTION_TARGET_ARN = "arn:aws:securityhub:" + EventSamples.REGION + ":"
            + EventSamples.ACCOUNT + ":action/custom/";
    /** The stack the samples come from: the custom action's id is derived from the stack's id. */
    private static final String STACK_ID = "arn:aws:cloudformation:" + EventSamples.REGION + ":"
            + EventSamples.ACCOUNT + ":stack/ecs-exec-readiness/5e1f2a30-9b8c-11f0-8de9-0a1b2c3d4e5f";

    private static JsonNode pattern(String source) {
        JsonNode event = template.eventSources().get(source);
        return switch (event.path("Type").asText()) {
            case "EventBridgeRule" -> resolveActionTargets(event.at("/Properties/Pattern").deepCopy());
            case "Schedule" -> SCHEDULED_EVENT;
            default -> throw new IllegalArgumentException(source + " is not delivered by EventBridge");
        };
    }

    /** Replaces each {@code !GetAtt X.ActionTargetArn} of an AWS::SecurityHub::ActionTarget by the ARN it stands for. */
    private static JsonNode resolveActionTargets(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode getAtt = object.get("Fn::GetAtt");
            if (getAtt != null && "ActionTargetArn".equals(getAtt.path(1).asText())) {
                JsonNode target = template.resource(getAtt.get(0).asText());
                assertEquals("AWS::SecurityHub::ActionTarget", target.path("Type").asText());
                String id = new Intrinsics(template.json(), Map.of("AWS::StackId", STACK_ID), Map.of())
                        .string(target.at("/Properties/Id"));
                return JsonNodeFactory.instance.textNode(ACTION_TARGET_ARN + id);
            }
            object.properties().forEach(e -> e.setValue(resolveActionTargets(e.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, resolveActionTargets(array.get(i)));
            }
        }
        return node;
    }
}
