package io.github.ecsexecreadiness.cli.cleanup;

import io.github.ecsexecreadiness.collect.AwsApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads and deletions {@code cleanup} makes, one method per API operation. Implementations throw
 * {@link AwsApiException} on an AWS error. {@link Cleanup#IAM_ACTIONS} lists the IAM action of each.
 */
public interface CleanupAccount {

    /** The Region the endpoints and security groups are looked for in. */
    String region();

    /** The partition of that Region (aws, aws-cn, aws-us-gov), for ARNs. */
    String partition();

    /** STS GetCallerIdentity (needs no IAM permission). */
    String accountId();

    /** iam:ListPolicies, Scope Local, every page: the customer managed policies under {@code pathPrefix}. */
    List<ManagedPolicy> listPolicies(String pathPrefix);

    /** iam:GetPolicy: the policy with its tags, or empty (NoSuchEntity). */
    Optional<ManagedPolicy> getPolicy(String policyArn);

    /** iam:ListEntitiesForPolicy, every page: where the policy is attached. */
    Attachments listEntitiesForPolicy(String policyArn);

    /** iam:DetachRolePolicy. */
    void detachRolePolicy(String roleName, String policyArn);

    /** iam:ListPolicyVersions: the ids of the versions that are not the default one. */
    List<String> listNonDefaultPolicyVersions(String policyArn);

    /** iam:DeletePolicyVersion. */
    void deletePolicyVersion(String policyArn, String versionId);

    /** iam:DeletePolicy (every other version deleted first, every attachment removed). */
    void deletePolicy(String policyArn);

    /** ec2:DescribeVpcEndpoints filtered on a tag, every page, whatever their state. */
    List<Endpoint> describeVpcEndpointsTagged(String tagKey, String tagValue);

    /** ec2:DescribeVpcEndpoints of these ids, every page: the ones that still exist and are not deleted. */
    List<Endpoint> describeVpcEndpoints(List<String> endpointIds);

    /** ec2:DeleteVpcEndpoints: starts the deletion (it is asynchronous); the ids EC2 could not delete, with why. */
    Map<String, String> deleteVpcEndpoints(List<String> endpointIds);

    /** ec2:DescribeSecurityGroups filtered on a tag, every page. */
    List<SecurityGroup> describeSecurityGroupsTagged(String tagKey, String tagValue);

    /** ec2:DeleteSecurityGroup (DependencyViolation while an endpoint's network interface still uses it). */
    void deleteSecurityGroup(String groupId);

    /** A customer managed policy, with its tags when read by GetPolicy (ListPolicies does not return them). */
    record ManagedPolicy(String arn, String name, String path, Map<String, String> tags) {
        public ManagedPolicy {
            tags = Map.copyOf(tags);
        }
    }

    /** The role, user and group names a policy is attached to. */
    record Attachments(List<String> roles, List<String> users, List<String> groups) {
        public Attachments {
            roles = List.copyOf(roles);
            users = List.copyOf(users);
            groups = List.copyOf(groups);
        }
    }

    record Endpoint(String id, String vpcId, String serviceName, String state, List<String> securityGroupIds) {
        public Endpoint {
            securityGroupIds = List.copyOf(securityGroupIds);
        }
    }

    record SecurityGroup(String id, String vpcId, String name) {}
}
