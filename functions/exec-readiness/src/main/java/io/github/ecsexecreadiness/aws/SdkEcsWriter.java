package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.apply.EcsWriter;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;

/** {@link EcsWriter} over the AWS SDK. */
public final class SdkEcsWriter implements EcsWriter {
    private final EcsClient ecs;

    public SdkEcsWriter(EcsClient ecs) {
        this.ecs = Objects.requireNonNull(ecs);
    }

    @Override
    public Optional<Ecs.Service> describeService(String clusterArn, String serviceArn) {
        return call("ECS.DescribeServices", () -> ecs.describeServices(r -> r.cluster(clusterArn).services(serviceArn)))
                .services().stream().findFirst().map(SdkEcsReader::service);
    }

    @Override
    public Ecs.Service enableExecuteCommandAndRedeploy(String clusterArn, String serviceArn) {
        return SdkEcsReader.service(call("ECS.UpdateService", () -> ecs.updateService(r -> r.cluster(clusterArn)
                .service(serviceArn).enableExecuteCommand(true).forceNewDeployment(true)).service()));
    }
}
