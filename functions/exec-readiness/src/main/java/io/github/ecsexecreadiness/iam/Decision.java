package io.github.ecsexecreadiness.iam;

import java.util.Objects;

/**
 * Whether a role may make one request, and why, in one line naming the policy that decided.
 *
 * @param explanation e.g. {@code allowed by inline policy exec}, {@code denied by arn:aws:iam::aws:policy/X},
 *                    {@code not allowed by any identity policy}, {@code not allowed by permissions boundary <arn>},
 *                    {@code allowed only by an Allow with a Condition in inline policy p0},
 *                    {@code cannot parse the document of inline policy p0}
 */
public record Decision(Permission permission, Outcome outcome, String explanation) {

    public enum Outcome {
        /** An identity policy allows it without conditions, the boundary (if any) too, and nothing denies it. */
        ALLOWED,
        /** A Deny statement of an identity policy or of the permissions boundary matches. */
        EXPLICIT_DENY,
        /** No identity policy allows it: an identity policy granting it would fix it. */
        IMPLICIT_DENY,
        /** The permissions boundary does not allow it: granting it in an identity policy alone cannot fix it. */
        DENIED_BY_BOUNDARY,
        /**
         * The answer depends on something the policies alone do not settle: a Condition, a policy variable, or a
         * document that cannot be parsed.
         */
        CONDITIONAL
    }

    public Decision {
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(explanation, "explanation");
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }

    /** Definitely not allowed, whatever the request context. */
    public boolean denied() {
        return outcome == Outcome.EXPLICIT_DENY || outcome == Outcome.IMPLICIT_DENY
                || outcome == Outcome.DENIED_BY_BOUNDARY;
    }
}
