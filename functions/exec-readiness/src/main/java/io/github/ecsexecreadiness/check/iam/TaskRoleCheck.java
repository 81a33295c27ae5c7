package io.github.ecsexecreadiness.check.iam;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.iam.TaskRolePermissions.Finding;
import io.github.ecsexecreadiness.check.iam.TaskRolePermissions.Lookup;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code iam.task-role}: every task of the service runs with a task role that exists. */
public final class TaskRoleCheck extends Check {
    public static final CheckMetadata METADATA = CheckMetadata.builder("iam.task-role")
            .title("The service's tasks run with an existing task role")
            .severity(Severity.HIGH)
            .findingType(FindingType.CONFIGURATION)
            .rationale("The SSM agent that ECS Exec starts in each container opens the session channels with the task "
                    + "role's credentials; ECS Exec requires a task role (the task execution role is not used for "
                    + "this).")
            .remediation("Create an IAM role that trusts ecs-tasks.amazonaws.com and allows the ssmmessages channel "
                    + "actions, register a task definition revision with taskRoleArn set to it, then run aws ecs "
                    + "update-service --task-definition <family:revision> --force-new-deployment.")
            .documentation("https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html")
            .stopsSession(true)
            .build();

    public TaskRoleCheck() {
        super(METADATA);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        List<Finding> findings = new ArrayList<>();
        withoutRole(facts).forEach(where -> findings.add(new Finding(Status.FAIL, "no task role in " + where)));
        List<String> roles = new ArrayList<>();
        for (Optional<String> roleArn : facts.taskRoleArns()) {
            roleArn.ifPresent(arn -> {
                Lookup lookup = TaskRolePermissions.lookup(facts, arn);
                if (lookup.problem() != null) {
                    findings.add(lookup.problem());
                } else {
                    roles.add(arn);
                }
            });
        }
        if (findings.isEmpty()) {
            return pass("tasks run with task role %s", String.join(", ", roles));
        }
        return TaskRolePermissions.result(this, findings, "ECS Exec needs a task role");
    }

    /** The task definitions (and tasks) whose effective task role is none. */
    private static Set<String> withoutRole(ServiceFacts facts) {
        Set<String> where = new LinkedHashSet<>();
        Ecs.TaskDefinition current = facts.taskDefinition();
        if (current.taskRoleArn() == null) {
            where.add("task definition " + current.familyRevision());
        }
        for (Ecs.Task task : facts.runningTasks()) {
            // A task without a role on the current revision is already named through it.
            if (facts.taskRoleArn(task).isEmpty() && !task.taskDefinitionArn().equals(current.arn())) {
                where.add("task " + task.id() + " (task definition "
                        + facts.taskDefinition(task.taskDefinitionArn()).familyRevision() + ")");
            }
        }
        return where;
    }
}
