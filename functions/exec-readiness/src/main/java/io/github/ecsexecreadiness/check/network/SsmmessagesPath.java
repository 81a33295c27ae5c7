package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.network.Placements.Placement;
import io.github.ecsexecreadiness.check.network.SecurityGroupRules.Peer;
import io.github.ecsexecreadiness.collect.NetworkSnapshot.VpcNetwork;
import io.github.ecsexecreadiness.collect.Unreadable;
import io.github.ecsexecreadiness.model.Ec2;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether tasks at one placement can open TCP 443 to a {@link Destination} such as
 * {@code ssmmessages.<region>.amazonaws.com}: through an interface endpoint with private DNS when the VPC has one
 * (its DNS answer then wins for every client), through a gateway endpoint where the destination has one (S3),
 * otherwise through the subnet's default route to a public NAT gateway or an internet gateway.
 */
final class SsmmessagesPath extends DestinationPaths.Path {
    static final int HTTPS = 443;

    SsmmessagesPath(ServiceFacts facts, Destination destination) {
        super(facts, destination);
    }

    @Override
    String ownersPart() {
        return "its routes and endpoints";
    }

    @Override
    Verdict decide(Placement placement, Ec2.Subnet subnet) {
        if (subnet.ipv6Native()) {
            return Ipv6Only.evaluate(facts, placement, subnet, destination);
        }
        var vpc = vpcOf(subnet);
        // A hub's endpoint reached over a transit gateway or peering: neither this VPC's endpoints nor its
        // default route carry the traffic, and the far side is not in the snapshot.
        var elsewhere = network.nameResolution().find(vpc.vpc().id())
                .orElseThrow(() -> new Unreadable("name resolution in " + vpc.vpc().id() + " was not read"))
                .resolvedElsewhere(destination.host());
        if (elsewhere.isPresent()) {
            return Verdict.unknown("subnet %s: %s in %s; that path cannot be verified from this VPC", subnet.id(),
                    elsewhere.get(), vpc.vpc().id());
        }
        if (placement.securityGroupIds().isEmpty()) {
            return Verdict.unknown("subnet %s: no security groups configured, so tasks get the default group of %s",
                    subnet.id(), subnet.vpcId());
        }
        var unknownGroup = unknownGroup(vpc, placement.securityGroupIds());
        if (unknownGroup.isPresent()) {
            return Verdict.unknown("subnet %s: security group %s not found in %s", subnet.id(), unknownGroup.get(),
                    subnet.vpcId());
        }
        var taskGroups = new TaskGroups(placement, subnet, groups(vpc, placement.securityGroupIds()));
        var endpoint = privateDnsEndpoint(destination, vpc);
        if (endpoint.isPresent()) {
            return throughEndpoint(vpc, taskGroups, endpoint.get());
        }
        return throughGatewayEndpoint(vpc, taskGroups).orElseGet(() -> throughInternet(vpc, taskGroups));
    }

    /**
     * The interface endpoint whose private DNS answers for the destination's name, if any: an available one, else
     * one being deleted (it keeps the name until it is gone) or created. Failed, rejected and expired endpoints
     * hold no name.
     */
    static Optional<Ec2.VpcEndpoint> privateDnsEndpoint(Destination destination, VpcNetwork vpc) {
        return vpc.endpoints().stream()
                .filter(e -> destination.endpointService().equals(e.serviceName())
                        && "Interface".equals(e.vpcEndpointType()) && e.privateDnsEnabled())
                .filter(e -> e.state() == null || List.of("available", "deleting", "pending", "pendingacceptance")
                        .contains(e.state().toLowerCase(Locale.ROOT)))
                .min(Comparator.comparing(e -> !"available".equals(e.state())));
    }

