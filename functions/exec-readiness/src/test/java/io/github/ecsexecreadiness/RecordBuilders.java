package io.github.ecsexecreadiness;

import io.github.ecsexecreadiness.collect.NetworkSnapshot;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Iam;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * Typed builders of the records tests copy with one thing changed, generated at test-compile time beside each
 * record (e.g. {@code EcsServiceBuilder.builder(service).enableExecuteCommand(false).build()}), so a renamed
 * component breaks the build rather than a test run. Main code keeps its records plain.
 */
@RecordBuilder.Include({Ecs.Cluster.class, Ecs.Service.class, Ecs.Task.class, Ecs.TaskDefinition.class,
        Ecs.ContainerDefinition.class, Ecs.ContainerInstance.class, Iam.Role.class, Ec2.NetworkInterface.class,
        Ec2.Subnet.class, Ec2.RouteTable.class, NetworkSnapshot.VpcNetwork.class, RemediationSettings.class})
@RecordBuilder.Options(enableWither = false)
final class RecordBuilders {
    private RecordBuilders() {}
}
