package io.github.ecsexecreadiness.check.iam;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.iam.Permission;
import java.net.URI;
import java.util.List;

/** {@code iam.ssmmessages}: every task role may open the Session Manager channels ECS Exec runs over. */
public final class SsmmessagesCheck implements Check {
    /** The four actions the ECS Exec documentation requires, on Resource "*". */
    public static final List<Permission> REQUIRED = Permission.onResource("*",
            "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel");

    public static final CheckMetadata METADATA = new CheckMetadata(
            "iam.ssmmessages",
            "Every task role may open the ssmmessages channels",
            Severity.HIGH,
            "An ECS Exec session runs over Session Manager channels that the SSM agent in the container opens with "
                    + "the task role's credentials; without the four ssmmessages channel actions the agent cannot "
                    + "connect and execute-command fails with TargetNotConnectedException.",
            "Attach to the task role a policy allowing ssmmessages:CreateControlChannel, "
                    + "ssmmessages:CreateDataChannel, ssmmessages:OpenControlChannel and ssmmessages:OpenDataChannel "
                    + "on Resource \"*\" (aws iam put-role-policy --role-name <role> "
                    + "--policy-name ecs-exec-ssmmessages --policy-document ...); remove any Deny or "
                    + "permissions-boundary gap the reason names.",
            URI.create(CheckMetadata.ECS_EXEC_DOC));

    @Override
    public CheckMetadata metadata() {
        return METADATA;
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        return TaskRolePermissions.evaluate(this, facts, "open the ECS Exec ssmmessages channels", REQUIRED,
                decision -> Status.FAIL);
    }
}
