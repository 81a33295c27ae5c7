package io.github.ecsexecreadiness.collect;

import io.github.ecsexecreadiness.model.Dns;
import io.github.ecsexecreadiness.model.Ec2;
import java.util.List;
import java.util.Map;

/**
 * The network side of the snapshot: task ENIs, container-instance hosts, subnets, whole VPCs and, by VPC id,
 * what resolves names there besides the public DNS (private hosted zones, Resolver rules) and the VPC's network
 * ACLs (read apart from the rest of the VPC, so that ACLs AWS refuses to describe leave the routes readable).
 */
public record NetworkSnapshot(Readings<String, Ec2.NetworkInterface> networkInterfaces,
                              Readings<String, Ec2.Instance> instances,
                              Readings<String, Ec2.Subnet> subnets,
                              Readings<String, VpcNetwork> vpcs,
                              Readings<String, Dns.VpcResolution> nameResolution,
                              Readings<String, List<Ec2.NetworkAcl>> networkAcls) {

    /** This network with VPC {@code vpcId} as {@code vpc} (what a fix would leave). */
    public NetworkSnapshot withVpc(String vpcId, VpcNetwork vpc) {
        return new NetworkSnapshot(networkInterfaces, instances, subnets, vpcs.with(vpcId, vpc), nameResolution,
                networkAcls);
    }

    /**
     * One VPC and what decides egress from it. {@code securityGroups} is keyed by group id.
     * The VPC's DNS attributes are only read when an interface endpoint with private DNS needs them.
     */
    public record VpcNetwork(Ec2.Vpc vpc, List<Ec2.RouteTable> routeTables, List<Ec2.NatGateway> natGateways,
                             List<Ec2.InternetGateway> internetGateways, List<Ec2.VpcEndpoint> endpoints,
                             Map<String, Ec2.SecurityGroup> securityGroups) {
        public VpcNetwork {
            routeTables = List.copyOf(routeTables);
            natGateways = List.copyOf(natGateways);
            internetGateways = List.copyOf(internetGateways);
            endpoints = List.copyOf(endpoints);
            securityGroups = Map.copyOf(securityGroups);
        }
    }
}
