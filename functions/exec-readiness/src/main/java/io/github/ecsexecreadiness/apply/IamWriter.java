package io.github.ecsexecreadiness.apply;

import io.github.ecsexecreadiness.collect.AwsApiException;
import java.util.List;
import java.util.Map;

/**
 * The IAM operations the task-role fixes need, reads included so that nothing is created or attached twice.
 * Implementations throw {@link AwsApiException} on an AWS error.
 */
public interface IamWriter {

    /** ListAttachedRolePolicies, every page: the ARNs of the managed policies attached to the role. */
    List<String> listAttachedRolePolicies(String roleName);

    /** GetPolicy: whether the managed policy exists (NoSuchEntity is false). */
    boolean policyExists(String policyArn);

    /** CreatePolicy at {@code path} (e.g. /ecs-exec-readiness/); returns its ARN. */
    default String createPolicy(String path, String policyName, String description, String document) {
        return createPolicy(path, policyName, description, document, Map.of());
    }

    /** CreatePolicy with these tags (iam:TagPolicy is authorised too when tags are given); returns its ARN. */
    String createPolicy(String path, String policyName, String description, String document, Map<String, String> tags);

    /** AttachRolePolicy (attaching a policy already attached changes nothing). */
    void attachRolePolicyTo(String roleName, String policyArn);
}
