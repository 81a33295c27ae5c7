package io.github.ecsexecreadiness.check.iam;

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

class TrustPolicyCheckTest {
    private static final String ROLE = Scenario.TASK_ROLE_ARN;

    /** A trust policy of one statement: {@code effect} for {@code principal} with {@code condition} (or none). */
    private static String trust(String effect, String principal, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Principal\":" + principal
                + ",\"Action\":\"sts:AssumeRole\"" + (condition.isEmpty() ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    private static String ecsTasks(String condition) {
        return trust("Allow", "{\"Service\":\"ecs-tasks.amazonaws.com\"}", condition);
    }

    private static Arguments row(String name, String trustPolicy, Status expected, String named) {
        return Arguments.of(name, (UnaryOperator<Scenario>) s -> s.withRole(ROLE, b -> b.assumeRolePolicyDocument(
                trustPolicy)), expected, named);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("ecs-tasks may assume it", ecsTasks(""), Status.PASS,
                        "task role " + ROLE + " may be assumed by ecs-tasks.amazonaws.com"),
                row("among other service principals", trust("Allow",
                        "{\"Service\":[\"ec2.amazonaws.com\",\"ecs-tasks.amazonaws.com\"]}", ""), Status.PASS, ROLE),
                row("trusts EC2 only", trust("Allow", "{\"Service\":\"ec2.amazonaws.com\"}", ""), Status.FAIL,
                        "the trust policy does not let ecs-tasks.amazonaws.com assume the role"),
                row("trusts an account only", trust("Allow", "{\"AWS\":\"arn:aws:iam::111122223333:root\"}", ""),
                        Status.FAIL, "does not let ecs-tasks.amazonaws.com"),
                row("allows, then denies ecs-tasks", "{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"},"
                        + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\"}]}", Status.FAIL,
                        "denied by statement 2 of the trust policy"),
                row("aws:SourceAccount is this account", ecsTasks(
                        "{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}"), Status.PASS, ROLE),
                row("aws:SourceAccount is another account", ecsTasks(
                        "{\"StringEquals\":{\"aws:SourceAccount\":\"999988887777\"}}"), Status.FAIL,
                        "statement 1 of the trust policy allows it only under a Condition that excludes requests "
                                + "from ECS in account 111122223333, eu-west-1"),
                row("aws:SourceArn covers this account and Region (AWS's example)", ecsTasks(
                        "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:ecs:eu-west-1:111122223333:*\"},"
                                + "\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}"), Status.PASS, ROLE),
                row("aws:SourceArn in another Region", ecsTasks(
                        "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:ecs:us-east-1:111122223333:*\"}}"), Status.FAIL,
                        "excludes requests"),
                row("aws:SourceArn of another account, exactly", ecsTasks(
                        "{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:ecs:eu-west-1:999988887777:cluster/shop\"}}"),
                        Status.FAIL, "excludes requests"),
                row("aws:SourceArn narrowed to a cluster: which ARN ECS sends is not documented", ecsTasks(
                        "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:ecs:eu-west-1:111122223333:task/shop/*\"}}"),
                        Status.UNKNOWN, "allows it only under a Condition not decided"),
                row("a condition on a key the snapshot does not know", ecsTasks(
                        "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-1\"}}"), Status.UNKNOWN, "not decided"),
                row("malformed trust policy", "{\"Statement\":", Status.UNKNOWN, "cannot parse the trust policy"),
                row("trust policy not in the answer", null, Status.UNKNOWN,
                        "the trust policy of task role " + ROLE + " was not read"),
                Arguments.of("deleted role", (UnaryOperator<Scenario>) s -> s.missing(ROLE), Status.FAIL,
                        ROLE + " does not exist"),
                Arguments.of("unreadable role", (UnaryOperator<Scenario>) s -> s.unreadableRole(ROLE, "AccessDenied"),
                        Status.UNKNOWN, "AccessDenied"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void decides(String name, UnaryOperator<Scenario> change, Status expected, String named) {
        CheckResult result = new TrustPolicyCheck().evaluate(change.apply(Scenario.ready()).facts());

        assertEquals(expected, result.status(), result.reason());
        assertTrue(result.reason().contains(named), result.reason());
    }
}