    private Verdict throughEndpoint(VpcNetwork vpc, TaskGroups task, Ec2.VpcEndpoint endpoint) {
        String at = "subnet %s -> %s".formatted(task.subnet().id(), endpoint.id());
        if (endpoint.state() == null) {
            return Verdict.unknown("%s: the %s endpoint's state is absent from the answer", at, destination.name());
        }
        if ("deleting".equalsIgnoreCase(endpoint.state())) {
            return Verdict.fail("%s: the %s endpoint is being deleted; its private DNS name still answers but its "
                    + "network interfaces are going", at, destination.name());
        }
        if (!"available".equals(endpoint.state())) {
            return Verdict.unknown("%s: the %s endpoint is %s, not available yet", at, destination.name(),
                    endpoint.state());
        }
        var dns = vpc.vpc();
        if (dns.enableDnsSupport() == null || dns.enableDnsHostnames() == null) {
            return Verdict.unknown("%s: DNS attributes of %s were not read", at, dns.id());
        }
        if (!dns.enableDnsSupport() || !dns.enableDnsHostnames()) {
            return Verdict.fail("%s: %s has enableDnsSupport=%s and enableDnsHostnames=%s; the endpoint's private DNS "
                    + "needs both true", at, dns.id(), dns.enableDnsSupport(), dns.enableDnsHostnames());
        }
        var unknownGroup = unknownGroup(vpc, endpoint.securityGroupIds());
        if (unknownGroup.isPresent()) {
            return Verdict.unknown("%s: endpoint security group %s not found", at, unknownGroup.get());
        }
        var endpointIngress = groups(vpc, endpoint.securityGroupIds()).stream()
                .flatMap(group -> group.ingress().stream()).toList();
        for (Ipv4Cidr source : task.sources()) {
            if (!SecurityGroupRules.allowTcp(endpointIngress, HTTPS, new Peer(task.ids(), source))) {
                return blocked(endpointIngress, "%s: endpoint security groups %s admit no TCP 443 from %s or %s", at,
                        join(endpoint.securityGroupIds()), join(task.ids()), source);
            }
        }
        // The endpoint's addresses are in its subnets, which may be in a secondary CIDR block of the VPC.
        for (String endpointSubnet : endpointSubnetCidrs(endpoint, dns)) {
            var toEndpoint = new Peer(endpoint.securityGroupIds(), Ipv4Cidr.parse(endpointSubnet));
            if (!SecurityGroupRules.allowTcp(task.egress(), HTTPS, toEndpoint)) {
                return blocked(task.egress(), "%s: task security groups %s allow no TCP 443 egress to the endpoint "
                        + "(%s or %s)", at, join(task.ids()), join(endpoint.securityGroupIds()), endpointSubnet);
            }
        }
        return Verdict.pass("%s: reaches %s through interface endpoint %s", at, destination.name(), endpoint.id())
                .through(endpoint.id(), dns.id(), "through interface endpoint " + endpoint.id());
    }

    /** The CIDR blocks of the endpoint's subnets; the VPC's primary block when it names none. */
    private List<String> endpointSubnetCidrs(Ec2.VpcEndpoint endpoint, Ec2.Vpc vpc) {
        if (endpoint.subnetIds().isEmpty()) {
            return List.of(vpc.cidrBlock());
        }
        return endpoint.subnetIds().stream().sorted().map(id -> network.subnets().find(id)
                .orElseThrow(() -> new Unreadable("endpoint subnet " + id + " not found")).cidrBlock()).toList();
    }

    /** S3's gateway endpoint: a route to it in the subnet's table carries the traffic, no DNS change involved. */
    private Optional<Verdict> throughGatewayEndpoint(VpcNetwork vpc, TaskGroups task) {
        if (!destination.gateway()) {
            return Optional.empty();
        }
        var table = RouteTables.forSubnet(vpc, task.subnet().id()).orElse(null);
        if (table == null) {
            return Optional.empty();
        }
        return vpc.endpoints().stream()
                .filter(e -> destination.endpointService().equals(e.serviceName()) && "Gateway".equals(e.vpcEndpointType())
                        && "available".equals(e.state()))
                .flatMap(e -> table.routes().stream().filter(r -> e.id().equals(r.target()) && "active".equals(r.state())))
                .findFirst().map(route -> {
                    String at = "subnet %s -> %s -> %s".formatted(task.subnet().id(), table.id(), route.target());
                    boolean open = SecurityGroupRules.allowTcp(task.egress(), HTTPS, new Peer(List.of(),
                            Ipv4Cidr.ANYWHERE)) || SecurityGroupRules.prefixListsForTcp(task.egress(), HTTPS)
                            .contains(route.destinationPrefixListId());
                    return open ? Verdict.pass("%s: reaches %s through gateway endpoint %s", at, destination.name(),
                            route.target()).through(route.target(), vpc.vpc().id(), "through gateway endpoint "
                                    + route.target())
                            : Verdict.fail("%s: task security groups %s allow no TCP 443 egress to %s", at,
                                    join(task.ids()), route.destinationPrefixListId());
                });
    }

