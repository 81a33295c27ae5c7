package io.github.ecsexecreadiness.iam;

import java.util.Objects;

/**
 * What a KMS key policy says about one principal's request on the key, and why, naming the statement's effect.
 * Unless the key policy allows it, no IAM policy can: it either grants the principal itself, or lets the account's
 * IAM policies decide by allowing the account (its root, or its id).
 */
public record KeyPolicyDecision(Access access, String explanation) {

    public enum Access {
        /** A Deny statement matches the principal, without conditions: nothing else can allow it. */
        DENIED,
        /** An Allow names the principal (or everyone) without conditions: no identity policy is needed. */
        GRANTED,
        /** An Allow names the account without conditions: the principal's identity policies decide. */
        DELEGATED_TO_IAM,
        /** A statement that could decide has a Condition, or names principals by exclusion. */
        CONDITIONAL,
        /** No statement allows the principal or its account: the key cannot be used by it. */
        NOT_ALLOWED
    }

    public KeyPolicyDecision {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(explanation, "explanation");
    }
}
