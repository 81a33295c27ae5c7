package io.github.ecsexecreadiness.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.TestScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one registry of the samples in the repository's {@code events/} folder (for {@code sam local invoke -e}):
 * each names the function of template.yaml it is for and the event source of that function it stands for.
 * Template, sample and handler tests all read it; {@code EventSampleTest} fails for a file not listed here.
 * Every sample tells one story: service {@link #SERVICE_ARN} in account {@link #ACCOUNT}, Region {@link #REGION}.
 */
public enum EventSample {
    CONFIG_ITEM_CHANGE("config-item-change.json", "ExecReadinessConfigRule", "ConfigurationItemChangeNotification"),
    CONFIG_RESOURCE_DELETED("config-resource-deleted.json", "ExecReadinessConfigRule",
            "ConfigurationItemChangeNotification"),
    CONFIG_EVENT_LEFT_SCOPE("config-event-left-scope.json", "ExecReadinessConfigRule",
            "ConfigurationItemChangeNotification"),
    CONFIG_OVERSIZED_ITEM_CHANGE("config-oversized-item-change.json", "ExecReadinessConfigRule",
            "OversizedConfigurationItemChangeNotification"),
    CONFIG_SCHEDULED("config-scheduled.json", "ExecReadinessConfigRule", "ScheduledNotification"),
    ECS_DEPLOYMENT_STATE_CHANGE("ecs-deployment-state-change.json", "DeploymentEventFunction",
            "DeploymentStateChange"),
    ECS_SERVICE_ACTION("ecs-service-action.json", "DeploymentEventFunction", "ServiceAction"),
    CLOUDTRAIL_CREATE_SERVICE("cloudtrail-create-service.json", "DeploymentEventFunction", "ServiceApiCall"),
    CLOUDTRAIL_UPDATE_SERVICE("cloudtrail-update-service.json", "DeploymentEventFunction", "ServiceApiCall"),
    SCHEDULED_SWEEP("scheduled-sweep.json", "ScheduledSweepFunction", "Sweep"),
    SWEEP_ITEM("sweep-item.json", "SweepItemFunction", "SweepQueue"),
    SECURITYHUB_CUSTOM_ACTION("securityhub-custom-action.json", "SecurityHubActionFunction", "CustomAction");

    public static final String ACCOUNT = "111122223333";
    public static final String REGION = "eu-west-1";
    public static final String SERVICE_ARN = "arn:aws:ecs:eu-west-1:111122223333:service/shop/web";
    public static final String TASK_DEFINITION_ARN = "arn:aws:ecs:eu-west-1:111122223333:task-definition/web:3";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String file;
    private final String function;
    private final String eventName;

    EventSample(String file, String function, String eventName) {
        this.file = file;
        this.function = function;
        this.eventName = eventName;
    }

    /** The file name in events/. */
    public String file() {
        return file;
    }

    /** The logical id of the template's function this sample invokes. */
    public String function() {
        return function;
    }

    /** The event source, {@code <function>/<event name>} as keyed in the function's Events. */
    public String source() {
        return function + "/" + eventName;
    }

    public String text() {
        try {
            return Files.readString(folder().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode json() {
        try {
            return JSON.readTree(text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EventSample of(String file) {
        return Arrays.stream(values()).filter(s -> s.file.equals(file)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("events/" + file + " is not in EventSample"));
    }

    /** The samples of each event source, sources in name order. */
    public static Map<String, List<EventSample>> bySource() {
        return Arrays.stream(values()).collect(Collectors.groupingBy(EventSample::source, TreeMap::new,
                Collectors.toList()));
    }

    /** The repository's events/ folder (its tests are {@code @ReadsRepositoryFiles}). */
    public static Path folder() {
        return TestScope.repositoryRoot().resolve("events");
    }
}
