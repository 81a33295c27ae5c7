package io.github.ecsexecreadiness.check.cluster;

import static io.github.ecsexecreadiness.check.Verdicts.row;

import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.Verdicts;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Logs;
import io.github.ecsexecreadiness.model.S3;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExecLogDestinationCheckTest {
    private static final String GROUP = "/exec/audit";
    private static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static Consumer<Scenario> logging(boolean cloudWatchEncrypted, boolean s3Encrypted) {
        return s -> s.withCluster(b -> b.executeCommandConfiguration(new Ecs.ExecuteCommandConfiguration(null,
                "OVERRIDE", GROUP, cloudWatchEncrypted, "audit", s3Encrypted, "exec/")));
    }

    private static Consumer<Scenario> group(String kmsKeyId) {
        return s -> s.withLogGroup(new Logs.LogGroup(GROUP, kmsKeyId));
    }

    private static Consumer<Scenario> bucket(String... algorithms) {
        return s -> s.withBucket(new S3.BucketEncryption("audit", List.of(algorithms)));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("no logging configuration", s -> { }, Status.NOT_APPLICABLE, "requires no encrypted"),
                row("unencrypted destinations are not required to exist", logging(false, false),
                        Status.NOT_APPLICABLE, "requires no encrypted session log destination"),
                // The wrong verdicts: these fail every session and used to PASS.
                row("encrypted CloudWatch, group without a key", logging(true, false).andThen(group(null)),
                        Status.FAIL, "log group /exec/audit has no KMS key, and cluster shop requires encrypted"),
                row("encrypted CloudWatch, group missing", logging(true, false).andThen(s -> s.missing(GROUP)),
                        Status.FAIL, "log group /exec/audit does not exist"),
                row("encrypted CloudWatch, group with a key", logging(true, false).andThen(group(KEY_ARN)),
                        Status.PASS, "log group /exec/audit is encrypted with " + KEY_ARN),
                row("encrypted CloudWatch, group unreadable", logging(true, false).andThen(s ->
                        s.unreadableSessionResource(GROUP, "CloudWatchLogs.DescribeLogGroups: AccessDenied")),
                        Status.UNKNOWN, "CloudWatchLogs.DescribeLogGroups: AccessDenied"),
                row("encrypted S3, bucket without encryption", logging(false, true).andThen(bucket()),
                        Status.FAIL, "S3 bucket audit has no default encryption"),
                row("encrypted S3, bucket missing", logging(false, true).andThen(s -> s.missing("audit")),
                        Status.FAIL, "S3 bucket audit does not exist"),
                row("encrypted S3, bucket with SSE-KMS", logging(false, true).andThen(bucket("aws:kms")),
                        Status.PASS, "S3 bucket audit is encrypted (aws:kms)"),
                row("encrypted S3, encryption unreadable", logging(false, true).andThen(s ->
                        s.unreadableSessionResource("audit", "S3.GetBucketEncryption: AccessDenied")),
                        Status.UNKNOWN, "S3.GetBucketEncryption: AccessDenied"),
                row("both, only the group wrong", logging(true, true).andThen(group(null)).andThen(bucket("AES256")),
                        Status.FAIL, "log group /exec/audit has no KMS key"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void decides(String name, Consumer<Scenario> change, Status expected, String inReason) {
        Verdicts.assertVerdict(new ExecLogDestinationCheck(), change, expected, inReason);
    }
}
