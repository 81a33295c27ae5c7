package io.github.ecsexecreadiness.cli.preflight;

import java.util.List;

/**
 * An AWS Config configuration recorder and its status, as DescribeConfigurationRecorders and
 * DescribeConfigurationRecorderStatus give them.
 *
 * @param recordingStrategy the recording group's {@code recordingStrategy.useOnly}
 *                          (ALL_SUPPORTED_RESOURCE_TYPES, INCLUSION_BY_RESOURCE_TYPES, EXCLUSION_BY_RESOURCE_TYPES),
 *                          or null when the recorder predates it
 * @param recording         the status's {@code recording}, null when the status was not returned
 */
public record ConfigRecorder(String name, boolean allSupported, List<String> resourceTypes, String recordingStrategy,
                             List<String> exclusions, Boolean recording) {
    public static final String ECS_SERVICE = "AWS::ECS::Service";

    public ConfigRecorder {
        resourceTypes = List.copyOf(resourceTypes);
        exclusions = List.copyOf(exclusions);
    }

    /** Whether the recording group covers AWS::ECS::Service, whatever the way it says so. */
    public boolean recordsEcsServices() {
        if ("EXCLUSION_BY_RESOURCE_TYPES".equals(recordingStrategy)) {
            return !exclusions.contains(ECS_SERVICE);
        }
        return allSupported || resourceTypes.contains(ECS_SERVICE);
    }
}
