package io.github.ecsexecreadiness.collect;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only IAM operations. Policy documents are returned as plain JSON (implementations URL-decode what
 * IAM returns). Implementations throw {@link AwsApiException} on an AWS error.
 */
public interface IamReader {

    /**
     * GetAccountAuthorizationDetails filtered to Role and LocalManagedPolicy, every page: the cheap way to
     * read many roles. AWS managed policies are not included; read them with {@link #managedPolicyDocument}.
     */
    AuthorizationDetails accountAuthorizationDetails();

    /** GetRole, ListRolePolicies/GetRolePolicy and ListAttachedRolePolicies: one role; empty when it does not exist. */
    Optional<RoleDetail> role(String roleName);

    /** GetPolicy then GetPolicyVersion of its default version. */
    String managedPolicyDocument(String policyArn);

    /**
     * A role as IAM describes it: inline policy documents by name, attached managed policy ARNs and the
     * permissions boundary policy ARN (null when none).
     */
    record RoleDetail(String arn, String name, Map<String, String> inlinePolicies, List<String> attachedPolicyArns,
                      String permissionsBoundaryArn, Map<String, String> tags) {
        public RoleDetail {
            inlinePolicies = Map.copyOf(inlinePolicies);
            attachedPolicyArns = List.copyOf(attachedPolicyArns);
            tags = Map.copyOf(tags);
        }
    }

    /** Roles, and the default-version document of every customer managed policy, by ARN. */
    record AuthorizationDetails(List<RoleDetail> roles, Map<String, String> managedPolicyDocuments) {
        public AuthorizationDetails {
            roles = List.copyOf(roles);
            managedPolicyDocuments = Map.copyOf(managedPolicyDocuments);
        }
    }
}
