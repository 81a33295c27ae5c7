package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.network.NetworkAcls.Peer;
import io.github.ecsexecreadiness.check.network.Placements.Placement;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.collect.Unreadable;
import io.github.ecsexecreadiness.model.Ec2;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the network ACLs on the way let a placement's TCP 443 connections to a {@link Destination} through, in
 * both directions. The way is the one {@link SsmmessagesPath} finds: to an interface endpoint with private DNS,
 * the task subnet's ACL and each endpoint subnet's ACL (traffic inside one subnet meets no ACL); otherwise the
 * task subnet's ACL toward the destination's public addresses, which are not known, so only a rule covering every
 * public address decides.
 */
final class NetworkAclPath extends DestinationPaths.Path {
    NetworkAclPath(ServiceFacts facts, Destination destination) {
        super(facts, destination);
    }

    @Override
    String ownersPart() {
        return "its network ACLs";
    }

    @Override
    Verdict decide(Placement placement, Ec2.Subnet subnet) {
        if (subnet.ipv6Native()) {
            return Verdict.unknown("subnet %s is IPv6-only: its ACL's IPv6 rules are not analysed", subnet.id());
        }
        var vpc = vpcOf(subnet);
        List<Ec2.NetworkAcl> acls = network.networkAcls().find(vpc.vpc().id()).orElse(List.of());
        var taskAcl = NetworkAcls.forSubnet(acls, subnet.id()).orElse(null);
        if (taskAcl == null) {
            return Verdict.unknown("no network ACL of %s serves subnet %s", vpc.vpc().id(), subnet.id());
        }
        var endpoint = SsmmessagesPath.privateDnsEndpoint(destination, vpc).orElse(null);
        if (endpoint == null) {
            Peer outside = Peer.publicAddresses("the public addresses of " + destination.name());
            return all(List.of(
                    NetworkAcls.tcp(taskAcl, subnet.id(), true, NetworkAcls.HTTPS, outside),
                    NetworkAcls.tcp(taskAcl, subnet.id(), false, NetworkAcls.EPHEMERAL, outside)));
        }
        if (endpoint.subnetIds().isEmpty()) {
            return Verdict.unknown("the %s endpoint %s names no subnet", destination.name(), endpoint.id());
        }
        List<Verdict> perEndpointSubnet = new ArrayList<>();
        for (String endpointSubnetId : endpoint.subnetIds().stream().sorted().toList()) {
            if (endpointSubnetId.equals(subnet.id())) {
                continue;
            }
            var endpointSubnet = network.subnets().find(endpointSubnetId)
                    .orElseThrow(() -> new Unreadable("endpoint subnet " + endpointSubnetId + " not found"));
            var endpointAcl = NetworkAcls.forSubnet(acls, endpointSubnetId).orElse(null);
            if (endpointAcl == null) {
                return Verdict.unknown("no network ACL of %s serves endpoint subnet %s", vpc.vpc().id(),
                        endpointSubnetId);
            }
            Peer toEndpoint = Peer.block(Ipv4Cidr.parse(endpointSubnet.cidrBlock()), "%s (%s of endpoint %s)"
                    .formatted(endpointSubnet.cidrBlock(), endpointSubnetId, endpoint.id()));
            List<Verdict> legs = new ArrayList<>(List.of(
                    NetworkAcls.tcp(taskAcl, subnet.id(), true, NetworkAcls.HTTPS, toEndpoint),
                    NetworkAcls.tcp(taskAcl, subnet.id(), false, NetworkAcls.EPHEMERAL, toEndpoint)));
            for (Ipv4Cidr source : placement.sources(subnet)) {
                Peer tasks = Peer.block(source, source + " (tasks in " + subnet.id() + ")");
                legs.add(NetworkAcls.tcp(endpointAcl, endpointSubnetId, false, NetworkAcls.HTTPS, tasks));
                legs.add(NetworkAcls.tcp(endpointAcl, endpointSubnetId, true, NetworkAcls.EPHEMERAL, tasks));
            }
            perEndpointSubnet.add(all(legs));
        }
        if (perEndpointSubnet.isEmpty()) {
            return Verdict.pass("subnet %s holds the %s endpoint %s itself: no network ACL on the way", subnet.id(),
                    destination.name(), endpoint.id());
        }
        return anyEndpointSubnet(perEndpointSubnet);
    }

    /**
     * The endpoint's DNS name answers with an address in each of its subnets. Blocked in all: FAIL. Blocked in
     * some only: whether the agent's dialer moves on to another address in time is not known.
     */
    private static Verdict anyEndpointSubnet(List<Verdict> perSubnet) {
        var failed = perSubnet.stream().filter(v -> v.status() == Status.FAIL).toList();
        if (!failed.isEmpty() && failed.size() < perSubnet.size()) {
            return Verdict.unknown("%s; the endpoint's other subnets let it through, but whether the agent moves on "
                    + "to their addresses is not known", failed.getFirst().detail());
        }
        return all(perSubnet);
    }

    /** The first leg that fails, else the first undecided one, else all of them passing. */
    private static Verdict all(List<Verdict> legs) {
        for (Status status : List.of(Status.FAIL, Status.UNKNOWN)) {
            for (Verdict leg : legs) {
                if (leg.status() == status) {
                    return leg;
                }
            }
        }
        return Verdict.pass("%s", String.join("; ", legs.stream().map(Verdict::detail).toList()));
    }
}
