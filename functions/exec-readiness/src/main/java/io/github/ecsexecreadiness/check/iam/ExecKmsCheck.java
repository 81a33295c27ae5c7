package io.github.ecsexecreadiness.check.iam;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.Remedy;
import io.github.ecsexecreadiness.check.Remedy.Proposal;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.iam.TaskRolePermissions.Finding;
import io.github.ecsexecreadiness.iam.Decision;
import io.github.ecsexecreadiness.iam.KeyPolicyDecision;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Iam;
import io.github.ecsexecreadiness.model.Kms;
import io.github.ecsexecreadiness.fix.Fix;
import java.util.List;
import java.util.Optional;

/**
 * {@code iam.exec-kms}: when the cluster encrypts ECS Exec sessions with a KMS key, the key is Enabled and every task
 * role may decrypt with it, as the key policy and the role's identity policies decide together.
 */
public final class ExecKmsCheck extends Check {
    private static final Remedy REMEDY = Remedy.forEachResult(List.of(Fix.GrantSessionPermissions.class),
            ExecKmsCheck::grantDecrypt, ExecKmsCheck::decryptAdvice);

    public static final CheckMetadata METADATA = CheckMetadata.builder("iam.exec-kms")
            .title("Every task role may decrypt with the cluster's ECS Exec KMS key")
            .severity(Severity.HIGH)
            .findingType(FindingType.SECURITY_BEST_PRACTICE)
            .rationale("When the cluster's executeCommandConfiguration sets kmsKeyId, the SSM agent in the container "
                    + "performs a KMS handshake with that key before the shell starts, with the task role: the key "
                    + "must be Enabled, and the role must be allowed kms:Decrypt by the key policy, either directly "
                    + "or through its identity policies where the key policy lets the account's IAM policies decide "
                    + "(the default key policy does). Otherwise every session fails. KMS grants are not read.")
            .remediation("Enable the key (or cancel its deletion), and allow kms:Decrypt on the key ARN in a task "
                    + "role policy (aws iam put-role-policy --role-name <role> --policy-name ecs-exec-kms ...) where "
                    + "the key policy delegates to IAM; otherwise add the task role to the key policy.")
            .documentation(CheckMetadata.ECS_EXEC_DOC)
            .stopsSession(true)
            .build();

    public ExecKmsCheck() {
        super(METADATA, REMEDY);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        String keyId = kmsKeyId(facts);
        if (keyId == null || keyId.isBlank()) {
            return notApplicable("cluster %s sets no KMS key for ECS Exec", facts.cluster().name());
        }
        Optional<Kms.Key> found = facts.kmsKey(keyId);
        if (found.isEmpty()) {
            return fail("KMS key %s of cluster %s does not exist", keyId, facts.cluster().name());
        }
        Kms.Key key = found.get();
        if (!key.usable()) {
            return fail("KMS key %s is %s: it cannot decrypt, so every session fails", key.arn(), key.keyState());
        }
        Permission decrypt = new Permission("kms:Decrypt", key.arn());
        return TaskRolePermissions.evaluate(this, facts, "decrypt with KMS key " + key.arn(),
                role -> decide(facts, key, decrypt, role));
    }

    /**
     * The key policy and the role's identity policies together, as KMS decides: a Deny in either wins; a key
     * policy naming the role grants it (within its permissions boundary); one delegating to IAM leaves it to the
     * identity policies. Empty when the role may decrypt.
     */
    private static Optional<Finding> decide(ServiceFacts facts, Kms.Key key, Permission decrypt, Iam.Role role) {
        KeyPolicyDecision byKey = TaskRolePermissions.EVALUATOR.keyPolicy(key.policy(), key.arn(), role.arn(),
                facts.accountId(), decrypt.action());
        Decision byIam = TaskRolePermissions.EVALUATOR.evaluate(role, List.of(decrypt)).getFirst();
        String who = "task role " + role.arn();
        if (byIam.outcome() == Decision.Outcome.EXPLICIT_DENY || byIam.outcome() == Decision.Outcome.DENIED_BY_BOUNDARY) {
            return Optional.of(new Finding(Status.FAIL, who + " lacks kms:Decrypt (" + byIam.explanation() + ")"));
        }
        return switch (byKey.access()) {
            case DENIED, NOT_ALLOWED -> Optional.of(new Finding(Status.FAIL,
                    who + " lacks kms:Decrypt (" + byKey.explanation() + ")"));
            case CONDITIONAL -> Optional.of(new Finding(Status.UNKNOWN,
                    who + " may lack kms:Decrypt (" + byKey.explanation() + ")"));
            case GRANTED -> byIam.outcome() == Decision.Outcome.CONDITIONAL
                    ? Optional.of(new Finding(Status.UNKNOWN, who + " may lack kms:Decrypt (" + byIam.explanation()
                            + ")"))
                    : Optional.empty();
            case DELEGATED_TO_IAM -> switch (byIam.outcome()) {
                case ALLOWED -> Optional.empty();
                case CONDITIONAL -> Optional.of(new Finding(Status.UNKNOWN, who + " may lack kms:Decrypt on "
                        + key.arn() + " (" + byIam.explanation() + ")"));
                default -> Optional.of(new Finding(Status.FAIL, who + " lacks kms:Decrypt on " + key.arn() + " ("
                        + byIam.explanation() + "; " + byKey.explanation() + ")"));
            };
        };
    }

    private static String kmsKeyId(ServiceFacts facts) {
        Ecs.ExecuteCommandConfiguration config = facts.cluster().executeCommandConfiguration();
        return config == null ? null : config.kmsKeyId();
    }

    /**
     * Grant each task role kms:Decrypt on the key's ARN through a policy named for the cluster, where the key policy
     * lets IAM decide; a key that does not exist, is not Enabled, or whose policy does not delegate to IAM needs a
     * person (an identity policy would not help).
     */
    private static List<Proposal> grantDecrypt(CheckResult result, ServiceFacts facts, Remedy.Context context) {
        Optional<Permission> decrypt = delegatedDecrypt(facts);
        if (decrypt.isPresent()) {
            return TaskRoleGrants.sessionPermissions(result, facts, "kms", List.of(decrypt.get()));
        }
        return List.of(Proposal.manual(result.id(), "Enable KMS key " + kmsKeyId(facts) + " or allow the task roles "
                + "kms:Decrypt in its key policy: an identity policy alone cannot grant it", result.reason()));
    }

    private static List<String> decryptAdvice(CheckResult result, ServiceFacts facts) {
        return delegatedDecrypt(facts).map(decrypt -> TaskRoleGrants.sessionPermissionsAdvice(facts, "kms",
                List.of(decrypt))).orElse(List.of());
    }

    /** kms:Decrypt on the key's ARN, when the key is Enabled and its policy lets the account's IAM policies decide. */
    private static Optional<Permission> delegatedDecrypt(ServiceFacts facts) {
        String keyId = kmsKeyId(facts);
        if (keyId == null || keyId.isBlank()) {
            return Optional.empty();
        }
        return facts.kmsKey(keyId).filter(Kms.Key::usable)
                .filter(key -> TaskRolePermissions.EVALUATOR.keyPolicy(key.policy(), key.arn(),
                        "arn:" + TaskRolePermissions.partition(facts) + ":iam::" + facts.accountId() + ":role/*",
                        facts.accountId(), "kms:Decrypt").access() == KeyPolicyDecision.Access.DELEGATED_TO_IAM)
                .map(key -> new Permission("kms:Decrypt", key.arn()));
    }
}
