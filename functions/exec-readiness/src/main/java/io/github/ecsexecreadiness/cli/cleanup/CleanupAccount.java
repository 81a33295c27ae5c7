package io.github.ecsexecreadiness.cli.cleanup;

import static io.github.ecsexecreadiness.iam.PolicyStatement.CLEANUP_DELETE_ONLY_WHAT_IS_TAGGED_AS_OURS;
import static io.github.ecsexecreadiness.iam.PolicyStatement.CLEANUP_DETACH_PROJECT_POLICIES;
import static io.github.ecsexecreadiness.iam.PolicyStatement.CLEANUP_FIND;
import static io.github.ecsexecreadiness.iam.PolicyStatement.CLEANUP_PROJECT_POLICIES;

import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.iam.CallsAws;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads and deletions {@code cleanup} makes, one method per API operation. Implementations throw
 * {@link AwsApiException} on an AWS error. Each declares the IAM it needs ({@link CallsAws}): the README's
 * cleanup permissions are generated from these.
 */
public interface CleanupAccount {

    /** The Region the endpoints and security groups are looked for in. */
    String region();

    /** The partition of that Region (aws, aws-cn, aws-us-gov), for ARNs. */
    String partition();

    /** STS GetCallerIdentity (needs no IAM permission). */
    String accountId();

    /** iam:ListPolicies, Scope Local, every page: the customer managed policies under {@code pathPrefix}. */
    @CallsAws(operation = "IAM.ListPolicies", statements = CLEANUP_FIND)
    List<ManagedPolicy> listPolicies(String pathPrefix);

    /** iam:GetPolicy: the policy with its tags, or empty (NoSuchEntity). */
    @CallsAws(operation = "IAM.GetPolicy", statements = CLEANUP_PROJECT_POLICIES)
    Optional<ManagedPolicy> getPolicy(String policyArn);

    /** iam:ListEntitiesForPolicy, every page: where the policy is attached. */
    @CallsAws(operation = "IAM.ListEntitiesForPolicy", statements = CLEANUP_PROJECT_POLICIES)
    Attachments listEntitiesForPolicy(String policyArn);

    /** iam:DetachRolePolicy. */
    @CallsAws(operation = "IAM.DetachRolePolicy", statements = CLEANUP_DETACH_PROJECT_POLICIES)
    void detachRolePolicy(String roleName, String policyArn);

    /** iam:ListPolicyVersions: the ids of the versions that are not the default one. */
    @CallsAws(operation = "IAM.ListPolicyVersions", statements = CLEANUP_PROJECT_POLICIES)
    List<String> listNonDefaultPolicyVersions(String policyArn);

    /** iam:DeletePolicyVersion. */
    @CallsAws(operation = "IAM.DeletePolicyVersion", statements = CLEANUP_PROJECT_POLICIES)
    void deletePolicyVersion(String policyArn, String versionId);

    /** iam:DeletePolicy (every other version deleted first, every attachment removed). */
    @CallsAws(operation = "IAM.DeletePolicy", statements = CLEANUP_PROJECT_POLICIES)
    void deletePolicy(String policyArn);

    /** ec2:DescribeVpcEndpoints filtered on a tag, every page, whatever their state. */
    @CallsAws(operation = "EC2.DescribeVpcEndpoints", statements = CLEANUP_FIND)
    List<Endpoint> describeVpcEndpointsTagged(String tagKey, String tagValue);

    /** ec2:DescribeVpcEndpoints of these ids, every page: the ones that still exist and are not deleted. */
    @CallsAws(operation = "EC2.DescribeVpcEndpoints", statements = CLEANUP_FIND)
    List<Endpoint> describeVpcEndpoints(List<String> endpointIds);

    /** ec2:DeleteVpcEndpoints: starts the deletion (it is asynchronous); the ids EC2 could not delete, with why. */
    @CallsAws(operation = "EC2.DeleteVpcEndpoints", statements = CLEANUP_DELETE_ONLY_WHAT_IS_TAGGED_AS_OURS)
    Map<String, String> deleteVpcEndpoints(List<String> endpointIds);

    /** ec2:DescribeSecurityGroups filtered on a tag, every page. */
    @CallsAws(operation = "EC2.DescribeSecurityGroups", statements = CLEANUP_FIND)
    List<SecurityGroup> describeSecurityGroupsTagged(String tagKey, String tagValue);

    /** ec2:DeleteSecurityGroup (DependencyViolation while an endpoint's network interface still uses it). */
    @CallsAws(operation = "EC2.DeleteSecurityGroup", statements = CLEANUP_DELETE_ONLY_WHAT_IS_TAGGED_AS_OURS)
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
