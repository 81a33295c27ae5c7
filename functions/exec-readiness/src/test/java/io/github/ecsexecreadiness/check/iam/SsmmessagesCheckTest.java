package io.github.ecsexecreadiness.check.iam;

import static io.github.ecsexecreadiness.check.iam.IamFixtures.BOUNDARY_ARN;
import static io.github.ecsexecreadiness.check.iam.IamFixtures.OTHER_ROLE_ARN;
import static io.github.ecsexecreadiness.check.iam.IamFixtures.allow;
import static io.github.ecsexecreadiness.check.iam.IamFixtures.allowFromVpc;
import static io.github.ecsexecreadiness.check.iam.IamFixtures.deny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SsmmessagesCheckTest {
    private static final String[] CONTROL = {"ssmmessages:CreateControlChannel", "ssmmessages:OpenControlChannel"};
    private static final String[] ALL = {"ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"};

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("the four actions", (UnaryOperator<Scenario>) s -> s,
                        Status.PASS, List.of(Scenario.TASK_ROLE_ARN, "may open the ECS Exec ssmmessages channels")),
                Arguments.of("service wildcard", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(allow("*", "ssmmessages:*")), Status.PASS, List.of(Scenario.TASK_ROLE_ARN)),
                Arguments.of("data channel actions missing", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(allow("*", CONTROL)), Status.FAIL,
                        List.of("task role " + Scenario.TASK_ROLE_ARN + " lacks ssmmessages:CreateDataChannel, "
                                + "ssmmessages:OpenDataChannel on * (not allowed by any identity policy)")),
                Arguments.of("no policy at all", (UnaryOperator<Scenario>) s -> s.withTaskRolePolicies(),
                        Status.FAIL, List.of(ALL)),
                Arguments.of("explicit deny", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(allow("*", "*"), deny("*", "ssmmessages:OpenDataChannel")), Status.FAIL,
                        List.of("lacks ssmmessages:OpenDataChannel on * (denied by inline policy p1)")),
                Arguments.of("boundary without ssmmessages", (UnaryOperator<Scenario>) s ->
                        IamFixtures.withTaskRoleBoundary(s, allow("*", "s3:*", "logs:*")), Status.FAIL,
                        List.of("not allowed by permissions boundary " + BOUNDARY_ARN)),
                Arguments.of("boundary allowing", (UnaryOperator<Scenario>) s ->
                        IamFixtures.withTaskRoleBoundary(s, allow("*", "ssmmessages:*")), Status.PASS,
                        List.of(Scenario.TASK_ROLE_ARN)),
                Arguments.of("conditional allow", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(allowFromVpc("*", ALL)), Status.UNKNOWN,
                        List.of("may lack", "with a Condition in inline policy p0")),
                Arguments.of("conditional part, missing part", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(allowFromVpc("*", CONTROL)), Status.FAIL,
                        List.of("lacks ssmmessages:CreateDataChannel", "and may lack ssmmessages:CreateControlChannel")),
                Arguments.of("malformed policy", (UnaryOperator<Scenario>) s -> s.withTaskRolePolicies("{\"Statement\":"),
                        Status.UNKNOWN, List.of("cannot parse the document of inline policy p0")),
                Arguments.of("no task role",
                        (UnaryOperator<Scenario>) s -> s.withTaskDefinition(b -> b.taskRoleArn(null)),
                        Status.FAIL, List.of("no task role (see iam.task-role)")),
                Arguments.of("deleted role", (UnaryOperator<Scenario>) s -> {
                    s.missing(Scenario.TASK_ROLE_ARN);
                    return s;
                }, Status.FAIL, List.of(Scenario.TASK_ROLE_ARN + " does not exist")),
                Arguments.of("unreadable role", (UnaryOperator<Scenario>) s -> {
                    s.unreadableRole(Scenario.TASK_ROLE_ARN, "AccessDenied");
                    return s;
                }, Status.UNKNOWN, List.of("AccessDenied")),
                Arguments.of("short-name task role lacking them", (UnaryOperator<Scenario>) s ->
                        s.withShortNameTaskRole(allow("*", CONTROL)), Status.FAIL,
                        List.of("task role " + Scenario.TASK_ROLE_ARN + " lacks ssmmessages:CreateDataChannel")),
                Arguments.of("short-name task role holding them", (UnaryOperator<Scenario>) s ->
                        s.withShortNameTaskRole(allow("*", ALL)), Status.PASS,
                        List.of("task role web-task may open")),
                Arguments.of("running task overrides with a role lacking them", (UnaryOperator<Scenario>) s ->
                        s.withRole(OTHER_ROLE_ARN, allow("*", "s3:GetObject"))
                                .withTasks(b -> b.taskRoleArnOverride(OTHER_ROLE_ARN)), Status.FAIL,
                        List.of("task role " + OTHER_ROLE_ARN + " lacks " + String.join(", ", ALL))));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void decides(String name, UnaryOperator<Scenario> change, Status expected, List<String> named) {
        CheckResult result = new SsmmessagesCheck().evaluate(change.apply(Scenario.ready()).facts());

        assertEquals(expected, result.status(), result.reason());
        named.forEach(text -> assertTrue(result.reason().contains(text), result.reason()));
    }
}
