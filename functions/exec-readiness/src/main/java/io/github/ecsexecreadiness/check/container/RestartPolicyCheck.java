package io.github.ecsexecreadiness.check.container;

import static io.github.ecsexecreadiness.check.CheckSupport.containers;
import static io.github.ecsexecreadiness.check.CheckSupport.familyRevisions;
import static io.github.ecsexecreadiness.check.CheckSupport.listed;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.model.Ecs;

/** {@code container.restart-policy}: containers restarted in place lose ECS Exec until the task is replaced. */
public final class RestartPolicyCheck extends Check {
    public static final CheckMetadata METADATA = CheckMetadata.builder("container.restart-policy")
            .title("Containers do not use an in-place restart policy")
            .severity(Severity.LOW)
            .findingType(FindingType.CONFIGURATION)
            .rationale("When ECS restarts a container in place under its restart policy, execute-command into that "
                    + "container fails with TargetNotConnectedException until the whole task is replaced "
                    + "(aws/containers-roadmap#2469); AWS does not document this yet.")
            .remediation("Keep the restart policy if availability matters more, and replace the task (aws ecs "
                    + "stop-task) when exec into a restarted container fails; or register a task definition revision "
                    + "with restartPolicy.enabled false and update the service to it.")
            .documentation("https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-restart-policy.html")
            .stopsSession(false)
            .build();

    public RestartPolicyCheck() {
        super(METADATA);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        var definitions = facts.taskDefinitionsInUse();
        var restarting = containers(definitions, Ecs.ContainerDefinition::restartPolicyEnabled);
        if (!restarting.isEmpty()) {
            return warn("restart policy enabled for %s: after an in-place restart exec fails until the task is replaced",
                    listed(restarting));
        }
        return pass("no container of %s enables a restart policy", familyRevisions(definitions));
    }
}
