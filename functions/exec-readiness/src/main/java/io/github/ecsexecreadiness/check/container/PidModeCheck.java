package io.github.ecsexecreadiness.check.container;

import static io.github.ecsexecreadiness.check.CheckSupport.familyRevisions;
import static io.github.ecsexecreadiness.check.CheckSupport.listed;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.model.Ecs;

/** {@code container.pid-mode}: containers do not share a PID namespace, which limits ECS Exec to one session. */
public final class PidModeCheck extends Check {
    public static final CheckMetadata METADATA = CheckMetadata.builder("container.pid-mode")
            .title("Task definitions do not share a PID namespace")
            .severity(Severity.LOW)
            .findingType(FindingType.CONFIGURATION)
            .rationale("ECS Exec allows one session per PID namespace. With pidMode task the containers of a task "
                    + "share one namespace, so only one container can be reached and only one session at a time; "
                    + "pidMode host shares the instance's namespace, with the same limit.")
            .remediation("If the containers do not need to see each other's processes, register a task definition "
                    + "revision without pidMode and update the service to it; otherwise expect one ECS Exec session "
                    + "at a time.")
            .documentation(CheckMetadata.ECS_EXEC_DOC)
            .stopsSession(false)
            .build();

    public PidModeCheck() {
        super(METADATA);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        var definitions = facts.taskDefinitionsInUse();
        var shared = definitions.stream()
                .filter(definition -> "task".equals(definition.pidMode()) || "host".equals(definition.pidMode()))
                .map(definition -> definition.familyRevision() + " (pidMode " + definition.pidMode()
                        + unreachable(definition) + ")")
                .toList();
        if (!shared.isEmpty()) {
            return warn("%s share a PID namespace: one ECS Exec session at a time, into one container",
                    listed(shared));
        }
        return pass("%s set no pidMode", familyRevisions(definitions));
    }

    /**
     * With a shared namespace only the first container's agent takes sessions (aws-containers/amazon-ecs-exec-checker
     * #75): the others are named. Never a FAIL, since that first container still can.
     */
    private static String unreachable(Ecs.TaskDefinition definition) {
        var others = definition.containerDefinitions().stream().skip(1).map(Ecs.ContainerDefinition::name).toList();
        return others.isEmpty() ? "" : "; containers " + String.join(", ", others) + " cannot take a session";
    }
}
