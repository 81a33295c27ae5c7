package io.github.ecsexecreadiness.handler;

import static io.github.ecsexecreadiness.handler.EventJson.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An AWS Config custom-rule invocation, parsed. {@code invokingEvent} arrives as a JSON string inside the
 * event and is parsed a second time; fields are bound by name and everything but the message type, the
 * result token and what the message type needs is optional.
 */
public sealed interface ConfigRuleEvent {
    String resultToken();

    String configRuleName();

    /**
     * A configuration item changed (or, {@code oversized}, only its summary was sent). {@code serviceArn} and
     * {@code cluster} come from the item (cluster null when only a summary was sent).
     */
    record ItemChange(String resultToken, String configRuleName, boolean eventLeftScope, String resourceType,
                      String resourceId, String status, String serviceArn, String cluster, Instant captureTime,
                      boolean oversized) implements ConfigRuleEvent {

        /** Deleted, no longer recorded, or out of the rule's scope: Config expects NOT_APPLICABLE. */
        public boolean notApplicable() {
            return eventLeftScope || !ConfigEvaluation.ECS_SERVICE.equals(resourceType)
                    || !("OK".equals(status) || "ResourceDiscovered".equals(status));
        }
    }

    /** The periodic trigger: no configuration item, every service is swept. */
    record Scheduled(String resultToken, String configRuleName, Instant notificationCreationTime)
            implements ConfigRuleEvent {}

    /**
     * Where the invoking rule lives, and so where its resources are read and its evaluations put: the event's
     * {@code accountId} and the Region of its {@code configRuleArn}. An organization rule's copy in a member
     * account names that member. Null where the event leaves a field out: the function's own.
     */
    record Origin(String accountId, String region) {
        private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

        static Origin of(JsonNode event) {
            String accountId = text(event, "accountId");
            if (accountId != null && !ACCOUNT_ID.matcher(accountId).matches()) {
                throw new MalformedEventException("accountId " + accountId + " is not a 12-digit account id");
            }
            String ruleArn = text(event, "configRuleArn");
            if (ruleArn == null) {
                return new Origin(accountId, null);
            }
            // arn:<partition>:config:<region>:<account>:config-rule/...
            String[] fields = ruleArn.split(":", 6);
            if (fields.length != 6 || !"arn".equals(fields[0]) || !"config".equals(fields[2]) || fields[3].isEmpty()) {
                throw new MalformedEventException("configRuleArn " + ruleArn + " is not an AWS Config rule ARN");
            }
            if (accountId != null && !accountId.equals(fields[4])) {
                throw new MalformedEventException("configRuleArn " + ruleArn + " is not a rule of account "
                        + accountId);
            }
            return new Origin(accountId != null ? accountId : fields[4], fields[3]);
        }
    }

    static ConfigRuleEvent parse(JsonNode event, ObjectMapper json) {
        String token = text(event, "resultToken");
        if (token == null) {
            throw new MalformedEventException("no resultToken: not an AWS Config rule invocation");
        }
        String invoking = text(event, "invokingEvent");
        if (invoking == null) {
            throw new MalformedEventException("no invokingEvent");
        }
        JsonNode body;
        try {
            body = json.readTree(invoking);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("invokingEvent is not JSON: " + e.getOriginalMessage());
        }
        String ruleName = text(event, "configRuleName");
        String messageType = text(body, "messageType");
        return switch (messageType == null ? "" : messageType) {
            case "ConfigurationItemChangeNotification" -> item(event, token, ruleName,
                    require(body, "configurationItem"), false);
            case "OversizedConfigurationItemChangeNotification" -> item(event, token, ruleName,
                    require(body, "configurationItemSummary"), true);
            case "ScheduledNotification" -> new Scheduled(token, ruleName,
                    instant(body, "notificationCreationTime"));
            default -> throw new MalformedEventException("unsupported messageType " + messageType);
        };
    }

    private static ItemChange item(JsonNode event, String token, String ruleName, JsonNode item, boolean oversized) {
        JsonNode configuration = item.path("configuration");
        String arn = text(configuration, "ServiceArn");
        if (arn == null) {
            arn = text(item, "ARN");
        }
        String resourceId = text(item, "resourceId");
        if (resourceId == null) {
            throw new MalformedEventException("configuration item has no resourceId");
        }
        // The rule's scope is AWS::ECS::Service: an item that does not say its type is one.
        String resourceType = Optional.ofNullable(text(item, "resourceType")).orElse(ConfigEvaluation.ECS_SERVICE);
        return new ItemChange(token, ruleName, event.path("eventLeftScope").asBoolean(false),
                resourceType, resourceId, text(item, "configurationItemStatus"), arn,
                text(configuration, "Cluster"), instant(item, "configurationItemCaptureTime"), oversized);
    }

    private static JsonNode require(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new MalformedEventException("invokingEvent has no " + field);
        }
        return value;
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new MalformedEventException("no " + field);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(field + " is not an ISO-8601 time: " + value);
        }
    }
}
