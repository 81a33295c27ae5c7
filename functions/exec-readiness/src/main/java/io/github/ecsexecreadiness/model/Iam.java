package io.github.ecsexecreadiness.model;

import java.util.List;
import java.util.Map;

/** What the snapshot keeps of IAM roles: every identity policy document, already resolved. */
public final class Iam {
    private Iam() {}

    /**
     * A role with its identity-based policies (inline and attached managed, the default version of each),
     * its permissions boundary (null when none) and its trust policy ({@code AssumeRolePolicyDocument}, URL-decoded;
     * null when not read).
     */
    public record Role(String arn, String name, List<Policy> identityPolicies, Policy permissionsBoundary,
                       Map<String, String> tags, String assumeRolePolicyDocument) {
        public Role {
            identityPolicies = List.copyOf(identityPolicies);
            tags = Map.copyOf(tags);
        }

        /** A role whose trust policy was not read. */
        public Role(String arn, String name, List<Policy> identityPolicies, Policy permissionsBoundary,
                    Map<String, String> tags) {
            this(arn, name, identityPolicies, permissionsBoundary, tags, null);
        }
    }

    /**
     * The roles of the account whose identity policies put a condition on the resource's
     * tags for {@code ecs:ExecuteCommand}: the tag-based grants people open sessions with. {@code roles} is null
     * when the account's roles were not read, and {@code notRead} then says why.
     */
    public record TagBasedExecRoles(List<Role> roles, String notRead) {
        public TagBasedExecRoles {
            roles = roles == null ? null : List.copyOf(roles);
        }

        public static TagBasedExecRoles read(List<Role> roles) {
            return new TagBasedExecRoles(roles, null);
        }

        public static TagBasedExecRoles notRead(String why) {
            return new TagBasedExecRoles(null, why);
        }
    }

    /**
     * A policy document as JSON text (already URL-decoded). {@code source} says where it comes from, for
     * reasons: {@code inline policy <name>} or the managed policy ARN.
     */
    public record Policy(String source, String document) {}
}
