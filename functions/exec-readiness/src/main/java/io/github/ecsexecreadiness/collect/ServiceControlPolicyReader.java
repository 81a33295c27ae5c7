package io.github.ecsexecreadiness.collect;

import static io.github.ecsexecreadiness.iam.PolicyStatement.DESCRIBE_THE_ORGANISATION;
import static io.github.ecsexecreadiness.iam.PolicyStatement.READ_SERVICE_CONTROL_POLICIES;

import io.github.ecsexecreadiness.iam.CallsAws;
import java.util.List;

/**
 * Read-only AWS Organizations operations that find the service control policies binding an account: its path to
 * the root, the SCPs attached to each target on it, and their content. Only the management account or a delegated
 * administrator may call them; implementations throw {@link AwsApiException} on an AWS error.
 */
public interface ServiceControlPolicyReader {
    /** DescribeOrganization: the management account's id (SCPs do not apply to it). */
    @CallsAws(operation = "Organizations.DescribeOrganization", statements = DESCRIBE_THE_ORGANISATION)
    String managementAccountId();

    /** ListParents, every page: the id of the OU ({@code ou-...}) or root ({@code r-...}) directly above a child. */
    @CallsAws(operation = "Organizations.ListParents", statements = READ_SERVICE_CONTROL_POLICIES)
    List<String> listParents(String childId);

    /** ListPoliciesForTarget with filter SERVICE_CONTROL_POLICY, every page: the SCPs attached to a target. */
    @CallsAws(operation = "Organizations.ListPoliciesForTarget", statements = READ_SERVICE_CONTROL_POLICIES)
    List<PolicySummary> listServiceControlPoliciesForTarget(String targetId);

    /** DescribePolicy: a policy's content (its JSON document). */
    @CallsAws(operation = "Organizations.DescribePolicy", statements = READ_SERVICE_CONTROL_POLICIES)
    String describePolicyContent(String policyId);

    /** A policy as ListPoliciesForTarget names it. */
    record PolicySummary(String id, String name) {}
}
