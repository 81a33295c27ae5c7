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

/**
 * {@code iam.static-credentials}: no container carries static AWS credentials. Informational: since SSM agent
 * 3.1.1260.0 the exec agent uses the task role whatever the environment holds, so such keys stop sessions only on
 * hosts whose bundled agent is older; they remain long-lived secrets in a task definition.
 */
public final class StaticCredentialsCheck extends Check {
    /** Variables the AWS SDKs (and the SSM agent) read before falling back to the task role. */
    static final Set<String> CREDENTIAL_VARIABLES =
            Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY");

    public static final CheckMetadata METADATA = CheckMetadata.builder("iam.static-credentials")
            .title("No container sets static AWS credentials")
            .severity(Severity.INFORMATIONAL)
            .findingType(FindingType.SECURITY_BEST_PRACTICE)
            .rationale("Static keys in a container's environment are long-lived secrets that the task role makes "
                    + "unnecessary. They no longer affect ECS Exec: SSM agent 3.1.1260.0 (April 2022) fixed the exec "
                    + "agent's use of environment credentials, so it opens its channels with the task role; only a "
                    + "host with an older bundled agent (an EC2 container instance on an old ECS-optimized AMI) "
                    + "would use the keys instead (aws-containers/amazon-ecs-exec-checker#49).")
            .remediation("Remove AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_ACCESS_KEY from "
                    + "the containers' environment, secrets and environment files, grant the application's "
                    + "permissions through the task role, register the new task definition revision and deploy it.")
            .documentation("https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html")
            .stopsSession(false)
            .build();

    public StaticCredentialsCheck() {
        super(METADATA);
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
            return warn("%s: long-lived keys, which the exec agent ignores since SSM agent 3.1.1260.0 (it uses the "
                    + "task role; only an older agent would use them)", TaskRolePermissions.capped(found));
        }
        if (!withFiles.isEmpty()) {
            return unknown("cannot tell whether the environment files of %s set AWS credentials: files in S3 are "
                    + "not read", TaskRolePermissions.capped(withFiles));
        }
        return pass("no container sets %s", String.join(", ", CREDENTIAL_VARIABLES.stream().sorted().toList()));
    }
}
