package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.collect.IamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * {@link IamReader} over the AWS SDK. Every policy document leaves here as plain JSON. ({@code RoleDetail} is
 * ours; the SDK's is spelt out in full where it appears.)
 */
public final class SdkIamReader implements IamReader {
    private final IamClient iam;

    public SdkIamReader(IamClient iam) {
        this.iam = Objects.requireNonNull(iam);
    }

    @Override
    public AuthorizationDetails accountAuthorizationDetails() {
        return call("IAM.GetAccountAuthorizationDetails", () -> {
            List<RoleDetail> roles = new ArrayList<>();
            List<UserDetail> users = new ArrayList<>();
            List<GroupDetail> groups = new ArrayList<>();
            Map<String, String> documents = new HashMap<>();
            iam.getAccountAuthorizationDetailsPaginator(r -> r.filter(EntityType.ROLE, EntityType.USER,
                            EntityType.GROUP, EntityType.LOCAL_MANAGED_POLICY))
                    .forEach(page -> {
                        page.roleDetailList().forEach(role -> roles.add(roleDetail(role)));
                        page.userDetailList().forEach(user -> users.add(new UserDetail(user.arn(), user.userName(),
                                inline(user.userPolicyList()), attached(user.attachedManagedPolicies()),
                                boundaryArn(user.permissionsBoundary()), user.groupList())));
                        page.groupDetailList().forEach(group -> groups.add(new GroupDetail(group.groupName(),
                                inline(group.groupPolicyList()), attached(group.attachedManagedPolicies()))));
                        page.policies().forEach(policy -> defaultDocument(policy)
                                .ifPresent(document -> documents.put(policy.arn(), document)));
                    });
            return new AuthorizationDetails(roles, users, groups, documents);
        });
    }

    private static RoleDetail roleDetail(software.amazon.awssdk.services.iam.model.RoleDetail role) {
        return new RoleDetail(role.arn(), role.roleName(), inline(role.rolePolicyList()),
                attached(role.attachedManagedPolicies()), boundaryArn(role.permissionsBoundary()), tags(role.tags()),
                decode(role.assumeRolePolicyDocument()));
    }

    /** Inline policy documents by name, decoded. */
    private static Map<String, String> inline(List<PolicyDetail> policies) {
        return policies.stream().collect(Collectors.toMap(PolicyDetail::policyName, p -> decode(p.policyDocument()),
                (a, b) -> b, LinkedHashMap::new));
    }

    private static List<String> attached(List<AttachedPolicy> policies) {
        return policies.stream().map(AttachedPolicy::policyArn).toList();
    }

    private static Optional<String> defaultDocument(ManagedPolicyDetail policy) {
        return policy.policyVersionList().stream()
                .filter(v -> Boolean.TRUE.equals(v.isDefaultVersion()) || Objects.equals(v.versionId(), policy.defaultVersionId()))
                .findFirst()
                .map(v -> decode(v.document()));
    }

    @Override
    public Optional<RoleDetail> role(String roleName) {
        Role role;
        try {
            role = call("IAM.GetRole", () -> iam.getRole(r -> r.roleName(roleName)).role());
        } catch (AwsApiException e) {
            if ("NoSuchEntity".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
        List<String> inlineNames = call("IAM.ListRolePolicies",
                () -> iam.listRolePoliciesPaginator(r -> r.roleName(roleName)).policyNames().stream().toList());
        Map<String, String> inline = new LinkedHashMap<>();
        for (String name : inlineNames) {
            inline.put(name, decode(call("IAM.GetRolePolicy",
                    () -> iam.getRolePolicy(r -> r.roleName(roleName).policyName(name)).policyDocument())));
        }
        List<String> attached = call("IAM.ListAttachedRolePolicies",
                () -> iam.listAttachedRolePoliciesPaginator(r -> r.roleName(roleName)).attachedPolicies().stream()
                        .map(AttachedPolicy::policyArn).toList());
        return Optional.of(new RoleDetail(role.arn(), role.roleName(), inline, attached,
                boundaryArn(role.permissionsBoundary()), tags(role.tags()), decode(role.assumeRolePolicyDocument())));
    }

    @Override
    public String managedPolicyDocument(String policyArn) {
        String version = call("IAM.GetPolicy", () -> iam.getPolicy(r -> r.policyArn(policyArn)).policy().defaultVersionId());
        return decode(call("IAM.GetPolicyVersion",
                () -> iam.getPolicyVersion(r -> r.policyArn(policyArn).versionId(version)).policyVersion().document()));
    }

    /**
     * IAM returns policy documents URL-encoded (RFC 3986); some emulators return them as plain JSON. A JSON
     * document starts with '{', an encoded one with "%7B". '+' is kept literal: RFC 3986 encodes a space as %20.
     */
    static String decode(String document) {
        if (document == null || document.stripLeading().startsWith("{")) {
            return document;
        }
        return URLDecoder.decode(document.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String boundaryArn(AttachedPermissionsBoundary boundary) {
        return boundary == null ? null : boundary.permissionsBoundaryArn();
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, t -> Objects.requireNonNullElse(t.value(), ""),
                (a, b) -> b));
    }
}
