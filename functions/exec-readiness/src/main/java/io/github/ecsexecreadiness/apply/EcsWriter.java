package io.github.ecsexecreadiness.apply;

import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.Optional;

/** The ECS operations the redeploy fix needs. Implementations throw {@link AwsApiException} on an AWS error. */
public interface EcsWriter {

    /** DescribeServices of one service; empty when it does not exist. */
    Optional<Ecs.Service> describeService(String clusterArn, String serviceArn);

    /**
     * UpdateService with enableExecuteCommand=true and forceNewDeployment=true: ECS replaces every task, and
     * only the new ones get the flag. Returns the service as UpdateService answers it.
     */
    Ecs.Service enableExecuteCommandAndRedeploy(String clusterArn, String serviceArn);
}
