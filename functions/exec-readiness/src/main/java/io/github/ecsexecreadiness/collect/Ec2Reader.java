package io.github.ecsexecreadiness.collect;

import static io.github.ecsexecreadiness.iam.PolicyStatement.EC2_NETWORK;

import io.github.ecsexecreadiness.iam.CallsAws;
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

    @CallsAws(operation = "EC2.DescribeNetworkInterfaces", statements = EC2_NETWORK)
    List<Ec2.NetworkInterface> describeNetworkInterfaces(Collection<String> networkInterfaceIds);

    @CallsAws(operation = "EC2.DescribeInstances", statements = EC2_NETWORK)
    List<Ec2.Instance> describeInstances(Collection<String> instanceIds);

    @CallsAws(operation = "EC2.DescribeSubnets", statements = EC2_NETWORK)
    List<Ec2.Subnet> describeSubnets(Collection<String> subnetIds);

    @CallsAws(operation = "EC2.DescribeVpcs", statements = EC2_NETWORK)
    List<Ec2.Vpc> describeVpcs(Collection<String> vpcIds);

    @CallsAws(operation = "EC2.DescribeRouteTables", statements = EC2_NETWORK)
    List<Ec2.RouteTable> describeRouteTables(Collection<String> vpcIds);

    @CallsAws(operation = "EC2.DescribeNatGateways", statements = EC2_NETWORK)
    List<Ec2.NatGateway> describeNatGateways(Collection<String> vpcIds);

    @CallsAws(operation = "EC2.DescribeInternetGateways", statements = EC2_NETWORK)
    List<Ec2.InternetGateway> describeInternetGateways(Collection<String> vpcIds);

    @CallsAws(operation = "EC2.DescribeVpcEndpoints", statements = EC2_NETWORK)
    List<Ec2.VpcEndpoint> describeVpcEndpoints(Collection<String> vpcIds);

    @CallsAws(operation = "EC2.DescribeSecurityGroups", statements = EC2_NETWORK)
    List<Ec2.SecurityGroup> describeSecurityGroups(Collection<String> vpcIds);

    @CallsAws(operation = "EC2.DescribeNetworkAcls", statements = EC2_NETWORK)
    List<Ec2.NetworkAcl> describeNetworkAcls(Collection<String> vpcIds);

    /** DescribeVpcAttribute for {@code enableDnsSupport} or {@code enableDnsHostnames}. */
    @CallsAws(operation = "EC2.DescribeVpcAttribute", statements = EC2_NETWORK)
    boolean describeVpcAttribute(String vpcId, String attribute);
}
