package io.github.ecsexecreadiness.collect;

import static io.github.ecsexecreadiness.iam.PolicyStatement.IAM_ACCOUNT_AUTHORIZATION_DETAILS;
import static io.github.ecsexecreadiness.iam.PolicyStatement.IAM_POLICIES;
import static io.github.ecsexecreadiness.iam.PolicyStatement.IAM_ROLES;

import io.github.ecsexecreadiness.iam.CallsAws;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only IAM operations. Policy documents are returned as plain JSON (implementations URL-decode what
 * IAM returns). Implementations throw {@link AwsApiException} on an AWS error.
 */
public interface IamReader {

    /**
     * GetAccountAuthorizationDetails filtered to Role, User, Group and LocalManagedPolicy, every page: the cheap
     * way to read many roles, and who else may run ecs:ExecuteCommand. AWS managed policies are not included; read
     * them with {@link #managedPolicyDocument}.
     */
    @CallsAws(operation = "IAM.GetAccountAuthorizationDetails", statements = IAM_ACCOUNT_AUTHORIZATION_DETAILS)
    AuthorizationDetails accountAuthorizationDetails();

    /** GetRole, ListRolePolicies/GetRolePolicy and ListAttachedRolePolicies: one role; empty when it does not exist. */
    @CallsAws(operation = "IAM.GetRole", statements = IAM_ROLES)
    @CallsAws(operation = "IAM.ListRolePolicies", statements = IAM_ROLES)
    @CallsAws(operation = "IAM.GetRolePolicy", statements = IAM_ROLES)
    @CallsAws(operation = "IAM.ListAttachedRolePolicies", statements = IAM_ROLES)
    Optional<RoleDetail> role(String roleName);

    /** GetPolicy then GetPolicyVersion of its default version. */
    @CallsAws(operation = "IAM.GetPolicy", statements = IAM_POLICIES)
    @CallsAws(operation = "IAM.GetPolicyVersion", statements = IAM_POLICIES)
    String managedPolicyDocument(String policyArn);

    /**
     * A role as IAM describes it: inline policy documents by name, attached managed policy ARNs, the
     * permissions boundary policy ARN (null when none) and the trust policy, {@code AssumeRolePolicyDocument}
     * (null when the answer has none), which GetRole and GetAccountAuthorizationDetails return with the role.
     */
    record RoleDetail(String arn, String name, Map<String, String> inlinePolicies, List<String> attachedPolicyArns,
                      String permissionsBoundaryArn, Map<String, String> tags, String assumeRolePolicyDocument) {
        public RoleDetail {
            inlinePolicies = Map.copyOf(inlinePolicies);
            attachedPolicyArns = List.copyOf(attachedPolicyArns);
            tags = Map.copyOf(tags);
        }

        /** The same role with other inline and attached policies. */
        public RoleDetail withPolicies(Map<String, String> inline, List<String> attached) {
            return new RoleDetail(arn, name, inline, attached, permissionsBoundaryArn, tags, assumeRolePolicyDocument);
        }
    }

    /**
     * A user as GetAccountAuthorizationDetails describes it: its inline policy documents by name, its attached
     * managed policy ARNs, its permissions boundary policy ARN (null when none) and the names of its groups.
     */
    record UserDetail(String arn, String name, Map<String, String> inlinePolicies, List<String> attachedPolicyArns,
                      String permissionsBoundaryArn, List<String> groupNames) {
        public UserDetail {
            inlinePolicies = Map.copyOf(inlinePolicies);
            attachedPolicyArns = List.copyOf(attachedPolicyArns);
            groupNames = List.copyOf(groupNames);
        }
    }

    /** A group: its inline policy documents by name and its attached managed policy ARNs. */
    record GroupDetail(String name, Map<String, String> inlinePolicies, List<String> attachedPolicyArns) {
        public GroupDetail {
            inlinePolicies = Map.copyOf(inlinePolicies);
            attachedPolicyArns = List.copyOf(attachedPolicyArns);
        }
    }

    /** Roles, users, groups, and the default-version document of every customer managed policy, by ARN. */
    record AuthorizationDetails(List<RoleDetail> roles, List<UserDetail> users, List<GroupDetail> groups,
                                Map<String, String> managedPolicyDocuments) {
        public AuthorizationDetails {
            roles = List.copyOf(roles);
            users = List.copyOf(users);
            groups = List.copyOf(groups);
            managedPolicyDocuments = Map.copyOf(managedPolicyDocuments);
        }
    }
}
