package io.github.ecsexecreadiness.check.container;

import static io.github.ecsexecreadiness.check.Verdicts.row;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.EcsContainerDefinitionBuilder;
import io.github.ecsexecreadiness.EcsTaskDefinitionBuilder;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.Verdicts;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReadonlyRootCheckTest {

    private static Consumer<Scenario> readonly(Ecs.MountPoint... mounts) {
        return s -> s.withContainers(b -> b.readonlyRootFilesystem(true))
                .withContainers(b -> b.mountPoints(List.of(mounts)));
    }

    private static Ecs.MountPoint writable(String path) {
        return new Ecs.MountPoint("scratch", path, false);
    }

    static Stream<Arguments> cases() {
        String oldArn = "arn:aws:ecs:eu-west-1:111122223333:task-definition/web:2";
        return Stream.of(
                row("writable root", s -> {}, Status.PASS, "no container of web:3"),
                row("read-only root", readonly(), Status.FAIL, "readonlyRootFilesystem is true for web in web:3:"),
                row("workaround mounts", readonly(writable("/managed-agents"), writable("/var/lib/amazon/ssm"),
                        writable("/var/log/amazon/ssm")), Status.WARN, "web in web:3 with writable SSM mounts"),
                row("workaround through parent directories", readonly(writable("/managed-agents/"),
                        writable("/var/lib/amazon"), writable("/var/log")), Status.WARN, "containers-roadmap#1359"),
                row("one workaround mount read-only", readonly(writable("/managed-agents"),
                        writable("/var/lib/amazon/ssm"), new Ecs.MountPoint("logs", "/var/log/amazon/ssm", true)),
                        Status.FAIL, "web in web:3 (not writable: /var/log/amazon/ssm)"),
                row("a sibling path does not count", readonly(writable("/managed-agents"),
                        writable("/var/lib/amazon/ssm-other"), writable("/var/log/amazon/ssm")),
                        Status.FAIL, "not writable: /var/lib/amazon/ssm)"),
                row("old revision still running", s -> {
                    var old = EcsTaskDefinitionBuilder.builder(s.taskDefinitions().get(Scenario.TASK_DEFINITION_ARN))
                            .arn(oldArn).build();
                    s.withTaskDefinition(EcsTaskDefinitionBuilder.builder(old).containerDefinitions(
                            List.of(readonlyRoot("worker"))).build());
                    s.withExtraTask("old1", b -> b.taskDefinitionArn(oldArn));
                }, Status.FAIL, "worker in web:2"),
                // A read-only log router beside the application (a common ECS.5 pattern).
                row("read-only sidecar beside a writable essential container", s -> s.withTaskDefinition(b -> b
                        .containerDefinitions(List.of(Scenario.container("web"), logRouter(false, true)))),
                        Status.WARN, "readonlyRootFilesystem is true for log-router in web:3: the SSM agent cannot write "
                                + "its files there; sessions into the other containers (execute-command --container) work"),
                row("read-only essential container beside a writable non-essential one", s -> s.withTaskDefinition(b -> b
                        .containerDefinitions(List.of(readonlyRoot("web"), logRouter(false, false)))),
                        Status.FAIL, "for web in web:3: the SSM agent cannot write its files, and no essential container"),
                row("every essential container read-only", s -> s.withTaskDefinition(b -> b.containerDefinitions(List.of(
                        readonlyRoot("web"), logRouter(true, true)))),
                        Status.FAIL, "web in web:3, log-router in web:3"));
    }

    private static Ecs.ContainerDefinition readonlyRoot(String name) {
        return EcsContainerDefinitionBuilder.builder(Scenario.container(name)).readonlyRootFilesystem(true).build();
    }

    /** A FireLens log router with a read-only root (or not), essential or not. */
    private static Ecs.ContainerDefinition logRouter(boolean essential, boolean readonlyRoot) {
        return EcsContainerDefinitionBuilder.builder(Scenario.container("log-router"))
                .readonlyRootFilesystem(readonlyRoot).essential(essential).build();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void decidesFromTheContainerDefinitions(String name, Consumer<Scenario> change, Status expected, String inReason) {
        Verdicts.assertVerdict(new ReadonlyRootCheck(), change, expected, inReason);
    }

    @Test
    void rationaleOwnsTheSecurityHubTradeOff() {
        assertTrue(ReadonlyRootCheck.METADATA.rationale().contains("ECS.5"));
        assertTrue(ReadonlyRootCheck.METADATA.rationale().contains("never flips"));
    }
}
