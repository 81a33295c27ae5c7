package io.github.ecsexecreadiness.check.exec;

import static io.github.ecsexecreadiness.check.Verdicts.row;

import io.github.ecsexecreadiness.EcsContainerDefinitionBuilder;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.Verdicts;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentCheckTest {
    private static final Ecs.Container GUARDDUTY = new Ecs.Container("aws-guardduty-agent-AbCdE", List.of());

    private static Ecs.Container app(String name, String status, String reason) {
        return new Ecs.Container(name, List.of(new Ecs.ManagedAgent("ExecuteCommandAgent", status, reason)));
    }

    private static Consumer<Scenario> containers(Ecs.Container... containers) {
        return s -> s.withTasks(b -> b.containers(List.of(containers)));
    }

    /** The task definition runs web and an OpenTelemetry collector, essential or not. */
    private static Consumer<Scenario> withSidecar(boolean essential) {
        return s -> s.withTaskDefinition(b -> b.containerDefinitions(List.of(Scenario.container("web"),
                EcsContainerDefinitionBuilder.builder(Scenario.container("otel")).essential(essential).build())));
    }

    static Stream<Arguments> cases() {
        String exited = "ExecuteCommandAgent process exited with exit code: 1";
        return Stream.of(
                row("agent running", s -> {}, Status.PASS, "RUNNING in 1 container(s) of 1 task(s)"),
                row("agent pending", containers(app("web", "PENDING", null)),
                        Status.WARN, "web of task 0123456789abcdef0 (PENDING)"),
                row("agent stopped with its reason", containers(app("web", "STOPPED", exited)),
                        Status.FAIL, "STOPPED in web of task 0123456789abcdef0 (" + exited + ")"),
                row("agent stopped without reason", containers(app("web", "STOPPED", null)),
                        Status.FAIL, "(no reason given)"),
                row("stopped in a container outside the definition beside a pending essential one",
                        containers(app("web", "PENDING", null), app("api", "STOPPED", "x")),
                        Status.WARN, "STOPPED in api of task 0123456789abcdef0 (x): sessions into the task's other"),
                // A sidecar whose agent stopped (a log router, an OpenTelemetry collector) leaves the application.
                row("stopped in a sidecar, running in the essential container", withSidecar(false).andThen(
                        containers(app("web", "RUNNING", null), app("otel", "STOPPED", exited))), Status.WARN,
                        "STOPPED in otel of task 0123456789abcdef0 (" + exited + "): sessions into the task's other "
                                + "containers (execute-command --container) work"),
                row("stopped in the essential container, running in a non-essential sidecar", withSidecar(false)
                        .andThen(containers(app("web", "STOPPED", exited), app("otel", "RUNNING", null))), Status.FAIL,
                        "STOPPED in web of task 0123456789abcdef0 (" + exited + "), and in no essential container"),
                row("stopped in every essential container", withSidecar(true).andThen(
                        containers(app("web", "STOPPED", "x"), app("otel", "STOPPED", "y"))), Status.FAIL,
                        "web of task 0123456789abcdef0 (x), otel of task 0123456789abcdef0 (y)"),
                row("managed sidecar without agents is skipped", containers(GUARDDUTY, app("web", "RUNNING", null)),
                        Status.PASS, "RUNNING in 1 container(s)"),
                row("no container reports the agent", containers(GUARDDUTY),
                        Status.FAIL, "no container reports ExecuteCommandAgent in task 0123456789abcdef0"),
                row("task with exec off is not this check's", s -> s.withTasks(b -> b.enableExecuteCommand(false))
                        .withTasks(b -> b.containers(List.of(GUARDDUTY))), Status.NOT_APPLICABLE, "no RUNNING task"),
                row("only the exec-enabled task counts", s -> s
                        .withExtraTask("old1", b -> b.enableExecuteCommand(false))
                        .withExtraTask("new2", b -> b.containers(List.of(app("web", "STOPPED", "gone")))),
                        Status.FAIL, "web of task new2 (gone)"),
                row("no task", s -> s.withoutTasks(), Status.NOT_APPLICABLE, "no RUNNING task"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void decidesFromTheManagedAgents(String name, Consumer<Scenario> change, Status expected, String inReason) {
        Verdicts.assertVerdict(new AgentCheck(), change, expected, inReason);
    }
}
