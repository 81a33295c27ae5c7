package io.github.ecsexecreadiness.check.iam;

import static io.github.ecsexecreadiness.check.iam.IamFixtures.allow;
import static io.github.ecsexecreadiness.check.iam.IamFixtures.allowFromVpc;
import static io.github.ecsexecreadiness.check.iam.IamFixtures.deny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ReadinessEngine;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Kms;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExecKmsCheckTest {
    static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/" + KEY_ID;
    private static final String OTHER_KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/0000aaaa-0000-0000-0000-000000000000";
    private static final String SSM = allow("*", "ssmmessages:*");

    private static final String DEFAULT_KEY_POLICY = Scenario.DEFAULT_KEY_POLICY;
    private static final String ADMIN_ONLY_KEY_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Principal":{"AWS":"arn:aws:iam::111122223333:role/key-admin"},"Action":"kms:*","Resource":"*"}]}""";
    private static final String GRANTS_THE_ROLE_KEY_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Principal":{"AWS":["arn:aws:iam::111122223333:role/key-admin","%s"]},"Action":"kms:Decrypt",
             "Resource":"*"}]}""".formatted(Scenario.TASK_ROLE_ARN);
    private static final String DENIES_THE_ROLE_KEY_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},
             "Action":"kms:*","Resource":"*"},{"Effect":"Deny","Principal":{"AWS":"%s"},"Action":"kms:Decrypt",
             "Resource":"*"}]}""".formatted(Scenario.TASK_ROLE_ARN);
    private static final String CONDITIONAL_KEY_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt",
             "Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"111122223333"}}}]}""";

    private static Kms.Key key(String state, String policy) {
        return new Kms.Key(KEY_ARN, state, policy);
    }

    private static Arguments row(String name, String kmsKeyId, Consumer<Scenario> key, List<String> policies,
                                 Status expected, String named) {
        return Arguments.of(name, kmsKeyId, key, policies, expected, named);
    }

    private static Consumer<Scenario> found(String id, Kms.Key key) {
        return s -> s.withKmsKey(id, key);
    }

    static Stream<Arguments> cases() {
        Consumer<Scenario> defaultKey = found(KEY_ARN, key("Enabled", DEFAULT_KEY_POLICY));
        return Stream.of(
                row("no key", null, s -> { }, List.of(), Status.NOT_APPLICABLE, "sets no KMS key"),
                row("default key policy, role allowed", KEY_ARN, defaultKey, List.of(allow(KEY_ARN, "kms:Decrypt")),
                        Status.PASS, "may decrypt with KMS key " + KEY_ARN),
                row("default key policy, role allowed on key/*", KEY_ARN, defaultKey,
                        List.of(allow("arn:aws:kms:eu-west-1:111122223333:key/*", "kms:*")), Status.PASS, KEY_ARN),
                // The wrong verdict: UNKNOWN (and READY) although every session fails.
                row("default key policy, role without kms:Decrypt", KEY_ARN, defaultKey,
                        List.of(allow(OTHER_KEY_ARN, "kms:Decrypt")), Status.FAIL,
                        "lacks kms:Decrypt on " + KEY_ARN + " (not allowed by any identity policy; the key policy "
                                + "(statement 1) lets IAM policies of account 111122223333 decide)"),
                row("default key policy, identity Deny", KEY_ARN, defaultKey,
                        List.of(allow("*", "kms:*"), deny(KEY_ARN, "kms:Decrypt")), Status.FAIL,
                        "(denied by inline policy p2)"),
                row("default key policy, conditional identity Allow", KEY_ARN, defaultKey,
                        List.of(allowFromVpc(KEY_ARN, "kms:Decrypt")), Status.UNKNOWN, "may lack kms:Decrypt"),
                row("key policy grants the role, no identity policy", KEY_ARN,
                        found(KEY_ARN, key("Enabled", GRANTS_THE_ROLE_KEY_POLICY)), List.of(), Status.PASS,
                        "may decrypt with KMS key " + KEY_ARN),
                row("key policy neither names the role nor delegates", KEY_ARN,
                        found(KEY_ARN, key("Enabled", ADMIN_ONLY_KEY_POLICY)), List.of(allow(KEY_ARN, "kms:Decrypt")),
                        Status.FAIL, "the key policy neither allows " + Scenario.TASK_ROLE_ARN),
                row("key policy denies the role", KEY_ARN, found(KEY_ARN, key("Enabled", DENIES_THE_ROLE_KEY_POLICY)),
                        List.of(allow(KEY_ARN, "kms:Decrypt")), Status.FAIL, "denied by statement 2 of the key policy"),
                row("conditional key policy", KEY_ARN, found(KEY_ARN, key("Enabled", CONDITIONAL_KEY_POLICY)),
                        List.of(allow(KEY_ARN, "kms:Decrypt")), Status.UNKNOWN, "only under a Condition"),
                row("disabled key", KEY_ARN, found(KEY_ARN, key("Disabled", DEFAULT_KEY_POLICY)),
                        List.of(allow(KEY_ARN, "kms:Decrypt")), Status.FAIL, "is Disabled: it cannot decrypt"),
                row("key pending deletion", KEY_ARN, found(KEY_ARN, key("PendingDeletion", DEFAULT_KEY_POLICY)),
                        List.of(allow(KEY_ARN, "kms:Decrypt")), Status.FAIL, "is PendingDeletion"),
                row("key that does not exist", KEY_ARN, s -> s.missing(KEY_ARN),
                        List.of(allow(KEY_ARN, "kms:Decrypt")), Status.FAIL, "does not exist"),
                row("key policy refused", KEY_ARN,
                        s -> s.unreadableSessionResource(KEY_ARN, "KMS.GetKeyPolicy: AccessDeniedException"),
                        List.of(allow(KEY_ARN, "kms:Decrypt")), Status.UNKNOWN,
                        "KMS.GetKeyPolicy: AccessDeniedException"),
                // An alias resolves to the key's ARN through DescribeKey: decided, no longer UNKNOWN.
                row("alias, role allowed on the key ARN", "alias/exec", found("alias/exec",
                        key("Enabled", DEFAULT_KEY_POLICY)), List.of(allow(KEY_ARN, "kms:Decrypt")), Status.PASS,
                        KEY_ARN),
                row("alias, role allowed on another key", "alias/exec", found("alias/exec",
                        key("Enabled", DEFAULT_KEY_POLICY)), List.of(allow(OTHER_KEY_ARN, "kms:Decrypt")), Status.FAIL,
                        "lacks kms:Decrypt on " + KEY_ARN),
                row("no task role", KEY_ARN, defaultKey, null, Status.FAIL, "no task role"));
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("cases")
    void decides(String name, String kmsKeyId, Consumer<Scenario> key, List<String> policies, Status expected,
                 String named) {
        Scenario scenario = Scenario.ready().withCluster(b -> b.executeCommandConfiguration(
                new Ecs.ExecuteCommandConfiguration(kmsKeyId, "NONE", null, false, null, false, null)));
        key.accept(scenario);
        if (policies == null) {
            scenario.withTaskDefinition(b -> b.taskRoleArn(null));
        } else {
            List<String> documents = new ArrayList<>(List.of(SSM));
            documents.addAll(policies);
            scenario.withTaskRolePolicies(documents.toArray(String[]::new));
        }

        CheckResult result = new ReadinessEngine(List.of(new ExecKmsCheck())).evaluate(scenario.facts())
                .results().getFirst();

        assertEquals(expected, result.status(), result.reason());
        assertTrue(result.reason().contains(named), result.reason());
    }
}
