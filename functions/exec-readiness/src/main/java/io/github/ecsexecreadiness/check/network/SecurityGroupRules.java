package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.model.Ec2;
import java.util.Collection;
import java.util.List;

/** Whether security group rules let TCP traffic on one port pass to or from a peer. */
final class SecurityGroupRules {
    private SecurityGroupRules() {}

    /**
     * The other side of a connection: the security groups it carries and an address block that holds all
     * its addresses.
     */
    record Peer(Collection<String> securityGroupIds, Ipv4Cidr addresses) {
        Peer {
            securityGroupIds = List.copyOf(securityGroupIds);
        }
    }

    /** True when one of the rules covers TCP {@code port} and names one of the peer's groups or a CIDR holding it. */
    static boolean allowTcp(Collection<Ec2.SecurityGroupRule> rules, int port, Peer peer) {
        return rules.stream().filter(rule -> coversTcp(rule, port)).anyMatch(rule ->
                rule.securityGroupIds().stream().anyMatch(peer.securityGroupIds()::contains)
                        || rule.cidrBlocks().stream().anyMatch(cidr -> Ipv4Cidr.parse(cidr).contains(peer.addresses())));
    }

    /** Prefix lists the rules open TCP {@code port} to: their entries are not in the snapshot, so they cannot be matched. */
    static List<String> prefixListsForTcp(Collection<Ec2.SecurityGroupRule> rules, int port) {
        return rules.stream().filter(rule -> coversTcp(rule, port))
                .flatMap(rule -> rule.prefixListIds().stream()).distinct().toList();
    }

    static boolean coversTcp(Ec2.SecurityGroupRule rule, int port) {
        return switch (rule.ipProtocol()) {
            case "-1" -> true;
            case "tcp", "6" -> rule.fromPort() != null && rule.toPort() != null
                    && rule.fromPort() <= port && port <= rule.toPort();
            default -> false;
        };
    }
}
