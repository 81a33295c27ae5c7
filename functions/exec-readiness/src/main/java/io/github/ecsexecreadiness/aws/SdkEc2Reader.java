package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.collect.Ec2Reader;
import io.github.ecsexecreadiness.model.Ec2;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclAssociation;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.PortRange;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

/**
 * {@link Ec2Reader} over the AWS SDK. Lookups by id go through filters, not id parameters: an id that no
 * longer exists is then just absent, where an id parameter fails the whole batch (InvalidSubnetID.NotFound).
 */
public final class SdkEc2Reader implements Ec2Reader {
    private final Ec2Client ec2;

    public SdkEc2Reader(Ec2Client ec2) {
        this.ec2 = Objects.requireNonNull(ec2);
    }

    @Override
    public List<Ec2.NetworkInterface> describeNetworkInterfaces(Collection<String> networkInterfaceIds) {
        return filtered("EC2.DescribeNetworkInterfaces", "network-interface-id", networkInterfaceIds,
                filter -> ec2.describeNetworkInterfacesPaginator(r -> r.filters(filter)).networkInterfaces().stream()
                        .map(SdkEc2Reader::networkInterface));
    }

    @Override
    public List<Ec2.Instance> describeInstances(Collection<String> instanceIds) {
        return filtered("EC2.DescribeInstances", "instance-id", instanceIds,
                filter -> ec2.describeInstancesPaginator(r -> r.filters(filter)).reservations().stream()
                        .flatMap(reservation -> reservation.instances().stream())
                        .map(SdkEc2Reader::instance));
    }

    @Override
    public List<Ec2.Subnet> describeSubnets(Collection<String> subnetIds) {
        return filtered("EC2.DescribeSubnets", "subnet-id", subnetIds,
                filter -> ec2.describeSubnetsPaginator(r -> r.filters(filter)).subnets().stream()
                        .map(SdkEc2Reader::subnet));
    }

    @Override
    public List<Ec2.Vpc> describeVpcs(Collection<String> vpcIds) {
        return filtered("EC2.DescribeVpcs", "vpc-id", vpcIds,
                filter -> ec2.describeVpcsPaginator(r -> r.filters(filter)).vpcs().stream().map(SdkEc2Reader::vpc));
    }

    @Override
    public List<Ec2.RouteTable> describeRouteTables(Collection<String> vpcIds) {
        return filtered("EC2.DescribeRouteTables", "vpc-id", vpcIds,
                filter -> ec2.describeRouteTablesPaginator(r -> r.filters(filter)).routeTables().stream()
                        .map(SdkEc2Reader::routeTable));
    }

    @Override
    public List<Ec2.NatGateway> describeNatGateways(Collection<String> vpcIds) {
        return filtered("EC2.DescribeNatGateways", "vpc-id", vpcIds,
                filter -> ec2.describeNatGatewaysPaginator(r -> r.filter(filter)).natGateways().stream()
                        .map(SdkEc2Reader::natGateway));
    }

    @Override
    public List<Ec2.InternetGateway> describeInternetGateways(Collection<String> vpcIds) {
        Set<String> wanted = Set.copyOf(vpcIds);
        return filtered("EC2.DescribeInternetGateways", "attachment.vpc-id", vpcIds,
                filter -> ec2.describeInternetGatewaysPaginator(r -> r.filters(filter)).internetGateways().stream()
                        .flatMap(gateway -> internetGateways(gateway, wanted)));
    }

    @Override
    public List<Ec2.VpcEndpoint> describeVpcEndpoints(Collection<String> vpcIds) {
        return filtered("EC2.DescribeVpcEndpoints", "vpc-id", vpcIds,
                filter -> ec2.describeVpcEndpointsPaginator(r -> r.filters(filter)).vpcEndpoints().stream()
                        .map(SdkEc2Reader::vpcEndpoint));
    }

    @Override
    public List<Ec2.SecurityGroup> describeSecurityGroups(Collection<String> vpcIds) {
        return filtered("EC2.DescribeSecurityGroups", "vpc-id", vpcIds,
                filter -> ec2.describeSecurityGroupsPaginator(r -> r.filters(filter)).securityGroups().stream()
                        .map(SdkEc2Reader::securityGroup));
    }

    @Override
    public List<Ec2.NetworkAcl> describeNetworkAcls(Collection<String> vpcIds) {
        return filtered("EC2.DescribeNetworkAcls", "vpc-id", vpcIds,
                filter -> ec2.describeNetworkAclsPaginator(r -> r.filters(filter)).networkAcls().stream()
                        .map(SdkEc2Reader::networkAcl));
    }

