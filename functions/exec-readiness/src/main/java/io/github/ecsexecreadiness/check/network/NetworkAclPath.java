package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.network.NetworkAcls.Peer;
import io.github.ecsexecreadiness.check.network.Placements.Placement;
import io.github.ecsexecreadiness.collect.NetworkSnapshot.VpcNetwork;
import io.github.ecsexecreadiness.collect.Unreadable;
import io.github.ecsexecreadiness.model.Ec2;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the network ACLs on the way let a placement's TCP 443 connections to a {@link Destination} through, in
 * both directions. The way is the one {@link SsmmessagesPath} finds: to an interface endpoint with private DNS,
 * the task subnet's ACL and each endpoint subnet's ACL (traffic inside one subnet meets no ACL); otherwise the
 * task subnet's ACL, and the NAT gateway's subnet's when the default route leads to one, toward the destination's
 * public addresses, which are not known, so only a rule covering every public address decides.
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
        var elsewhere = resolvedElsewhere(vpc);
        if (elsewhere.isPresent()) {
            // A hub's endpoint or another resolver's answer: any address, private ones included.
            Peer somewhere = Peer.block(Ipv4Cidr.ANYWHERE, "the addresses of %s (%s)".formatted(destination.name(),
                    elsewhere.get()));
            return all(List.of(
                    NetworkAcls.tcp(taskAcl, subnet.id(), true, NetworkAcls.HTTPS, somewhere),
                    NetworkAcls.tcp(taskAcl, subnet.id(), false, NetworkAcls.EPHEMERAL, somewhere)));
        }
        var endpoint = SsmmessagesPath.privateDnsEndpoint(destination, vpc).orElse(null);
        if (endpoint == null) {
            Peer outside = Peer.publicAddresses("the public addresses of " + destination.name());
            List<Verdict> legs = new ArrayList<>(List.of(
                    NetworkAcls.tcp(taskAcl, subnet.id(), true, NetworkAcls.HTTPS, outside),
                    NetworkAcls.tcp(taskAcl, subnet.id(), false, NetworkAcls.EPHEMERAL, outside)));
            var natSubnetId = natSubnet(vpc, subnet).orElse(null);
            if (natSubnetId != null && !natSubnetId.equals(subnet.id())) {
                var natAcl = NetworkAcls.forSubnet(acls, natSubnetId).orElse(null);
                if (natAcl == null) {
                    return Verdict.unknown("no network ACL of %s serves NAT subnet %s", vpc.vpc().id(), natSubnetId);
                }
                legs.addAll(fromTasks(natAcl, natSubnetId, placement, subnet));
                // The NAT gateway opens its own connection from its ports 1024-65535.
                legs.add(NetworkAcls.tcp(natAcl, natSubnetId, true, NetworkAcls.HTTPS, outside));
                legs.add(NetworkAcls.tcp(natAcl, natSubnetId, false, NetworkAcls.EPHEMERAL, outside));
            }
            return all(legs);
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
            legs.addAll(fromTasks(endpointAcl, endpointSubnetId, placement, subnet));
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

    /**
     * Where the destination's name resolves when not through this VPC's endpoints or the public DNS: a private
     * hosted zone, a forwarding rule, or a resolution that could not be read. Then the addresses are not known.
     */
    private Optional<String> resolvedElsewhere(VpcNetwork vpc) {
        try {
            return network.nameResolution().find(vpc.vpc().id())
                    .orElseThrow(() -> new Unreadable("name resolution in " + vpc.vpc().id() + " was not read"))
                    .resolvedElsewhere(destination.host());
        } catch (Unreadable e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The ACL of a subnet the tasks' connections enter (endpoint, NAT gateway): 443 in from them, replies back. */
    private static List<Verdict> fromTasks(Ec2.NetworkAcl acl, String subnetId, Placement placement,
                                           Ec2.Subnet taskSubnet) {
        List<Verdict> legs = new ArrayList<>();
        for (Ipv4Cidr source : placement.sources(taskSubnet)) {
            Peer tasks = Peer.block(source, source + " (tasks in " + taskSubnet.id() + ")");
            legs.add(NetworkAcls.tcp(acl, subnetId, false, NetworkAcls.HTTPS, tasks));
            legs.add(NetworkAcls.tcp(acl, subnetId, true, NetworkAcls.EPHEMERAL, tasks));
        }
        return legs;
    }

    /**
     * The subnet of the NAT gateway the task subnet's default route leads to, unless the destination's gateway
     * endpoint (S3) carries the traffic instead. Where the route leads elsewhere, {@code network.ssmmessages} says.
     */
    private Optional<String> natSubnet(VpcNetwork vpc, Ec2.Subnet subnet) {
        var table = RouteTables.forSubnet(vpc, subnet.id()).orElse(null);
        if (table == null) {
            return Optional.empty();
        }
        boolean throughGatewayEndpoint = destination.gateway() && vpc.endpoints().stream()
                .filter(e -> destination.endpointService().equals(e.serviceName())
                        && "Gateway".equals(e.vpcEndpointType()))
                .anyMatch(e -> table.routes().stream().anyMatch(r -> e.id().equals(r.target())));
        if (throughGatewayEndpoint) {
            return Optional.empty();
        }
        return RouteTables.defaultRoute(table).map(Ec2.Route::target).filter(target -> target.startsWith("nat-"))
                .flatMap(natId -> vpc.natGateways().stream().filter(nat -> natId.equals(nat.id())).findFirst())
                .map(Ec2.NatGateway::subnetId);
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
