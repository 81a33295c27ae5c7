package io.github.ecsexecreadiness.check.exec;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;

/** {@code exec.service-flag}: the service starts its tasks with ECS Exec turned on. */
public final class ServiceFlagCheck extends Check {
    public static final CheckMetadata METADATA = CheckMetadata.builder("exec.service-flag")
            .title("ECS Exec is turned on for the service")
            .severity(Severity.HIGH)
            .findingType(FindingType.CONFIGURATION)
            .rationale("ECS starts a task with the managed SSM agent only when the service's enableExecuteCommand is "
                    + "true; without it no task of the service accepts aws ecs execute-command.")
            .remediation("Run aws ecs update-service --cluster <cluster> --service <service> --enable-execute-command "
                    + "--force-new-deployment (the flag alone reaches only tasks started afterwards).")
            .documentation("https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html")
            .stopsSession(true)
            .build();

    public ServiceFlagCheck() {
        super(METADATA, ExecRedeploy.REMEDY);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        var service = facts.service();
        return service.enableExecuteCommand()
                ? pass("enableExecuteCommand is true on service %s", service.name())
                : fail("enableExecuteCommand is false on service %s", service.name());
    }
}
