package io.github.ecsexecreadiness.check.iam;

import static io.github.ecsexecreadiness.check.iam.IamFixtures.allow;
import static io.github.ecsexecreadiness.check.iam.IamFixtures.allowFromVpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExecLoggingCheckTest {
    private static final String SSM = allow("*", "ssmmessages:*");
    private static final String AUDIT_STREAMS = "arn:aws:logs:eu-west-1:111122223333:log-group:/exec/audit:*";
    private static final String AUDIT_LOGS = allow(AUDIT_STREAMS,
            "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents");
    private static final String DESCRIBE_GROUPS = allow("*", "logs:DescribeLogGroups");

    private static Ecs.ExecuteCommandConfiguration cloudWatch(boolean encrypted) {
        return new Ecs.ExecuteCommandConfiguration(null, "OVERRIDE", "/exec/audit", encrypted, null, false, null);
    }

    private static Ecs.ExecuteCommandConfiguration s3(String prefix, boolean encrypted) {
        return new Ecs.ExecuteCommandConfiguration(null, "OVERRIDE", null, false, "audit", encrypted, prefix);
    }

    private static UnaryOperator<Scenario> config(Ecs.ExecuteCommandConfiguration config, String... policies) {
        return s -> (policies.length == 0 ? s : s.withTaskRolePolicies(policies))
                .withCluster(b -> b.executeCommandConfiguration(config));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("DEFAULT (unset) with awslogs, allowed", (UnaryOperator<Scenario>) s -> s, Status.PASS,
                        List.of(Scenario.TASK_ROLE_ARN, "log group /ecs/web (awslogs of container web)")),
                Arguments.of("NONE", config(new Ecs.ExecuteCommandConfiguration(null, "NONE", null, false, null, false, null),
                        SSM), Status.NOT_APPLICABLE, List.of("NONE")),
                Arguments.of("DEFAULT without awslogs", (UnaryOperator<Scenario>) s ->
                        s.withContainers(b -> b.logDriver("awsfirelens")).withTaskRolePolicies(SSM),
                                Status.NOT_APPLICABLE,
                        List.of("no awslogs container")),
                Arguments.of("DEFAULT with awslogs, role lacks the logs actions", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(SSM), Status.WARN,
                        List.of(Scenario.TASK_ROLE_ARN, "logs:DescribeLogGroups on *", "logs:CreateLogStream, "
                                + "logs:DescribeLogStreams, logs:PutLogEvents on "
                                + "arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web:*", "log group /ecs/web")),
                Arguments.of("explicit DEFAULT, awslogs in another region", (UnaryOperator<Scenario>) s ->
                        s.withContainers(b -> b.logOptions(Map.of("awslogs-group", "/ecs/web", "awslogs-region",
                                "us-east-1")))
                                .withCluster(b -> b.executeCommandConfiguration(
                                        new Ecs.ExecuteCommandConfiguration(null, "DEFAULT", null, false, null, false,
                                                null))),
                        Status.WARN, List.of("arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:*")),
                Arguments.of("awslogs without region uses the service's", (UnaryOperator<Scenario>) s ->
                        s.withContainers(b -> b.logOptions(Map.of("awslogs-group", "/ecs/web"))), Status.PASS,
                        List.of("log group /ecs/web")),
                Arguments.of("OVERRIDE CloudWatch, allowed", config(cloudWatch(true), SSM, DESCRIBE_GROUPS, AUDIT_LOGS),
                        Status.PASS, List.of("log group /exec/audit")),
                Arguments.of("OVERRIDE CloudWatch unencrypted, missing", config(cloudWatch(false), SSM, DESCRIBE_GROUPS),
                        Status.WARN, List.of("logs:PutLogEvents on " + AUDIT_STREAMS, "log group /exec/audit")),
                Arguments.of("OVERRIDE CloudWatch encrypted, missing", config(cloudWatch(true), SSM, AUDIT_LOGS),
                        Status.FAIL, List.of("lacks logs:DescribeLogGroups on *", "log group /exec/audit")),
                Arguments.of("OVERRIDE CloudWatch, conditional", config(cloudWatch(false), SSM, DESCRIBE_GROUPS,
                        allowFromVpc(AUDIT_STREAMS, "logs:*")), Status.UNKNOWN, List.of("may lack logs:CreateLogStream")),
                // Without encryption the agent only loses the log when it cannot reach the bucket.
                Arguments.of("OVERRIDE S3 without prefix, missing", config(s3(null, false), SSM), Status.WARN,
                        List.of("s3:GetBucketLocation on *", "s3:PutObject on arn:aws:s3:::audit/*", "S3 bucket audit")),
                Arguments.of("OVERRIDE S3 encrypted, GetBucketLocation missing", config(s3(null, true), SSM,
                        allow("*", "s3:GetEncryptionConfiguration", "s3:PutObject")), Status.FAIL,
                        List.of("lacks s3:GetBucketLocation on *")),
                Arguments.of("OVERRIDE S3 encrypted, only PutObject missing", config(s3(null, true), SSM,
                        allow("*", "s3:GetBucketLocation", "s3:GetEncryptionConfiguration")), Status.WARN,
                        List.of("lacks s3:PutObject on arn:aws:s3:::audit/*")),
                Arguments.of("least-privilege grant on prefix/* for a prefix without slash", config(s3("exec", false),
                        SSM, allow("*", "s3:GetBucketLocation"), allow("arn:aws:s3:::audit/exec/*", "s3:PutObject")),
                        Status.PASS, List.of("S3 bucket audit (prefix exec)")),
                Arguments.of("grant on prefix/* of another prefix", config(s3("exec", false),
                        SSM, allow("*", "s3:GetBucketLocation"), allow("arn:aws:s3:::audit/execs/*", "s3:PutObject")),
                        Status.WARN, List.of("lacks s3:PutObject on arn:aws:s3:::audit/exec*")),
                Arguments.of("least-privilege grant on the group's log streams", config(cloudWatch(true), SSM,
                        DESCRIBE_GROUPS, allow("arn:aws:logs:eu-west-1:111122223333:log-group:/exec/audit:log-stream:*",
                                "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents")),
                        Status.PASS, List.of("log group /exec/audit")),
                Arguments.of("grant on the log streams of another group", config(cloudWatch(true), SSM,
                        DESCRIBE_GROUPS, allow("arn:aws:logs:eu-west-1:111122223333:log-group:/exec/other:log-stream:*",
                                "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents")),
                        Status.FAIL, List.of("lacks logs:CreateLogStream")),
                Arguments.of("OVERRIDE S3 with prefix, allowed", config(s3("exec/", false), SSM,
                        allow("*", "s3:GetBucketLocation"), allow("arn:aws:s3:::audit/exec/*", "s3:PutObject")),
                        Status.PASS, List.of("S3 bucket audit (prefix exec/)")),
                Arguments.of("OVERRIDE S3 with prefix, grant on another prefix", config(s3("exec/", false), SSM,
                        allow("*", "s3:GetBucketLocation"), allow("arn:aws:s3:::audit/other/*", "s3:PutObject")),
                        Status.WARN, List.of("s3:PutObject on arn:aws:s3:::audit/exec/*")),
                Arguments.of("OVERRIDE S3 encrypted, GetEncryptionConfiguration missing", config(s3("exec/", true), SSM,
                        allow("*", "s3:GetBucketLocation"), allow("arn:aws:s3:::audit/*", "s3:PutObject")),
                        Status.FAIL, List.of("lacks s3:GetEncryptionConfiguration on arn:aws:s3:::audit (")),
                Arguments.of("OVERRIDE S3 encrypted, allowed", config(s3(null, true), SSM,
                        allow("*", "s3:GetBucketLocation", "s3:GetEncryptionConfiguration", "s3:PutObject")),
                        Status.PASS, List.of("S3 bucket audit")),
                Arguments.of("OVERRIDE both, only the unencrypted log group missing", config(
                        new Ecs.ExecuteCommandConfiguration(null, "OVERRIDE", "/exec/audit", false, "audit", false, null),
                        SSM, allow("*", "s3:GetBucketLocation", "s3:PutObject")), Status.WARN,
                        List.of("logs:DescribeLogGroups on *", "log group /exec/audit and S3 bucket audit")),
                Arguments.of("OVERRIDE without destination", config(new Ecs.ExecuteCommandConfiguration(
                        null, "OVERRIDE", null, false, null, false, null)), Status.NOT_APPLICABLE,
                        List.of("no log group or bucket")),
                Arguments.of("no task role",
                        (UnaryOperator<Scenario>) s -> s.withTaskDefinition(b -> b.taskRoleArn(null)),
                        Status.FAIL, List.of("no task role (see iam.task-role)", "log group /ecs/web")));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void decides(String name, UnaryOperator<Scenario> change, Status expected, List<String> named) {
        CheckResult result = new ExecLoggingCheck().evaluate(change.apply(Scenario.ready()).facts());

        assertEquals(expected, result.status(), result.reason());
        named.forEach(text -> assertTrue(result.reason().contains(text), result.reason()));
    }
}
