package io.github.ecsexecreadiness.model;

import java.util.List;

/** What the snapshot keeps of the VPC network, named as in the EC2 API. */
public final class Ec2 {
    private Ec2() {}

    /** A task ENI (awsvpc) or the primary ENI of an EC2 instance; {@code publicIp} null when none. */
    public record NetworkInterface(String id, String subnetId, String vpcId, List<String> securityGroupIds,
                                   String publicIp, String privateIp) {
        public NetworkInterface {
            securityGroupIds = List.copyOf(securityGroupIds);
        }
    }

    /** An EC2 instance behind a container instance (bridge and host network modes use its network). */
    public record Instance(String id, String subnetId, String vpcId, List<String> securityGroupIds,
                           String publicIp, String privateIp) {
        public Instance {
            securityGroupIds = List.copyOf(securityGroupIds);
        }
    }

    public record Subnet(String id, String vpcId, String availabilityZone, String ownerId, String cidrBlock,
                         boolean ipv6Native) {}

    /**
     * A VPC. The DNS attributes come from DescribeVpcAttribute and are null when they were not read
     * (they are only needed where an interface endpoint with private DNS exists).
     */
    public record Vpc(String id, String ownerId, String cidrBlock, Boolean enableDnsSupport,
                      Boolean enableDnsHostnames) {}

    /** {@code main} is true for the VPC's main route table, which serves subnets with no explicit association. */
    public record RouteTable(String id, String vpcId, boolean main, List<String> subnetIds, List<Route> routes) {
        public RouteTable {
            subnetIds = List.copyOf(subnetIds);
            routes = List.copyOf(routes);
        }
    }

    /**
     * One route. {@code target} is the id of whatever the route points at (igw-, nat-, tgw-, pcx-, eni-, i-,
     * vpce-, vgw-, lgw-, local...), {@code state} active or blackhole.
     */
    public record Route(String destinationCidrBlock, String destinationPrefixListId, String target, String state) {}

    /** {@code state} available/pending/failed/deleting/deleted; {@code connectivityType} public or private. */
    public record NatGateway(String id, String vpcId, String subnetId, String state, String connectivityType) {}

    /** {@code attachmentState} is the state of its attachment to {@code vpcId} (available when attached). */
    public record InternetGateway(String id, String vpcId, String attachmentState) {}

    public record VpcEndpoint(String id, String vpcId, String serviceName, String vpcEndpointType, String state,
                              boolean privateDnsEnabled, List<String> securityGroupIds, List<String> subnetIds) {
        public VpcEndpoint {
            securityGroupIds = List.copyOf(securityGroupIds);
            subnetIds = List.copyOf(subnetIds);
        }
    }

    /**
     * A network ACL. {@code isDefault} marks the VPC's default ACL, which serves every subnet with no explicit
     * association; {@code subnetIds} are the subnets associated with it.
     */
    public record NetworkAcl(String id, String vpcId, boolean isDefault, List<String> subnetIds,
                             List<NetworkAclEntry> entries) {
        public NetworkAcl {
            subnetIds = List.copyOf(subnetIds);
            entries = List.copyOf(entries);
        }
    }

    /**
     * One ACL rule, evaluated in {@code ruleNumber} order (32767 is the final {@code *} deny). {@code protocol} is
     * the protocol number (6 tcp, 17 udp...) or -1 for all, {@code ruleAction} allow or deny; exactly one of
     * {@code cidrBlock} and {@code ipv6CidrBlock} is set; ports are null when the rule covers every port.
     */
    public record NetworkAclEntry(int ruleNumber, boolean egress, String protocol, String ruleAction,
                                  String cidrBlock, String ipv6CidrBlock, Integer fromPort, Integer toPort) {}

    public record SecurityGroup(String id, String vpcId, List<SecurityGroupRule> ingress,
                                List<SecurityGroupRule> egress) {
        public SecurityGroup {
            ingress = List.copyOf(ingress);
            egress = List.copyOf(egress);
        }
    }

    /**
     * One IP permission. {@code ipProtocol} is tcp, udp, icmp... or -1 for all (then ports are null);
     * peers are IPv4 CIDRs, referenced security group ids and prefix list ids.
     */
    public record SecurityGroupRule(String ipProtocol, Integer fromPort, Integer toPort, List<String> cidrBlocks,
                                    List<String> securityGroupIds, List<String> prefixListIds) {
        public SecurityGroupRule {
            cidrBlocks = List.copyOf(cidrBlocks);
            securityGroupIds = List.copyOf(securityGroupIds);
            prefixListIds = List.copyOf(prefixListIds);
        }
    }
}
