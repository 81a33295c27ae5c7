package io.github.ecsexecreadiness.check.exec;

import static io.github.ecsexecreadiness.check.Verdicts.row;

import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.Verdicts;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskFlagCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                row("every running task has exec on", s -> {}, Status.PASS, "all 1 RUNNING tasks"),
                row("task started before the flag", s -> s.withTasks(b -> b.enableExecuteCommand(false)),
                        Status.FAIL, "(0123456789abcdef0); force a new deployment"),
                row("one of two tasks without exec", s -> s.withExtraTask("old1", b -> b.enableExecuteCommand(false)),
                        Status.FAIL, "1 of 2 RUNNING tasks of service web started without ECS Exec (old1)"),
                row("many tasks without exec are capped", s -> {
                    for (String id : new String[] {"t1", "t2", "t3", "t4"}) {
                        s.withExtraTask(id, b -> b.enableExecuteCommand(false));
                    }
                }, Status.FAIL, "(t1, t2, t3 and 1 more)"),
                row("service flag off too", s -> s.withService(b -> b.enableExecuteCommand(false))
                        .withTasks(b -> b.enableExecuteCommand(false)), Status.FAIL, "turn it on for the service"),
                row("no task", s -> s.withoutTasks(), Status.NOT_APPLICABLE, "no RUNNING task"),
                row("only a task still starting", s -> s.withTasks(b -> b.lastStatus("PENDING"))
                        .withTasks(b -> b.enableExecuteCommand(false)), Status.NOT_APPLICABLE, "no RUNNING task"),
                row("tasks unreadable", s -> s.unreadableTasks(Scenario.SERVICE_ARN, "AccessDenied"),
                        Status.UNKNOWN, "AccessDenied"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void decidesFromTheRunningTasks(String name, Consumer<Scenario> change, Status expected, String inReason) {
        Verdicts.assertVerdict(new TaskFlagCheck(), change, expected, inReason);
    }
}
