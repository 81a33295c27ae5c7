package io.github.ecsexecreadiness.check.iam;

import static io.github.ecsexecreadiness.check.iam.IamFixtures.allow;
import static io.github.ecsexecreadiness.check.iam.IamFixtures.deny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExecKmsCheckTest {
    private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/" + KEY_ID;
    private static final String OTHER_KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/0000aaaa-0000-0000-0000-000000000000";
    private static final String SSM = allow("*", "ssmmessages:*");

    static Stream<Arguments> cases() {
        return Stream.of(
                // kmsKeyId, task role policies beside ssmmessages (null: no task role), status, reason contains
                Arguments.of(null, List.of(allow(KEY_ARN, "kms:Decrypt")), Status.NOT_APPLICABLE, "sets no KMS key"),
                Arguments.of(KEY_ARN, List.of(allow(KEY_ARN, "kms:Decrypt")), Status.PASS,
                        "may decrypt with KMS key " + KEY_ARN),
                Arguments.of(KEY_ARN, List.of(allow("arn:aws:kms:eu-west-1:111122223333:key/*", "kms:*")), Status.PASS,
                        KEY_ARN),
                Arguments.of(KEY_ARN, List.of(allow("*", "kms:*"), deny(KEY_ARN, "kms:Decrypt")), Status.FAIL,
                        "lacks kms:Decrypt on " + KEY_ARN + " (denied by inline policy p2)"),
                Arguments.of(KEY_ARN, List.of(allow(OTHER_KEY_ARN, "kms:Decrypt")), Status.UNKNOWN,
                        "lacks kms:Decrypt on " + KEY_ARN + " (not allowed by any identity policy); needed to decrypt "
                                + "with KMS key " + KEY_ARN + "; the key policy, which is not read, may also grant"),
                Arguments.of(KEY_ARN, List.of(allow(KEY_ARN, "kms:GenerateDataKey")), Status.UNKNOWN,
                        "lacks kms:Decrypt on " + KEY_ARN),
                Arguments.of(KEY_ID, List.of(allow(KEY_ARN, "kms:Decrypt")), Status.PASS, KEY_ARN),
                Arguments.of(KEY_ID, List.of(allow(OTHER_KEY_ARN, "kms:Decrypt")), Status.UNKNOWN,
                        "kms:Decrypt on " + KEY_ARN),
                Arguments.of("alias/exec", List.of(allow(KEY_ARN, "kms:Decrypt")), Status.UNKNOWN,
                        "alias/exec (an alias, so only kms:Decrypt on * can be confirmed)"),
                Arguments.of("alias/exec", List.of(allow("*", "kms:Decrypt")), Status.PASS, "alias/exec"),
                Arguments.of("alias/exec", List.of(allow("*", "kms:*"), deny("*", "kms:*")), Status.FAIL,
                        "denied by inline policy p2"),
                Arguments.of("arn:aws:kms:eu-west-1:111122223333:alias/exec", List.of(allow(KEY_ARN, "kms:Decrypt")),
                        Status.UNKNOWN, "lacks kms:Decrypt on *"),
                Arguments.of("alias/exec", null, Status.FAIL, "no task role"),
                Arguments.of(KEY_ARN, null, Status.FAIL, "no task role"));
    }

    @ParameterizedTest(name = "key {0} -> {2}: {3}")
    @MethodSource("cases")
    void decides(String kmsKeyId, List<String> policies, Status expected, String named) {
        Scenario scenario = Scenario.ready().withCluster(b -> b.executeCommandConfiguration(
                new Ecs.ExecuteCommandConfiguration(kmsKeyId, "NONE", null, false, null, false, null)));
        if (policies == null) {
            scenario.withTaskDefinition(b -> b.taskRoleArn(null));
        } else {
            List<String> documents = new ArrayList<>(List.of(SSM));
            documents.addAll(policies);
            scenario.withTaskRolePolicies(documents.toArray(String[]::new));
        }

        CheckResult result = new ExecKmsCheck().evaluate(scenario.facts());

        assertEquals(expected, result.status(), result.reason());
        assertTrue(result.reason().contains(named), result.reason());
    }
}
