package io.github.ecsexecreadiness.check.platform;

import static io.github.ecsexecreadiness.check.CheckSupport.compareVersions;
import static io.github.ecsexecreadiness.check.CheckSupport.isWindows;
import static io.github.ecsexecreadiness.check.CheckSupport.launchType;
import static io.github.ecsexecreadiness.check.CheckSupport.listed;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.CheckSupport.LaunchType;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.List;
import java.util.Optional;

/**
 * {@code platform.version}: the infrastructure under the service's tasks supports ECS Exec (Fargate platform
 * version; on EC2 and ECS Anywhere the container agent version and its execute-command capability).
 */
public final class PlatformVersionCheck extends Check {
    public static final CheckMetadata METADATA = CheckMetadata.builder("platform.version")
            .title("Tasks run on a Fargate platform version or container agent that supports ECS Exec")
            .severity(Severity.HIGH)
            .findingType(FindingType.CONFIGURATION)
            .rationale("ECS Exec needs Fargate platform version 1.4.0 or later for Linux (1.0.0 for Windows), or on "
                    + "EC2 an ECS container agent 1.50.2 or later (1.56 for Windows) that has registered the "
                    + "ecs.capability.execute-command attribute, which it does only when the instance carries the SSM "
                    + "agent binaries ECS Exec bind-mounts into containers.")
            .remediation("Fargate: aws ecs update-service --cluster <cluster> --service <service> --platform-version "
                    + "LATEST --force-new-deployment (1.3.0 to 1.4.0 changes task networking: review first). EC2: run "
                    + "aws ecs update-container-agent --cluster <cluster> --container-instance <id>, or replace the "
                    + "instances with a current ECS-optimized AMI, then replace the tasks.")
            .documentation("https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html")
            .stopsSession(true)
            .build();

    static final String FARGATE_LINUX_MINIMUM = "1.4.0";
    static final String FARGATE_WINDOWS_MINIMUM = "1.0.0";
    static final String AGENT_LINUX_MINIMUM = "1.50.2";
    static final String AGENT_WINDOWS_MINIMUM = "1.56.0";
    static final String EXEC_CAPABILITY = "ecs.capability.execute-command";

    /** One task's (or the service's) verdict, and the phrase that names why. */
    private record Finding(Status status, String text) {}

    public PlatformVersionCheck() {
        super(METADATA);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        var tasks = facts.runningTasks();
        return verdict(tasks.isEmpty() ? List.of(onService(facts))
                : tasks.stream().map(task -> onTask(facts, task)).toList());
    }

    /** FAIL if any task fails, else UNKNOWN if any cannot be decided, else PASS; names the deciding tasks. */
    private CheckResult verdict(List<Finding> findings) {
        for (Status status : List.of(Status.FAIL, Status.UNKNOWN)) {
            var texts = findings.stream().filter(f -> f.status() == status).map(Finding::text).toList();
            if (!texts.isEmpty()) {
                return status == Status.FAIL ? fail(listed(texts)) : unknown(listed(texts));
            }
        }
        return pass(listed(findings.stream().map(Finding::text).distinct().toList()));
    }

    private Finding onTask(ServiceFacts facts, Ecs.Task task) {
        boolean windows = isWindows(task.platformFamily(), facts.taskDefinition(task.taskDefinitionArn()));
        String subject = "task " + task.id();
        Optional<LaunchType> type = launchType(facts.service(), task);
        if (type.isEmpty()) {
            return new Finding(Status.UNKNOWN, subject + " has no launch type this tool knows");
        }
        return switch (type.get()) {
            case FARGATE -> fargate(subject, task.platformVersion(), windows);
            case EC2, EXTERNAL -> instance(facts, task, windows);
            case MANAGED_INSTANCES -> managedInstances(subject);
        };
    }

