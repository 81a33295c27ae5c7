package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.cli.cleanup.CleanupAccount;
import io.github.ecsexecreadiness.collect.AwsApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Tag;

/** {@link CleanupAccount} over the AWS SDK. */
public final class SdkCleanupAccount implements CleanupAccount {
    private final AwsClients clients;

    public SdkCleanupAccount(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String region() {
        return clients.region().id();
    }

    @Override
    public String partition() {
        return AwsClients.partition(clients.region());
    }

    @Override
    public String accountId() {
        return clients.accountId();
    }

    @Override
    public List<ManagedPolicy> listPolicies(String pathPrefix) {
        return call("IAM.ListPolicies", () -> clients.iam().listPoliciesPaginator(r -> r.scope(PolicyScopeType.LOCAL)
                        .pathPrefix(pathPrefix)).policies().stream()
                .map(p -> new ManagedPolicy(p.arn(), p.policyName(), p.path(), Map.of())).toList());
    }

    @Override
    public Optional<ManagedPolicy> getPolicy(String policyArn) {
        try {
            var policy = call("IAM.GetPolicy", () -> clients.iam().getPolicy(r -> r.policyArn(policyArn)).policy());
            return Optional.of(new ManagedPolicy(policy.arn(), policy.policyName(), policy.path(),
                    policy.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a))));
        } catch (AwsApiException e) {
            if ("NoSuchEntity".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Attachments listEntitiesForPolicy(String policyArn) {
        return call("IAM.ListEntitiesForPolicy", () -> {
            var pages = clients.iam().listEntitiesForPolicyPaginator(r -> r.policyArn(policyArn));
            return new Attachments(pages.policyRoles().stream().map(r -> r.roleName()).toList(),
                    pages.policyUsers().stream().map(u -> u.userName()).toList(),
                    pages.policyGroups().stream().map(g -> g.groupName()).toList());
        });
    }

    @Override
    public void detachRolePolicy(String roleName, String policyArn) {
        call("IAM.DetachRolePolicy", () -> clients.iam().detachRolePolicy(r -> r.roleName(roleName).policyArn(policyArn)));
    }

    @Override
    public List<String> listNonDefaultPolicyVersions(String policyArn) {
        return call("IAM.ListPolicyVersions", () -> clients.iam().listPolicyVersionsPaginator(r -> r.policyArn(policyArn))
                .versions().stream().filter(v -> !Boolean.TRUE.equals(v.isDefaultVersion()))
                .map(PolicyVersion::versionId).toList());
    }

    @Override
    public void deletePolicyVersion(String policyArn, String versionId) {
        call("IAM.DeletePolicyVersion", () -> clients.iam().deletePolicyVersion(r -> r.policyArn(policyArn)
                .versionId(versionId)));
    }

    @Override
    public void deletePolicy(String policyArn) {
        call("IAM.DeletePolicy", () -> clients.iam().deletePolicy(r -> r.policyArn(policyArn)));
    }

    @Override
    public List<Endpoint> describeVpcEndpointsTagged(String tagKey, String tagValue) {
        return call("EC2.DescribeVpcEndpoints", () -> clients.ec2().describeVpcEndpointsPaginator(r -> r.filters(
                tag(tagKey, tagValue))).vpcEndpoints().stream().map(SdkCleanupAccount::endpoint).toList());
    }

    @Override
    public List<Endpoint> describeVpcEndpoints(List<String> endpointIds) {
        try {
            return call("EC2.DescribeVpcEndpoints", () -> clients.ec2().describeVpcEndpointsPaginator(r -> r
                            .vpcEndpointIds(endpointIds)).vpcEndpoints().stream()
                    .filter(e -> !"deleted".equalsIgnoreCase(e.stateAsString()))
                    .map(SdkCleanupAccount::endpoint).toList());
        } catch (AwsApiException e) {
            if ("InvalidVpcEndpointId.NotFound".equals(e.errorCode())) {
                return List.of(); // gone already
            }
            throw e;
        }
    }

    @Override
    public Map<String, String> deleteVpcEndpoints(List<String> endpointIds) {
        var unsuccessful = call("EC2.DeleteVpcEndpoints", () -> clients.ec2().deleteVpcEndpoints(r -> r
                .vpcEndpointIds(endpointIds)).unsuccessful());
        Map<String, String> errors = new LinkedHashMap<>();
        unsuccessful.forEach(item -> errors.put(item.resourceId(), item.error() == null ? "not deleted"
                : item.error().code() + " (" + item.error().message() + ")"));
        return errors;
    }

    @Override
    public List<SecurityGroup> describeSecurityGroupsTagged(String tagKey, String tagValue) {
        return call("EC2.DescribeSecurityGroups", () -> clients.ec2().describeSecurityGroupsPaginator(r -> r.filters(
                        tag(tagKey, tagValue))).securityGroups().stream()
                .map(g -> new CleanupAccount.SecurityGroup(g.groupId(), g.vpcId(), g.groupName())).toList());
    }

    @Override
    public void deleteSecurityGroup(String groupId) {
        call("EC2.DeleteSecurityGroup", () -> clients.ec2().deleteSecurityGroup(r -> r.groupId(groupId)));
    }

    private static Endpoint endpoint(VpcEndpoint e) {
        return new Endpoint(e.vpcEndpointId(), e.vpcId(), e.serviceName(), e.stateAsString(),
                e.groups().stream().map(g -> g.groupId()).toList());
    }

    private static Filter tag(String key, String value) {
        return Filter.builder().name("tag:" + key).values(value).build();
    }
}
