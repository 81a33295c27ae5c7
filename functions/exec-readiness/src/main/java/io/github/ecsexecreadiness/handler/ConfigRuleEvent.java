package io.github.ecsexecreadiness.handler;

import static io.github.ecsexecreadiness.handler.EventJson.text;

import com.amazonaws.services.lambda.runtime.events.ConfigEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.model.Arns;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation;
import io.github.ecsexecreadiness.report.config.ConfigRuleInvocation;
import io.github.ecsexecreadiness.report.config.ConfigRuleInvocation.ItemChange;
import io.github.ecsexecreadiness.report.config.ConfigRuleInvocation.Scheduled;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an AWS Config custom-rule invocation ({@link ConfigEvent}). Its {@code invokingEvent} arrives as a JSON
 * string, which the library leaves as is: it is parsed here, fields bound by name, everything but the message
 * type, the result token and what the message type needs optional.
 */
final class ConfigRuleEvent {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private ConfigRuleEvent() {}

    /**
     * Where the invoking rule lives, and so where its resources are read and its evaluations put: the event's
     * {@code accountId} and the Region of its {@code configRuleArn}. An organization rule's copy in a member
     * account names that member. Null where the event leaves a field out: the function's own.
     */
    record Origin(String accountId, String region) {
        static Origin of(ConfigEvent event) {
            String accountId = blankToNull(event.getAccountId());
            if (accountId != null && !ACCOUNT_ID.matcher(accountId).matches()) {
                throw new MalformedEventException("accountId " + accountId + " is not a 12-digit account id");
            }
            String ruleArn = blankToNull(event.getConfigRuleArn());
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

    static ConfigRuleInvocation parse(ConfigEvent event) {
        String token = blankToNull(event.getResultToken());
        if (token == null) {
            throw new MalformedEventException("no resultToken: not an AWS Config rule invocation");
        }
        String invoking = blankToNull(event.getInvokingEvent());
        if (invoking == null) {
            throw new MalformedEventException("no invokingEvent");
        }
        JsonNode body;
        try {
            body = Invocation.JSON.readTree(invoking);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("invokingEvent is not JSON: " + e.getOriginalMessage());
        }
        String ruleName = blankToNull(event.getConfigRuleName());
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

    private static ItemChange item(ConfigEvent event, String token, String ruleName, JsonNode item,
                                   boolean oversized) {
        JsonNode configuration = item.path("configuration");
        String arn = Optional.ofNullable(text(configuration, "ServiceArn")).orElseGet(() -> text(item, "ARN"));
        String resourceId = text(item, "resourceId");
        if (resourceId == null) {
            throw new MalformedEventException("configuration item has no resourceId");
        }
        // The rule's scope is AWS::ECS::Service: an item that does not say its type is one.
        String resourceType = Optional.ofNullable(text(item, "resourceType")).orElse(ConfigEvaluation.ECS_SERVICE);
        ItemChange change = new ItemChange(token, ruleName, event.getEventLeftScope(), resourceType, resourceId,
                text(item, "configurationItemStatus"), arn, text(configuration, "Cluster"),
                instant(item, "configurationItemCaptureTime"), oversized);
        if (!change.notApplicable() && !Arns.isServiceArn(arn)) {
            throw new MalformedEventException("configuration item " + resourceId + " names no service ARN: " + arn);
        }
        return change;
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

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
