package io.github.ecsexecreadiness.check.container;

import static io.github.ecsexecreadiness.check.CheckSupport.familyRevisions;
import static io.github.ecsexecreadiness.check.CheckSupport.listed;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.CheckSupport;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.SessionTargets;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.List;

/** {@code container.readonly-root}: the SSM agent can write where it needs to inside each container. */
public final class ReadonlyRootCheck extends Check {
    public static final CheckMetadata METADATA = CheckMetadata.builder("container.readonly-root")
            .title("Containers do not set readonlyRootFilesystem")
            .severity(Severity.HIGH)
            .findingType(FindingType.CONFIGURATION)
            .rationale("The SSM agent ECS Exec starts in each container writes to the container's file system; AWS "
                    + "states that a read-only root file system is not supported. Writable volumes at "
                    + "/managed-agents, /var/lib/amazon/ssm and /var/log/amazon/ssm are a community workaround that "
                    + "AWS does not support (aws/containers-roadmap#1359). This is a trade-off with Security Hub "
                    + "control ECS.5, which asks for read-only root file systems: this tool reports it and never "
                    + "flips the flag.")
            .remediation("Decide per container: either register a task definition revision with "
                    + "readonlyRootFilesystem false (this fails Security Hub ECS.5), or keep it and add writable "
                    + "volumes mounted at /managed-agents, /var/lib/amazon/ssm and /var/log/amazon/ssm (unsupported "
                    + "workaround); then update the service to the new revision.")
            .documentation(CheckMetadata.ECS_EXEC_DOC)
            .stopsSession(true)
            .build();

    /** Where the ECS agent mounts the SSM agent and where that agent keeps its state and logs. */
    static final List<String> SSM_PATHS = List.of("/managed-agents", "/var/lib/amazon/ssm", "/var/log/amazon/ssm");

    public ReadonlyRootCheck() {
        super(METADATA);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        List<String> lost = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        List<String> workaround = new ArrayList<>();
        var definitions = facts.taskDefinitionsInUse();
        for (Ecs.TaskDefinition definition : definitions) {
            var containers = definition.containerDefinitions();
            List<String> blockedHere = new ArrayList<>();
            for (Ecs.ContainerDefinition container : containers) {
                if (!container.readonlyRootFilesystem()) {
                    continue;
                }
                String where = CheckSupport.container(container, definition);
                var unwritable = unwritable(container);
                if (unwritable.isEmpty()) {
                    workaround.add(where);
                } else if (unwritable.size() == SSM_PATHS.size()) {
                    blockedHere.add(where);
                } else {
                    blockedHere.add(where + " (not writable: " + String.join(" ", unwritable) + ")");
                }
            }
            Status status = SessionTargets.verdict(containers, Ecs.ContainerDefinition::essential,
                    container -> container.readonlyRootFilesystem() && !unwritable(container).isEmpty());
            (status == Status.FAIL ? lost : blocked).addAll(blockedHere);
        }
        if (!lost.isEmpty()) {
            return fail("readonlyRootFilesystem is true for %s: the SSM agent cannot write its files, and no essential "
                    + "container of the task definition is left to take a session", listed(lost));
        }
        if (!blocked.isEmpty()) {
            return warn("readonlyRootFilesystem is true for %s: the SSM agent cannot write its files there; sessions "
                    + "into the other containers (execute-command --container) work", listed(blocked));
        }
        if (!workaround.isEmpty()) {
            return warn("readonlyRootFilesystem is true for %s with writable SSM mounts: works in practice, "
                    + "unsupported by AWS (aws/containers-roadmap#1359)", listed(workaround));
        }
        return pass("no container of %s sets readonlyRootFilesystem", familyRevisions(definitions));
    }

    private static List<String> unwritable(Ecs.ContainerDefinition container) {
        return SSM_PATHS.stream().filter(path -> !writable(container, path)).toList();
    }

    /** A writable mount at the path or at one of its parents. */
    private static boolean writable(Ecs.ContainerDefinition container, String path) {
        return container.mountPoints().stream()
                .filter(mount -> !mount.readOnly() && mount.containerPath() != null)
                .map(mount -> mount.containerPath().replaceAll("/+$", ""))
                .anyMatch(mounted -> path.equals(mounted) || path.startsWith(mounted + "/"));
    }
}