    private Verdict throughInternet(VpcNetwork vpc, TaskGroups task) {
        String subnetId = task.subnet().id();
        var table = RouteTables.forSubnet(vpc, subnetId).orElse(null);
        if (table == null) {
            return Verdict.unknown("subnet %s: no route table found", subnetId);
        }
        var route = RouteTables.defaultRoute(table).orElse(null);
        if (route == null) {
            return Verdict.fail("subnet %s -> %s: no route to %s: no 0.0.0.0/0 route and no %s %s endpoint", subnetId,
                    table.id(), destination.name(), destination.name(), destination.gateway() ? "gateway or interface"
                            : "interface");
        }
        String at = "subnet %s -> %s -> %s".formatted(subnetId, table.id(), route.target());
        Verdict routed = blackhole(route, at).orElseGet(() -> follow(vpc, route.target(), at, task.placement()));
        if (routed.status() != Status.PASS) {
            return routed;
        }
        var internet = new Peer(List.of(), Ipv4Cidr.ANYWHERE);
        if (!SecurityGroupRules.allowTcp(task.egress(), HTTPS, internet)) {
            return blocked(task.egress(), "%s: task security groups %s allow no TCP 443 egress to 0.0.0.0/0", at,
                    join(task.ids()));
        }
        return routed;
    }

    /** The first hop of the default route: an internet gateway, a NAT gateway, or something not followed. */
    private Verdict follow(VpcNetwork vpc, String target, String at, Placement placement) {
        if (target.startsWith("igw-")) {
            return detached(vpc, target, at).orElseGet(() -> placement.publicIp()
                    ? Verdict.pass("%s: reaches %s through internet gateway %s with a public IP", at,
                            destination.name(), target).through(null, vpc.vpc().id(), "through internet gateway "
                                    + target)
                    : Verdict.fail("%s: public subnet but no public IP on the task, so %s drops its traffic", at, target));
        }
        if (target.startsWith("nat-")) {
            return throughNat(vpc, target, at);
        }
        return notFollowed(target, at);
    }

    /** A public NAT gateway translates to its Elastic IP, so its own subnet needs a route to an internet gateway. */
    private Verdict throughNat(VpcNetwork vpc, String natId, String at) {
        var nat = vpc.natGateways().stream().filter(n -> natId.equals(n.id())).findFirst().orElse(null);
        if (nat == null) {
            return Verdict.unknown("%s: NAT gateway not found", at);
        }
        if (!"available".equals(nat.state())) {
            return Verdict.fail("%s: NAT gateway %s is %s, not available", at, natId, nat.state());
        }
        if (nat.connectivityType() == null) {
            return Verdict.unknown("%s: NAT gateway %s has no ConnectivityType in the answer (public unless created "
                    + "private)", at, natId);
        }
        if (!"public".equals(nat.connectivityType())) {
            return Verdict.fail("%s: NAT gateway %s is %s and cannot reach the internet", at, natId,
                    nat.connectivityType());
        }
        var table = RouteTables.forSubnet(vpc, nat.subnetId()).orElse(null);
        var route = table == null ? null : RouteTables.defaultRoute(table).orElse(null);
        if (route == null) {
            return Verdict.fail("%s: NAT subnet %s has no 0.0.0.0/0 route to an internet gateway", at, nat.subnetId());
        }
        String natAt = "%s (NAT subnet %s -> %s -> %s)".formatted(at, nat.subnetId(), table.id(), route.target());
        return blackhole(route, natAt).orElseGet(() -> route.target().startsWith("igw-")
                ? detached(vpc, route.target(), natAt).orElseGet(() ->
                        Verdict.pass("%s: reaches %s through NAT gateway %s", natAt, destination.name(), natId)
                                .through(null, vpc.vpc().id(), "through NAT gateway " + natId))
                : notFollowed(route.target(), natAt));
    }

