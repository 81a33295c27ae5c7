package io.github.ecsexecreadiness.apply;

import static io.github.ecsexecreadiness.iam.PolicyStatement.ATTACH_THE_PROJECTS_SESSION_POLICIES;
import static io.github.ecsexecreadiness.iam.PolicyStatement.ATTACH_THE_SSMMESSAGES_POLICY;
import static io.github.ecsexecreadiness.iam.PolicyStatement.NEVER_ATTACH_TO_ITS_OWN_ROLES;
import static io.github.ecsexecreadiness.iam.PolicyStatement.SEE_WHAT_A_TASK_ROLE_HAS_ATTACHED;
import static io.github.ecsexecreadiness.iam.PolicyStatement.SESSION_POLICIES_UNDER_THE_PROJECT_PATH;

import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.iam.CallsAws;
import java.util.List;
import java.util.Map;

/**
 * The IAM operations the task-role fixes need, reads included so that nothing is created or attached twice.
 * Implementations throw {@link AwsApiException} on an AWS error.
 */
public interface IamWriter {

    /** ListAttachedRolePolicies, every page: the ARNs of the managed policies attached to the role. */
    @CallsAws(operation = "IAM.ListAttachedRolePolicies", statements = SEE_WHAT_A_TASK_ROLE_HAS_ATTACHED)
    List<String> listAttachedRolePolicies(String roleName);

    /** GetPolicy: whether the managed policy exists (NoSuchEntity is false). */
    @CallsAws(operation = "IAM.GetPolicy", statements = SESSION_POLICIES_UNDER_THE_PROJECT_PATH)
    boolean policyExists(String policyArn);

    /** CreatePolicy at {@code path} (e.g. /ecs-exec-readiness/); returns its ARN. */
    default String createPolicy(String path, String policyName, String description, String document) {
        return createPolicy(path, policyName, description, document, Map.of());
    }

    /** CreatePolicy with these tags (iam:TagPolicy is authorised too when tags are given); returns its ARN. */
    @CallsAws(operation = "IAM.CreatePolicy", statements = SESSION_POLICIES_UNDER_THE_PROJECT_PATH)
    String createPolicy(String path, String policyName, String description, String document, Map<String, String> tags);

    /** AttachRolePolicy (attaching a policy already attached changes nothing). */
    @CallsAws(operation = "IAM.AttachRolePolicy",
            statements = {ATTACH_THE_SSMMESSAGES_POLICY, ATTACH_THE_PROJECTS_SESSION_POLICIES,
                    NEVER_ATTACH_TO_ITS_OWN_ROLES})
    void attachRolePolicyTo(String roleName, String policyArn);
}
