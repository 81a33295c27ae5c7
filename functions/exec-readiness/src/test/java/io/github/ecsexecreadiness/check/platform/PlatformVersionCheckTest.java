package io.github.ecsexecreadiness.check.platform;

import static io.github.ecsexecreadiness.check.Verdicts.row;

import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.Verdicts;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlatformVersionCheckTest {
    private static final String INSTANCE_ARN =
            "arn:aws:ecs:eu-west-1:111122223333:container-instance/shop/0a1b2c3d4e5f";
    private static final String WINDOWS = "WINDOWS_SERVER_2022_CORE";

    /** The ready service moved to an EC2 instance with this agent and these attributes. */
    private static Consumer<Scenario> ec2(String agentVersion, String... attributes) {
        return ec2On("linux", agentVersion, attributes);
    }

    /** The ready service on an EC2 instance whose ecs.os-type is {@code osType}. */
    private static Consumer<Scenario> ec2On(String osType, String agentVersion, String... attributes) {
        return s -> {
            s.withService(b -> b.launchType("EC2")).withService(b -> b.platformVersion(null))
                    .withTasks(b -> b.launchType("EC2")).withTasks(b -> b.platformVersion(null))
                    .withTasks(b -> b.containerInstanceArn(INSTANCE_ARN));
            s.withContainerInstance(new Ecs.ContainerInstance(INSTANCE_ARN, "i-0abc", agentVersion,
                    true, "ACTIVE", Set.of(attributes), null, osType));
        };
    }

    private static Consumer<Scenario> ec2Capable(String agentVersion) {
        return ec2(agentVersion, "ecs.capability.execute-command", "ecs.os-type");
    }

    private static Consumer<Scenario> windows() {
        return s -> s.withTaskDefinition(b -> b.operatingSystemFamily(WINDOWS));
    }

    static Stream<Arguments> fargate() {
        return Stream.of(
                row("Linux 1.4.0", s -> {}, Status.PASS, "task 0123456789abcdef0 on Fargate Linux platform 1.4.0"),
                row("Linux 1.3.0", s -> s.withTasks(b -> b.platformVersion("1.3.0")),
                        Status.FAIL, "Fargate Linux platform 1.3.0, below 1.4.0"),
                row("1.10.0 compares numerically", s -> s.withTasks(b -> b.platformVersion("1.10.0")),
                        Status.PASS, "1.10.0"),
                row("Windows from platformFamily", s -> s.withTasks(b -> b.platformFamily(WINDOWS))
                        .withTasks(b -> b.platformVersion("1.0.0")), Status.PASS, "Fargate Windows platform 1.0.0"),
                row("Windows from platformFamily in any case", s -> s.withTasks(b -> b.platformFamily(
                        "windows_server_2019_full"))
                        .withTasks(b -> b.platformVersion("1.0.0")), Status.PASS, "Windows"),
                row("Windows from the task definition", windows().andThen(s -> s.withTasks(b -> b.platformFamily(null))
                        .withTasks(b -> b.platformVersion("1.0.0"))), Status.PASS, "Fargate Windows platform 1.0.0"),
                row("Linux 1.0.0", s -> s.withTasks(b -> b.platformVersion("1.0.0")), Status.FAIL, "below 1.4.0"),
                row("version not a number", s -> s.withTasks(b -> b.platformVersion("1.4.0-preview")),
                        Status.UNKNOWN, "1.4.0-preview, not a version number"),
                row("Fargate from capacity providers", s -> s.withService(b -> b.launchType(null))
                        .withService(b -> b.capacityProviders(List.of("FARGATE_SPOT")))
                        .withTasks(b -> b.launchType(null))
                        .withTasks(b -> b.platformVersion("1.3.0")), Status.FAIL, "Fargate Linux platform 1.3.0"),
                row("one old task among current ones", s -> s.withExtraTask("old1", b -> b.platformVersion("1.3.0")),
                        Status.FAIL, "task old1 on Fargate Linux platform 1.3.0"));
    }

    static Stream<Arguments> noRunningTask() {
        Consumer<Scenario> noTask = s -> s.withoutTasks();
        return Stream.of(
                row("service LATEST", noTask, Status.PASS, "service web asks for Fargate platform LATEST"),
                row("service version unset", noTask.andThen(s -> s.withService(b -> b.platformVersion(null))),
                        Status.PASS, "LATEST, which resolves to 1.4.0"),
                row("service Windows LATEST", noTask.andThen(windows()), Status.PASS, "resolves to 1.0.0"),
                row("service 1.3.0", noTask.andThen(s -> s.withService(b -> b.platformVersion("1.3.0"))),
                        Status.FAIL, "service web on Fargate Linux platform 1.3.0, below 1.4.0"),
                row("service 1.4.0", noTask.andThen(s -> s.withService(b -> b.platformVersion("1.4.0"))),
                        Status.PASS, "1.4.0"),
                row("service on EC2", noTask.andThen(s -> s.withService(b -> b.launchType("EC2"))),
                        Status.UNKNOWN, "container instances that will host it cannot be resolved"),
                row("service on an EC2 capacity provider", noTask.andThen(s -> s.withService(b -> b.launchType(null))
                        .withService(b -> b.capacityProviders(List.of("asg-provider")))),
                        Status.UNKNOWN, "cannot be resolved"),
                row("no launch type, no provider", noTask.andThen(s -> s.withService(b -> b.launchType(null))),
                        Status.UNKNOWN, "no launch type and no capacity provider"));
    }

    static Stream<Arguments> instances() {
        return Stream.of(
                row("agent 1.50.2 with capability", ec2Capable("1.50.2"),
                        Status.PASS, "instance i-0abc (task 0123456789abcdef0, agent 1.50.2) has ecs.capability"),
                row("agent 1.50.1", ec2Capable("1.50.1"), Status.FAIL, "agent 1.50.1) runs an agent below 1.50.2"),
                row("capability missing", ec2("1.90.0", "ecs.os-type"),
                        Status.FAIL, "i-0abc (task 0123456789abcdef0, agent 1.90.0) lacks attribute "
                                + "ecs.capability.execute-command"),
                row("Windows agent 1.55.0", ec2Capable("1.55.0").andThen(windows()),
                        Status.FAIL, "below 1.56.0 for Windows"),
                row("Windows agent 1.56.0", ec2Capable("1.56.0").andThen(windows()), Status.PASS, "agent 1.56.0"),
                row("Windows from the instance's ecs.os-type, no runtimePlatform", ec2On("windows", "1.55.0",
                        "ecs.capability.execute-command", "ecs.os-type"), Status.FAIL, "below 1.56.0 for Windows"),
                row("Windows instance with agent 1.56.0", ec2On("windows", "1.56.0", "ecs.capability.execute-command",
                        "ecs.os-type"), Status.PASS, "agent 1.56.0"),
                row("ecs.os-type absent: the task definition decides", ec2On(null, "1.55.0",
                        "ecs.capability.execute-command"), Status.PASS, "agent 1.55.0"),
                row("agent version not a number", ec2Capable("unknown"), Status.UNKNOWN, "not a version number"),
                row("instance deregistered", ec2Capable("1.90.0").andThen(s -> {
                    s.missing(INSTANCE_ARN);
                }),
                        Status.UNKNOWN, "container instance " + INSTANCE_ARN + " no longer exists"),
                row("instance never read", ec2Capable("1.90.0").andThen(s -> s.withoutContainerInstances()),
                        Status.UNKNOWN, INSTANCE_ARN + " was not read"),
                row("task without instance", ec2Capable("1.90.0")
                        .andThen(s -> s.withTasks(b -> b.containerInstanceArn(null))),
                        Status.UNKNOWN, "reports no container instance"),
                row("ECS Anywhere", ec2Capable("1.90.0").andThen(s -> s.withTasks(b -> b.launchType("EXTERNAL"))),
                        Status.PASS, "has ecs.capability.execute-command"),
                row("EC2 from a capacity provider", ec2Capable("1.40.0")
                        .andThen(s -> s.withService(b -> b.launchType(null))
                                .withService(b -> b.capacityProviders(List.of("asg-provider")))
                                .withTasks(b -> b.launchType(null))),
                        Status.FAIL, "below 1.50.2"),
                row("failure outweighs unknown", ec2Capable("1.40.0")
                        .andThen(s -> s.withExtraTask("lost1", b -> b.containerInstanceArn(null))),
                        Status.FAIL, "below 1.50.2"),
                row("Managed Instances", s -> s.withTasks(b -> b.launchType("MANAGED_INSTANCES")),
                        Status.UNKNOWN, "ECS Managed Instances"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource({"fargate", "noRunningTask", "instances"})
    void decidesFromThePlatformUnderTheTasks(String name, Consumer<Scenario> change, Status expected,
                                             String inReason) {
        Verdicts.assertVerdict(new PlatformVersionCheck(), change, expected, inReason);
    }
}
