package io.github.ecsexecreadiness.check.iam;

import static io.github.ecsexecreadiness.check.iam.IamFixtures.FOREIGN_ROLE_ARN;
import static io.github.ecsexecreadiness.check.iam.IamFixtures.OTHER_ROLE_ARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskRoleCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("role from the task definition", (UnaryOperator<Scenario>) s -> s,
                        Status.PASS, Scenario.TASK_ROLE_ARN),
                Arguments.of("task definition without role", (UnaryOperator<Scenario>) s ->
                        s.withTaskDefinition(b -> b.taskRoleArn(null)), Status.FAIL,
                                "no task role in task definition web:3"),
                Arguments.of("override rescues the running task only", (UnaryOperator<Scenario>) s ->
                        s.withTaskDefinition(b -> b.taskRoleArn(null)).withTasks(b -> b.taskRoleArnOverride(
                                Scenario.TASK_ROLE_ARN)),
                        Status.FAIL, "task definition web:3"),
                Arguments.of("override to an existing role", (UnaryOperator<Scenario>) s ->
                        s.withRole(OTHER_ROLE_ARN).withTasks(b -> b.taskRoleArnOverride(OTHER_ROLE_ARN)),
                        Status.PASS, OTHER_ROLE_ARN),
                Arguments.of("override to a deleted role", (UnaryOperator<Scenario>) s -> {
                    s.missing(OTHER_ROLE_ARN);
                    return s.withTasks(b -> b.taskRoleArnOverride(OTHER_ROLE_ARN));
                }, Status.FAIL, "task role " + OTHER_ROLE_ARN + " does not exist"),
                Arguments.of("task definition role deleted", (UnaryOperator<Scenario>) s -> {
                    s.missing(Scenario.TASK_ROLE_ARN);
                    return s;
                }, Status.FAIL, Scenario.TASK_ROLE_ARN + " does not exist"),
                Arguments.of("running task on an old revision without role", (UnaryOperator<Scenario>) s ->
                        IamFixtures.withTaskOnOldRevision(s, b -> b.taskRoleArn(null)),
                        Status.FAIL, "no task role in task 0123456789abcdef0 (task definition web:2)"),
                Arguments.of("short-name role that exists", (UnaryOperator<Scenario>) s ->
                        s.withShortNameTaskRole(), Status.PASS, "tasks run with task role web-task"),
                Arguments.of("short-name role that does not exist", (UnaryOperator<Scenario>) s ->
                        s.withShortNameTaskRole().missing("web-task"), Status.FAIL, "task role web-task does not exist"),
                Arguments.of("role in another account", (UnaryOperator<Scenario>) s ->
                        s.withTaskDefinition(b -> b.taskRoleArn(FOREIGN_ROLE_ARN))
                                .withTasks(b -> b.taskRoleArnOverride(null)),
                        Status.UNKNOWN, FOREIGN_ROLE_ARN + " is not in account 111122223333"),
                Arguments.of("role unreadable", (UnaryOperator<Scenario>) s -> {
                    s.unreadableRole(Scenario.TASK_ROLE_ARN, "AccessDenied on iam:GetRole");
                    return s;
                }, Status.UNKNOWN, "AccessDenied on iam:GetRole"),
                Arguments.of("a missing role outweighs an unknown one", (UnaryOperator<Scenario>) s ->
                        s.withTaskDefinition(b -> b.taskRoleArn(null)).withTasks(b -> b.taskRoleArnOverride(
                                FOREIGN_ROLE_ARN)),
                        Status.FAIL, "no task role in task definition web:3"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void decides(String name, UnaryOperator<Scenario> change, Status expected, String named) {
        CheckResult result = new TaskRoleCheck().evaluate(change.apply(Scenario.ready()).facts());

        assertEquals(expected, result.status(), result.reason());
        assertTrue(result.reason().contains(named), result.reason());
    }
}
