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
     * An IAM role or user as its identity-based policies decide what it may do: a user's include those of its
     * groups. {@code permissionsBoundary} is null when none is set.
     */
    public record Identity(String arn, List<Policy> identityPolicies, Policy permissionsBoundary) {
        public Identity {
            identityPolicies = List.copyOf(identityPolicies);
        }

        public static Identity of(Role role) {
            return new Identity(role.arn(), role.identityPolicies(), role.permissionsBoundary());
        }
    }

    /**
     * The roles and users of the account whose identity policies put a condition on the resource's tags for
     * {@code ecs:ExecuteCommand}: the tag-based grants people open sessions with. {@code identities} is null when
     * the account's identities were not read, and {@code notRead} then says why.
     */
    public record TagBasedExecIdentities(List<Identity> identities, String notRead) {
        public TagBasedExecIdentities {
            identities = identities == null ? null : List.copyOf(identities);
        }

        public static TagBasedExecIdentities read(List<Identity> identities) {
            return new TagBasedExecIdentities(identities, null);
        }

        public static TagBasedExecIdentities notRead(String why) {
            return new TagBasedExecIdentities(null, why);
        }
    }

    /**
     * A policy document as JSON text (already URL-decoded). {@code source} says where it comes from, for
     * reasons: {@code inline policy <name>} or the managed policy ARN.
     */
    public record Policy(String source, String document) {}
}
