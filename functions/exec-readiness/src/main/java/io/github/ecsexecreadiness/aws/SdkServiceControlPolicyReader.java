package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.collect.ServiceControlPolicyReader;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Parent;
import software.amazon.awssdk.services.organizations.model.PolicyType;

/** {@link ServiceControlPolicyReader} over the central account's {@link OrganizationsClient} (global endpoint). */
public final class SdkServiceControlPolicyReader implements ServiceControlPolicyReader {
    private final OrganizationsClient organizations;

    public SdkServiceControlPolicyReader(OrganizationsClient organizations) {
        this.organizations = Objects.requireNonNull(organizations);
    }

    @Override
    public String managementAccountId() {
        return call("Organizations.DescribeOrganization",
                () -> organizations.describeOrganization().organization().masterAccountId());
    }

    @Override
    public List<String> listParents(String childId) {
        return call("Organizations.ListParents", () -> organizations.listParentsPaginator(r -> r.childId(childId))
                .stream().flatMap(page -> page.parents().stream()).map(Parent::id).toList());
    }

    @Override
    public List<PolicySummary> listServiceControlPoliciesForTarget(String targetId) {
        return call("Organizations.ListPoliciesForTarget", () -> organizations
                .listPoliciesForTargetPaginator(r -> r.targetId(targetId).filter(PolicyType.SERVICE_CONTROL_POLICY))
                .stream().flatMap(page -> page.policies().stream())
                .map(policy -> new PolicySummary(policy.id(), policy.name())).toList());
    }

    @Override
    public String describePolicyContent(String policyId) {
        return call("Organizations.DescribePolicy",
                () -> organizations.describePolicy(r -> r.policyId(policyId)).policy().content());
    }
}
