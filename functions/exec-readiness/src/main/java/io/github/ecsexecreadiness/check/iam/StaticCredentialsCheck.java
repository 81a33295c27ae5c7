package io.github.ecsexecreadiness.check.iam;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code iam.static-credentials}: no container carries static AWS credentials that override the task role. */
public final class StaticCredentialsCheck implements Check {
    /** Variables the AWS SDKs (and the SSM agent) read before falling back to the task role. */
    static final Set<String> CREDENTIAL_VARIABLES =
            Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY");

    public static final CheckMetadata METADATA = CheckMetadata.builder("iam.static-credentials")
            .title("No container sets static AWS credentials")
            .severity(Severity.MEDIUM)
            .findingType(FindingType.SECURITY_BEST_PRACTICE)
            .rationale("The SSM agent that ECS Exec runs inside the container picks up AWS credentials from the "
                    + "container's environment before the task role (aws-containers/amazon-ecs-exec-checker#49); "
                    + "sessions then fail unless those keys may call the ssmmessages channel actions.")
            .remediation("Remove AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_ACCESS_KEY from "
                    + "the containers' environment, secrets and environment files, grant the application's "
                    + "permissions through the task role, register the new task definition revision and deploy it.")
            .documentation("https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html")
            .build();

    @Override
    public CheckMetadata metadata() {
        return METADATA;
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        List<String> found = new ArrayList<>();
        List<String> withFiles = new ArrayList<>();
        for (Ecs.TaskDefinition taskDefinition : facts.taskDefinitionsInUse()) {
            for (Ecs.ContainerDefinition container : taskDefinition.containerDefinitions()) {
                String where = "container " + container.name() + " of task definition "
                        + taskDefinition.familyRevision();
                List<String> variables = new ArrayList<>();
                container.environment().keySet().stream().filter(CREDENTIAL_VARIABLES::contains).sorted()
                        .forEach(name -> variables.add(name + " (environment)"));
                container.secretNames().stream().filter(CREDENTIAL_VARIABLES::contains)
                        .forEach(name -> variables.add(name + " (secret)"));
                if (!variables.isEmpty()) {
                    found.add(where + " sets " + String.join(", ", variables));
                }
                if (container.hasEnvironmentFiles()) {
                    withFiles.add(where);
                }
            }
        }
        if (!found.isEmpty()) {
            return warn("%s; they take precedence over the task role", TaskRolePermissions.capped(found));
        }
        if (!withFiles.isEmpty()) {
            return unknown("cannot tell whether the environment files of %s set AWS credentials: files in S3 are "
                    + "not read", TaskRolePermissions.capped(withFiles));
        }
        return pass("no container sets %s", String.join(", ", CREDENTIAL_VARIABLES.stream().sorted().toList()));
    }
}