    /** No task runs: only Fargate can be decided, from the version the service asks for. */
    private Finding onService(ServiceFacts facts) {
        var service = facts.service();
        String subject = "service " + service.name();
        Optional<LaunchType> type = launchType(service, null);
        if (type.isEmpty()) {
            return new Finding(Status.UNKNOWN,
                    subject + " has no RUNNING task, no launch type and no capacity provider to decide from");
        }
        return switch (type.get()) {
            case FARGATE -> {
                boolean windows = isWindows(service.platformFamily(), facts.taskDefinition());
                String version = service.platformVersion();
                // LATEST (ECS's default when unset) resolves to a version that supports ECS Exec on both OSes.
                yield version == null || "LATEST".equalsIgnoreCase(version)
                        ? new Finding(Status.PASS, subject + " asks for Fargate platform LATEST, which resolves to "
                                + minimum(windows, FARGATE_LINUX_MINIMUM, FARGATE_WINDOWS_MINIMUM) + " or later")
                        : fargate(subject, version, windows);
            }
            case EC2, EXTERNAL -> new Finding(Status.UNKNOWN,
                    subject + " has no RUNNING task, so the container instances that will host it cannot be resolved");
            case MANAGED_INSTANCES -> managedInstances(subject);
        };
    }

    private static Finding fargate(String subject, String version, boolean windows) {
        String minimum = minimum(windows, FARGATE_LINUX_MINIMUM, FARGATE_WINDOWS_MINIMUM);
        String platform = "Fargate " + os(windows) + " platform " + version;
        var order = compareVersions(version, minimum);
        if (order.isEmpty()) {
            return new Finding(Status.UNKNOWN, subject + " reports " + platform + ", not a version number");
        }
        return order.getAsInt() >= 0
                ? new Finding(Status.PASS, subject + " on " + platform)
                : new Finding(Status.FAIL, subject + " on " + platform + ", below " + minimum);
    }

    private static Finding instance(ServiceFacts facts, Ecs.Task task, boolean windows) {
        String subject = "task " + task.id();
        if (task.containerInstanceArn() == null) {
            return new Finding(Status.UNKNOWN, subject + " reports no container instance");
        }
        var found = facts.containerInstance(task.containerInstanceArn());
        if (found.isEmpty()) {
            return new Finding(Status.UNKNOWN,
                    subject + "'s container instance " + task.containerInstanceArn() + " no longer exists");
        }
        var instance = found.get();
        String host = "instance " + (instance.ec2InstanceId() != null ? instance.ec2InstanceId() : instance.arn())
                + " (" + subject + ", agent " + instance.agentVersion() + ")";
        // The agent registers the capability only where ECS Exec can work: the decisive signal.
        if (!instance.attributeNames().contains(EXEC_CAPABILITY)) {
            return new Finding(Status.FAIL, host + " lacks attribute " + EXEC_CAPABILITY);
        }
        // Windows EC2 task definitions usually omit runtimePlatform: the instance's ecs.os-type says it.
        boolean onWindows = windows || "windows".equalsIgnoreCase(instance.osType());
        String minimum = minimum(onWindows, AGENT_LINUX_MINIMUM, AGENT_WINDOWS_MINIMUM);
        var order = compareVersions(instance.agentVersion(), minimum);
        if (order.isEmpty()) {
            return new Finding(Status.UNKNOWN, host + " reports an agent version that is not a version number");
        }
        return order.getAsInt() >= 0
                ? new Finding(Status.PASS, host + " has " + EXEC_CAPABILITY)
                : new Finding(Status.FAIL, host + " runs an agent below " + minimum + " for " + os(onWindows));
    }

    private static Finding managedInstances(String subject) {
        return new Finding(Status.UNKNOWN,
                subject + " runs on ECS Managed Instances, which the ECS Exec documentation does not list as supported");
    }

    private static String minimum(boolean windows, String linux, String windowsMinimum) {
        return windows ? windowsMinimum : linux;
    }

    private static String os(boolean windows) {
        return windows ? "Windows" : "Linux";
    }
}
