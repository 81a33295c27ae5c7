package io.github.ecsexecreadiness.collect;

import io.github.ecsexecreadiness.model.Ec2;
import java.util.Collection;
import java.util.List;

/**
 * Read-only EC2 operations for the network path. Methods taking VPC ids filter on {@code vpc-id} (or
 * {@code attachment.vpc-id}) with several values at once, following every page, so one call serves many
 * VPCs. Ids that do not exist are left out of the answer. Implementations throw {@link AwsApiException}
 * on an AWS error.
 */
public interface Ec2Reader {
    /** Filter values per request accepted by EC2; callers chunk id lists to this size. */
    int MAX_FILTER_VALUES = 200;

    List<Ec2.NetworkInterface> describeNetworkInterfaces(Collection<String> networkInterfaceIds);

    List<Ec2.Instance> describeInstances(Collection<String> instanceIds);

    List<Ec2.Subnet> describeSubnets(Collection<String> subnetIds);

    List<Ec2.Vpc> describeVpcs(Collection<String> vpcIds);

    List<Ec2.RouteTable> describeRouteTables(Collection<String> vpcIds);

    List<Ec2.NatGateway> describeNatGateways(Collection<String> vpcIds);

    List<Ec2.InternetGateway> describeInternetGateways(Collection<String> vpcIds);

    List<Ec2.VpcEndpoint> describeVpcEndpoints(Collection<String> vpcIds);

    List<Ec2.SecurityGroup> describeSecurityGroups(Collection<String> vpcIds);

    /** DescribeVpcAttribute for {@code enableDnsSupport} or {@code enableDnsHostnames}. */
    boolean describeVpcAttribute(String vpcId, String attribute);
}
