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
import io.github.ecsexecreadiness.iam.Decision;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.plan.Fix;
import java.util.List;
import java.util.Optional;

/** {@code iam.exec-kms}: when the cluster encrypts ECS Exec sessions with a KMS key, every task role may decrypt. */
public final class ExecKmsCheck implements Check {
    private static final Remedy REMEDY = Remedy.forEachResult(List.of(Fix.GrantSessionPermissions.class),
            ExecKmsCheck::grantDecrypt, ExecKmsCheck::decryptAdvice);

    public static final CheckMetadata METADATA = CheckMetadata.builder("iam.exec-kms")
            .title("Every task role may decrypt with the cluster's ECS Exec KMS key")
            .severity(Severity.HIGH)
            .findingType(FindingType.SECURITY_BEST_PRACTICE)
            .rationale("When the cluster's executeCommandConfiguration sets kmsKeyId, session data between the "
                    + "operator and the container is encrypted with that key and the SSM agent decrypts it with the "
                    + "task role: the role needs kms:Decrypt on the key. The key policy must also allow the role, by "
                    + "naming it or by delegating to IAM policies; key policies are not read here, so a PASS covers "
                    + "the IAM side only, and a role without an identity policy for the key is UNKNOWN (the key "
                    + "policy may grant it directly) unless a Deny settles it.")
            .remediation("Allow kms:Decrypt on the key ARN in a task role policy (aws iam put-role-policy --role-name "
                    + "<role> --policy-name ecs-exec-kms ...), and make sure the key policy allows the task role or "
                    + "delegates to IAM policies of the account.")
            .documentation(CheckMetadata.ECS_EXEC_DOC)
            .stopsSession(true)
            .build();

    @Override
    public CheckMetadata metadata() {
        return METADATA;
    }

    @Override
    public Remedy remedy() {
        return REMEDY;
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        Optional<Permission> decrypt = decryptPermission(facts);
        if (decrypt.isEmpty()) {
            return notApplicable("cluster %s sets no KMS key for ECS Exec", facts.cluster().name());
        }
        String resource = decrypt.get().resource();
        String purpose = "decrypt with KMS key " + (resource.equals("*")
                ? kmsKeyId(facts) + " (an alias, so only kms:Decrypt on * can be confirmed)" : resource);
        CheckResult result = TaskRolePermissions.evaluate(this, facts, purpose, List.of(decrypt.get()),
                // A key policy naming the role grants it even when no identity policy does: only a Deny is final.
                decision -> decision.outcome() == Decision.Outcome.EXPLICIT_DENY ? Status.FAIL : Status.UNKNOWN);
        return result.status() == Status.UNKNOWN
                ? unknown("%s; the key policy, which is not read, may also grant the role kms:Decrypt", result.reason())
                : result;
    }

    /**
     * kms:Decrypt on the cluster's ECS Exec key ARN (a bare key id made into one); on {@code *} when the key is
     * named by an alias, since policies name keys, not aliases. Empty when the cluster sets no key.
     */
    private static Optional<Permission> decryptPermission(ServiceFacts facts) {
        String key = kmsKeyId(facts);
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        boolean alias = key.startsWith("alias/") || key.contains(":alias/");
        String resource = alias ? "*" : key.startsWith("arn:") ? key
                : "arn:%s:kms:%s:%s:key/%s".formatted(TaskRolePermissions.partition(facts), facts.region(),
                        facts.accountId(), key);
        return Optional.of(new Permission("kms:Decrypt", resource));
    }

    private static String kmsKeyId(ServiceFacts facts) {
        Ecs.ExecuteCommandConfiguration config = facts.cluster().executeCommandConfiguration();
        return config == null ? null : config.kmsKeyId();
    }

    /**
     * Grant each task role kms:Decrypt on the key, through a policy named for the cluster. Never on "*": with
     * the key named by an alias, a person must name its ARN.
     */
    private static List<Proposal> grantDecrypt(CheckResult result, ServiceFacts facts, Remedy.Context context) {
        Optional<Permission> decrypt = keyArnDecrypt(facts);
        if (decrypt.isPresent()) {
            return TaskRoleGrants.sessionPermissions(result, facts, "kms", List.of(decrypt.get()));
        }
        if (decryptPermission(facts).isEmpty()) {
            return List.of(Proposal.manual(result));
        }
        // An automatic grant would be kms:Decrypt on every key of the account.
        return List.of(Proposal.manual(result.id(), "Allow kms:Decrypt on the ARN of the key behind the cluster's "
                + "alias in a task role policy: it is not granted automatically on \"*\"", result.reason()));
    }

    private static List<String> decryptAdvice(CheckResult result, ServiceFacts facts) {
        return keyArnDecrypt(facts).map(decrypt -> TaskRoleGrants.sessionPermissionsAdvice(facts, "kms",
                List.of(decrypt))).orElse(List.of());
    }

    /** kms:Decrypt on the key's ARN; empty without a key, or with an alias (whose ARN is "*" here). */
    private static Optional<Permission> keyArnDecrypt(ServiceFacts facts) {
        return decryptPermission(facts).filter(decrypt -> !decrypt.resource().equals("*"));
    }
}
