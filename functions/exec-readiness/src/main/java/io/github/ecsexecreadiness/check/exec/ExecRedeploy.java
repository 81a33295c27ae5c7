package io.github.ecsexecreadiness.check.exec;

import io.github.ecsexecreadiness.check.AwsCli;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Remedy;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.model.Arns;
import io.github.ecsexecreadiness.fix.Fix;
import java.util.List;

/**
 * The remedy {@code exec.service-flag} and {@code exec.task-flag} share: turn ECS Exec on for the service and
 * force a new deployment. ECS sets a task's flag only when it starts the task, so one redeployment with the flag
 * on repairs both checks; it is proposed once, under the first failing one.
 */
final class ExecRedeploy implements Remedy {
    static final ExecRedeploy REMEDY = new ExecRedeploy();

    private ExecRedeploy() {}

    @Override
    public List<Class<? extends Fix>> fixes() {
        return List.of(Fix.EnableExecAndRedeploy.class);
    }

    @Override
    public List<Proposal> propose(List<CheckResult> failing, ServiceFacts facts, Context context) {
        var service = facts.service();
        return List.of(Proposal.guarded(new Fix.EnableExecAndRedeploy(failing.getFirst().id(), service.clusterArn(),
                service.arn()), null));
    }

    /** The flag is named only when it is off: a redeployment alone is what tasks started without it need. */
    @Override
    public List<String> advice(CheckResult result, ServiceFacts facts) {
        var service = facts.service();
        AwsCli command = AwsCli.command("ecs", "update-service")
                .option("--cluster", Arns.clusterName(service.clusterArn()))
                .option("--service", service.name());
        if (!service.enableExecuteCommand()) {
            command.flag("--enable-execute-command");
        }
        return List.of(command.flag("--force-new-deployment").option("--region", facts.region()).toString());
    }
}