    private static Optional<Verdict> blackhole(Ec2.Route route, String at) {
        return "blackhole".equals(route.state())
                ? Optional.of(Verdict.fail("%s: the 0.0.0.0/0 route is a blackhole (its target is gone)", at))
                : Optional.empty();
    }

    /** FAIL unless the internet gateway is attached to the VPC. */
    private static Optional<Verdict> detached(VpcNetwork vpc, String igwId, String at) {
        boolean attached = vpc.internetGateways().stream()
                .anyMatch(igw -> igwId.equals(igw.id()) && "available".equals(igw.attachmentState()));
        return attached ? Optional.empty()
                : Optional.of(Verdict.fail("%s: internet gateway %s is not attached to %s", at, igwId, vpc.vpc().id()));
    }

    /** Targets whose far side the snapshot does not show; peering never carries traffic on to the internet. */
    private static Verdict notFollowed(String target, String at) {
        if (target.startsWith("pcx-")) {
            return Verdict.fail("%s: VPC peering is not transitive, so it gives no path to the internet", at);
        }
        String kind = target.startsWith("tgw-") ? "transit gateway"
                : target.startsWith("eni-") || target.startsWith("i-") ? "NAT instance or appliance"
                : target.startsWith("vpce-") ? "Gateway Load Balancer or firewall endpoint"
                : target.startsWith("vgw-") ? "virtual private gateway"
                : target.startsWith("lgw-") ? "Outposts local gateway"
                : target.startsWith("nat-") ? "NAT gateway chained behind a NAT gateway"
                : target.contains("core-network") ? "Cloud WAN core network"
                : "route target";
        return Verdict.unknown("%s: egress through %s %s cannot be verified from API data", at, kind, target);
    }

    /**
     * Security groups that admit nothing matching: FAIL, unless a prefix-list rule for TCP 443 might admit it.
     * Prefix list entries are not read, so that case is undecided.
     */
    private static Verdict blocked(Collection<Ec2.SecurityGroupRule> rules, String detail, Object... args) {
        var prefixLists = SecurityGroupRules.prefixListsForTcp(rules, HTTPS);
        String text = detail.formatted(args);
        return prefixLists.isEmpty()
                ? Verdict.fail("%s", text)
                : Verdict.unknown("%s, unless prefix lists %s admit it (their entries are not read)", text,
                        join(prefixLists));
    }

    private static String join(Collection<String> ids) {
        return String.join(", ", ids);
    }

    private static Optional<String> unknownGroup(VpcNetwork vpc, Collection<String> ids) {
        return ids.stream().sorted().filter(id -> !vpc.securityGroups().containsKey(id)).findFirst();
    }

    private static List<Ec2.SecurityGroup> groups(VpcNetwork vpc, Collection<String> ids) {
        return ids.stream().sorted().map(vpc.securityGroups()::get).toList();
    }

    /** The placement seen from its security groups: their ids, egress rules and the addresses tasks send from. */
    private record TaskGroups(Placement placement, Ec2.Subnet subnet, List<Ec2.SecurityGroup> groups) {
        List<String> ids() {
            return placement.sortedSecurityGroupIds();
        }

        List<Ec2.SecurityGroupRule> egress() {
            return groups.stream().flatMap(group -> group.egress().stream()).toList();
        }

        List<Ipv4Cidr> sources() {
            return placement.sources(subnet);
        }
    }
}
