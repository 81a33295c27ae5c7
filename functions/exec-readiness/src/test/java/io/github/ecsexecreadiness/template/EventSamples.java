package io.github.ecsexecreadiness.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The samples in {@code events/} (for {@code sam local invoke -e}), mapped to the event source each one stands for. */
final class EventSamples {
    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-west-1";
    static final String SERVICE_ARN = "arn:aws:ecs:eu-west-1:111122223333:service/shop/web";
    static final String TASK_DEFINITION_ARN = "arn:aws:ecs:eu-west-1:111122223333:task-definition/web:3";

    /** Keyed like {@link SamTemplate#eventSources()}. */
    static final Map<String, List<String>> BY_SOURCE = Map.of(
            "ExecReadinessConfigRule/ConfigurationItemChangeNotification",
            List.of("config-item-change.json", "config-resource-deleted.json", "config-event-left-scope.json"),
            "ExecReadinessConfigRule/OversizedConfigurationItemChangeNotification",
            List.of("config-oversized-item-change.json"),
            "ExecReadinessConfigRule/ScheduledNotification", List.of("config-scheduled.json"),
            "DeploymentEventFunction/DeploymentStateChange", List.of("ecs-deployment-state-change.json"),
            "DeploymentEventFunction/ServiceAction", List.of("ecs-service-action.json"),
            "DeploymentEventFunction/ServiceApiCall",
            List.of("cloudtrail-create-service.json", "cloudtrail-update-service.json"),
            "ScheduledSweepFunction/Sweep", List.of("scheduled-sweep.json"),
            "SweepItemFunction/SweepQueue", List.of("sweep-item.json"),
            "SecurityHubActionFunction/CustomAction", List.of("securityhub-custom-action.json"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventSamples() {}

    static Path folder(SamTemplate template) {
        return template.root().resolve("events");
    }

    static JsonNode read(SamTemplate template, String file) {
        try {
            return JSON.readTree(folder(template).resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** AWS Config sends invokingEvent as a JSON string: parsed a second time here, as a handler must. */
    static JsonNode invokingEvent(JsonNode configEvent) {
        try {
            return JSON.readTree(configEvent.path("invokingEvent").textValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
