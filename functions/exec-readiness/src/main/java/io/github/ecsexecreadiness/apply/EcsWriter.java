package io.github.ecsexecreadiness.apply;

import static io.github.ecsexecreadiness.iam.PolicyStatement.LOOK_BEFORE_REDEPLOYING;
import static io.github.ecsexecreadiness.iam.PolicyStatement.NEVER_UPDATE_OPTED_OUT_SERVICES;
import static io.github.ecsexecreadiness.iam.PolicyStatement.NEVER_UPDATE_SERVICE_WITHOUT_THE_EXEC_FLAG;
import static io.github.ecsexecreadiness.iam.PolicyStatement.UPDATE_SERVICE_ONLY_TO_TURN_EXEC_ON;

import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.iam.CallsAws;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.Optional;

/** The ECS operations the redeploy fix needs. Implementations throw {@link AwsApiException} on an AWS error. */
public interface EcsWriter {

    /** DescribeServices of one service; empty when it does not exist. */
    @CallsAws(operation = "ECS.DescribeServices", statements = LOOK_BEFORE_REDEPLOYING)
    Optional<Ecs.Service> describeService(String clusterArn, String serviceArn);

    /**
     * UpdateService with enableExecuteCommand=true and forceNewDeployment=true: ECS replaces every task, and
     * only the new ones get the flag. Returns the service as UpdateService answers it.
     */
    @CallsAws(operation = "ECS.UpdateService", statements = {UPDATE_SERVICE_ONLY_TO_TURN_EXEC_ON,
            NEVER_UPDATE_SERVICE_WITHOUT_THE_EXEC_FLAG, NEVER_UPDATE_OPTED_OUT_SERVICES})
    Ecs.Service enableExecuteCommandAndRedeploy(String clusterArn, String serviceArn);
}
