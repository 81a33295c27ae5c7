package io.github.ecsexecreadiness.check.iam;

import io.github.ecsexecreadiness.model.Iam;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a task role is owned by infrastructure as code, from its tags. A permission the tool attaches to such a
 * role drifts from the code: the next deployment (or an exclusive attachment) takes it away and the next sweep
 * adds it again. Such a role gets a person's step with the exact statement to add to the code that owns it.
 *
 * <p>What the tags can show: CloudFormation's {@code aws:cloudformation:stack-name} and {@code stack-id} (IAM
 * roles do not receive these automatically today, aws-cloudformation/cloudformation-coverage-roadmap#1159, but
 * stack-level tags and tools that copy them do reach roles); CDK's {@code aws-cdk:} tags (CDK's
 * {@code aws:cdk:path} is template metadata, never a tag: a CDK role is seen through its CloudFormation tags);
 * Terraform sets no tag of its own, so the common conventions {@code ManagedBy}/{@code managed-by}/
 * {@code managed_by} naming a tool and a {@code terraform} tag count.
 */
final class RoleOwnership {
    private static final List<String> CLOUDFORMATION = List.of("aws:cloudformation:stack-name",
            "aws:cloudformation:stack-id");
    private static final String CDK_PREFIX = "aws-cdk:";
    private static final Set<String> MANAGED_BY = Set.of("managedby", "managed-by", "managed_by");
    private static final Set<String> TOOLS = Set.of("terraform", "opentofu", "cloudformation", "cdk", "pulumi");

    private RoleOwnership() {}

    /** "CloudFormation stack shop-roles (tag aws:cloudformation:stack-name)", or empty when no tag says so. */
    static Optional<String> owner(Iam.Role role) {
        Map<String, String> tags = role.tags();
        for (String key : CLOUDFORMATION) {
            if (tags.containsKey(key)) {
                return Optional.of("CloudFormation stack " + tags.get(key) + " (tag " + key + ")");
            }
        }
        var byTool = tags.entrySet().stream().sorted(Map.Entry.comparingByKey()).filter(tag ->
                (MANAGED_BY.contains(tag.getKey().toLowerCase(Locale.ROOT))
                        && TOOLS.contains(tag.getValue().strip().toLowerCase(Locale.ROOT)))
                        || tag.getKey().equalsIgnoreCase("terraform") || tag.getKey().startsWith(CDK_PREFIX))
                .findFirst();
        return byTool.map(tag -> "the infrastructure code its tag " + tag.getKey() + "=" + tag.getValue() + " names");
    }
}
