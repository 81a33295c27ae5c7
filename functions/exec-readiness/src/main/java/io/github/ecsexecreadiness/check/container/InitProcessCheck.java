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

/** {@code container.init-process}: Linux containers run an init process that reaps exec sessions' orphans. */
public final class InitProcessCheck extends Check {
    public static final CheckMetadata METADATA = CheckMetadata.builder("container.init-process")
            .title("Linux containers run with initProcessEnabled")
            .severity(Severity.LOW)
            .findingType(FindingType.CONFIGURATION)
            .rationale("Processes started by ECS Exec sessions are left behind when a session ends; without an init "
                    + "process as PID 1 nothing reaps them and they pile up as zombies. AWS recommends "
                    + "initProcessEnabled for containers used with ECS Exec.")
            .remediation("Register a task definition revision with linuxParameters.initProcessEnabled set to true on "
                    + "each container, then update the service to it.")
            .documentation(CheckMetadata.ECS_EXEC_DOC)
            .stopsSession(false)
            .build();

    public InitProcessCheck() {
        super(METADATA);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        var linux = facts.taskDefinitionsInUse().stream().filter(definition -> !definition.isWindows()).toList();
        if (linux.isEmpty()) {
            return notApplicable("service %s runs Windows task definitions: initProcessEnabled is Linux-only",
                    facts.service().name());
        }
        var without = containers(linux, container -> !Boolean.TRUE.equals(container.initProcessEnabled()));
        if (!without.isEmpty()) {
            return warn("initProcessEnabled is not true for %s: processes left by exec sessions become zombies",
                    listed(without));
        }
        return pass("initProcessEnabled is true for every container of %s", familyRevisions(linux));
    }
}