    @Override
    public boolean describeVpcAttribute(String vpcId, String attribute) {
        var name = VpcAttributeName.fromValue(attribute);
        if (name != VpcAttributeName.ENABLE_DNS_SUPPORT && name != VpcAttributeName.ENABLE_DNS_HOSTNAMES) {
            throw new IllegalArgumentException("unsupported VPC attribute " + attribute);
        }
        var response = call("EC2.DescribeVpcAttribute",
                () -> ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(name)));
        var value = name == VpcAttributeName.ENABLE_DNS_SUPPORT ? response.enableDnsSupport()
                : response.enableDnsHostnames();
        return value != null && Boolean.TRUE.equals(value.value());
    }

    /**
     * Runs {@code describe} once per {@value Ec2Reader#MAX_FILTER_VALUES} distinct values of filter {@code name}.
     * No values means no call: an empty filter would match everything.
     */
    private static <T> List<T> filtered(String operation, String name, Collection<String> values,
                                        Function<Filter, Stream<T>> describe) {
        List<String> distinct = values.stream().distinct().toList();
        return call(operation, () -> {
            List<T> found = new ArrayList<>();
            for (int from = 0; from < distinct.size(); from += MAX_FILTER_VALUES) {
                var chunk = distinct.subList(from, Math.min(from + MAX_FILTER_VALUES, distinct.size()));
                describe.apply(Filter.builder().name(name).values(chunk).build()).forEach(found::add);
            }
            return found;
        });
    }

    private static Ec2.NetworkInterface networkInterface(NetworkInterface n) {
        String publicIp = n.association() == null ? null : n.association().publicIp();
        return new Ec2.NetworkInterface(n.networkInterfaceId(), n.subnetId(), n.vpcId(),
                n.groups().stream().map(GroupIdentifier::groupId).toList(), publicIp, n.privateIpAddress());
    }

    private static Ec2.Instance instance(Instance i) {
        return new Ec2.Instance(i.instanceId(), i.subnetId(), i.vpcId(),
                i.securityGroups().stream().map(GroupIdentifier::groupId).toList(), i.publicIpAddress(),
                i.privateIpAddress());
    }

    private static Ec2.Subnet subnet(Subnet s) {
        return new Ec2.Subnet(s.subnetId(), s.vpcId(), s.availabilityZone(), s.ownerId(), s.cidrBlock(),
                Boolean.TRUE.equals(s.ipv6Native()));
    }

    private static Ec2.Vpc vpc(Vpc v) {
        return new Ec2.Vpc(v.vpcId(), v.ownerId(), v.cidrBlock(), null, null);
    }

    private static Ec2.RouteTable routeTable(RouteTable t) {
        boolean main = t.associations().stream().anyMatch(a -> Boolean.TRUE.equals(a.main()));
        List<String> subnetIds = t.associations().stream().map(RouteTableAssociation::subnetId)
                .filter(Objects::nonNull).toList();
        return new Ec2.RouteTable(t.routeTableId(), t.vpcId(), main, subnetIds,
                t.routes().stream().map(SdkEc2Reader::route).toList());
    }

    private static Ec2.Route route(Route r) {
        String target = Stream.of(r.gatewayId(), r.natGatewayId(), r.transitGatewayId(), r.vpcPeeringConnectionId(),
                        r.networkInterfaceId(), r.instanceId(), r.localGatewayId(), r.carrierGatewayId(),
                        r.egressOnlyInternetGatewayId(), r.coreNetworkArn())
                .filter(Objects::nonNull).findFirst().orElse(null);
        return new Ec2.Route(r.destinationCidrBlock(), r.destinationPrefixListId(), target, r.stateAsString());
    }

    private static Ec2.NatGateway natGateway(NatGateway n) {
        return new Ec2.NatGateway(n.natGatewayId(), n.vpcId(), n.subnetId(), n.stateAsString(),
                n.connectivityTypeAsString());
    }

    private static Stream<Ec2.InternetGateway> internetGateways(InternetGateway gateway, Set<String> vpcIds) {
        return gateway.attachments().stream()
                .filter(a -> vpcIds.contains(a.vpcId()))
                .map(a -> new Ec2.InternetGateway(gateway.internetGatewayId(), a.vpcId(), a.stateAsString()));
    }

    static Ec2.VpcEndpoint vpcEndpoint(VpcEndpoint e) {
        return new Ec2.VpcEndpoint(e.vpcEndpointId(), e.vpcId(), e.serviceName(), e.vpcEndpointTypeAsString(),
                e.stateAsString(), Boolean.TRUE.equals(e.privateDnsEnabled()),
                e.groups().stream().map(SecurityGroupIdentifier::groupId).toList(), e.subnetIds());
    }

    private static Ec2.NetworkAcl networkAcl(NetworkAcl acl) {
        return new Ec2.NetworkAcl(acl.networkAclId(), acl.vpcId(), Boolean.TRUE.equals(acl.isDefault()),
                acl.associations().stream().map(NetworkAclAssociation::subnetId).filter(Objects::nonNull).toList(),
                acl.entries().stream().map(SdkEc2Reader::networkAclEntry).toList());
    }

    private static Ec2.NetworkAclEntry networkAclEntry(NetworkAclEntry e) {
        PortRange ports = e.portRange();
        return new Ec2.NetworkAclEntry(e.ruleNumber(), Boolean.TRUE.equals(e.egress()), e.protocol(),
                e.ruleActionAsString(), e.cidrBlock(), e.ipv6CidrBlock(), ports == null ? null : ports.from(),
                ports == null ? null : ports.to());
    }

    private static Ec2.SecurityGroup securityGroup(SecurityGroup g) {
        return new Ec2.SecurityGroup(g.groupId(), g.vpcId(), rules(g.ipPermissions()), rules(g.ipPermissionsEgress()));
    }

    private static List<Ec2.SecurityGroupRule> rules(List<IpPermission> permissions) {
        return permissions.stream().map(p -> {
            boolean allProtocols = "-1".equals(p.ipProtocol());
            return new Ec2.SecurityGroupRule(p.ipProtocol(), allProtocols ? null : p.fromPort(),
                    allProtocols ? null : p.toPort(), p.ipRanges().stream().map(IpRange::cidrIp).toList(),
                    p.userIdGroupPairs().stream().map(UserIdGroupPair::groupId).toList(),
                    p.prefixListIds().stream().map(PrefixListId::prefixListId).toList());
        }).toList();
    }
}
