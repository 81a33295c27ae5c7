package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.apply.Applier;
import io.github.ecsexecreadiness.apply.Ec2Writer;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

/** {@link Ec2Writer} over the AWS SDK. Tags are applied on create (TagSpecifications), never afterwards. */
public final class SdkEc2Writer implements Ec2Writer {
    private final Ec2Client ec2;

    public SdkEc2Writer(Ec2Client ec2) {
        this.ec2 = Objects.requireNonNull(ec2);
    }

    @Override
    public List<Ec2.VpcEndpoint> findVpcEndpoints(String vpcId, String serviceName) {
        return call("EC2.DescribeVpcEndpoints", () -> ec2.describeVpcEndpointsPaginator(r -> r.filters(
                        filter("vpc-id", vpcId), filter("service-name", serviceName)))
                .vpcEndpoints().stream().map(SdkEc2Reader::vpcEndpoint).toList());
    }

    @Override
    public Optional<String> findSecurityGroup(String vpcId, String groupName) {
        return call("EC2.DescribeSecurityGroups", () -> ec2.describeSecurityGroupsPaginator(r -> r.filters(
                        filter("vpc-id", vpcId), filter("group-name", groupName)))
                .securityGroups().stream().map(SecurityGroup::groupId).findFirst());
    }

    @Override
    public boolean createdByThisProject(String groupId) {
        return call("EC2.DescribeSecurityGroups", () -> !ec2.describeSecurityGroups(r -> r.filters(
                filter("group-id", groupId), filter("tag:" + RemediationSettings.CREATED_BY_TAG, Applier.CREATED_BY)))
                .securityGroups().isEmpty());
    }

    @Override
    public String createSecurityGroup(String vpcId, String groupName, String description, Map<String, String> tags) {
        return call("EC2.CreateSecurityGroup", () -> ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(groupName)
                .description(description).tagSpecifications(tags(ResourceType.SECURITY_GROUP, tags))).groupId());
    }

    @Override
    public boolean authorizeTcpIngress(String groupId, int port, String source) {
        try {
            call("EC2.AuthorizeSecurityGroupIngress", () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId)
                    .ipPermissions(p -> {
                        p.ipProtocol("tcp").fromPort(port).toPort(port);
                        if (source.contains("/")) {
                            p.ipRanges(range -> range.cidrIp(source));
                        } else {
                            p.userIdGroupPairs(pair -> pair.groupId(source));
                        }
                    })));
            return true;
        } catch (AwsApiException e) {
            if ("InvalidPermission.Duplicate".equals(e.errorCode())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Ec2.VpcEndpoint createInterfaceEndpoint(String vpcId, String serviceName, List<String> subnetIds,
                                                   List<String> securityGroupIds, Map<String, String> tags,
                                                   String clientToken) {
        return SdkEc2Reader.vpcEndpoint(call("EC2.CreateVpcEndpoint", () -> ec2.createVpcEndpoint(r -> r
                .vpcId(vpcId).serviceName(serviceName).vpcEndpointType(VpcEndpointType.INTERFACE)
                .subnetIds(subnetIds).securityGroupIds(securityGroupIds).privateDnsEnabled(true)
                .tagSpecifications(tags(ResourceType.VPC_ENDPOINT, tags)).clientToken(clientToken)).vpcEndpoint()));
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    private static TagSpecification tags(ResourceType type, Map<String, String> tags) {
        return TagSpecification.builder().resourceType(type)
                .tags(tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                        .toList())
                .build();
    }
}
