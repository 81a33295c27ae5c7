package io.github.ecsexecreadiness.check.exec;

import static io.github.ecsexecreadiness.check.CheckSupport.listed;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.model.Ecs;

/** {@code exec.task-flag}: every running task was started with ECS Exec on, not only the service. */
public final class TaskFlagCheck extends Check {
    public static final CheckMetadata METADATA = CheckMetadata.builder("exec.task-flag")
            .title("Every running task was started with ECS Exec turned on")
            .severity(Severity.HIGH)
            .findingType(FindingType.CONFIGURATION)
            .rationale("ECS decides enableExecuteCommand when it starts a task and never changes it afterwards: tasks "
                    + "started before the service's flag was turned on run without the managed SSM agent and refuse "
                    + "execute-command until they are replaced.")
            .remediation("Once enableExecuteCommand is true on the service, run aws ecs update-service --cluster "
                    + "<cluster> --service <service> --force-new-deployment so that ECS replaces the tasks started "
                    + "without it.")
            .documentation(CheckMetadata.ECS_EXEC_DOC)
            .stopsSession(true)
            .build();

    public TaskFlagCheck() {
        super(METADATA, ExecRedeploy.REMEDY);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        var service = facts.service();
        var running = facts.runningTasks();
        if (running.isEmpty()) {
            return notApplicable("service %s has no RUNNING task", service.name());
        }
        var without = running.stream().filter(task -> !task.enableExecuteCommand()).map(Ecs.Task::id).toList();
        if (without.isEmpty()) {
            return pass("all %d RUNNING tasks of service %s have enableExecuteCommand true",
                    running.size(), service.name());
        }
        return fail("%d of %d RUNNING tasks of service %s started without ECS Exec (%s); %s",
                without.size(), running.size(), service.name(), listed(without),
                service.enableExecuteCommand() ? "force a new deployment"
                        : "turn it on for the service, then force a new deployment");
    }
}
