package io.github.ecsexecreadiness.aws;

import io.github.ecsexecreadiness.model.Ecs;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The SDK readers' own translation of ECS answers into model records, for test seeders that build the answer AWS
 * would give (the in-memory seeder): an account seeded in memory is then read exactly as one read from moto.
 */
public final class SdkShapes {
    private SdkShapes() {}

    public static Ecs.Cluster cluster(Cluster cluster) {
        return SdkEcsReader.cluster(cluster);
    }

    public static Ecs.Service service(Service service) {
        return SdkEcsReader.service(service);
    }

    public static Ecs.Task task(Task task) {
        return SdkEcsReader.task(task);
    }

    public static Ecs.TaskDefinition taskDefinition(TaskDefinition taskDefinition) {
        return SdkEcsReader.taskDefinition(taskDefinition);
    }

    public static Ecs.ContainerInstance containerInstance(ContainerInstance containerInstance) {
        return SdkEcsReader.containerInstance(containerInstance);
    }
}
