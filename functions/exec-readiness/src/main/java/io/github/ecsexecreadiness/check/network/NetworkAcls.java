package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.model.Ec2;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a subnet's network ACL lets one direction of a TCP connection cross the subnet's edge. ACLs are
 * stateless, so a connection needs its outbound packets and its replies each let through: the replies come back
 * to the client's ephemeral port. Rules are evaluated in rule-number order and the first that matches decides;
 * what no rule matches meets the final {@code *} rule, which denies.
 */
final class NetworkAcls {
    /** The ephemeral range AWS's ACL guidance asks to open for replies (clients pick their port in it). */
    static final Ports EPHEMERAL = new Ports(1024, 65535);
    static final Ports HTTPS = new Ports(SsmmessagesPath.HTTPS, SsmmessagesPath.HTTPS);
    /** DescribeNetworkAcls lists the final deny-everything rule under this number. */
    private static final int LAST_RULE = 32767;
    /** Blocks that hold no public address: a rule naming only these never meets traffic to a public endpoint. */
    private static final List<Ipv4Cidr> NOT_PUBLIC = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
            "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16").stream().map(Ipv4Cidr::parse).toList();

    private NetworkAcls() {}

    record Ports(int from, int to) {
        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    /**
     * The other end of the traffic. With {@code publicOnly} it is some public address of {@code block} that the
     * snapshot does not know (an AWS service's public IPs), else every address of {@code block} must pass.
     */
    record Peer(Ipv4Cidr block, boolean publicOnly, String label) {
        static Peer publicAddresses(String label) {
            return new Peer(Ipv4Cidr.ANYWHERE, true, label);
        }

        static Peer block(Ipv4Cidr block, String label) {
            return new Peer(block, false, label);
        }

        /** Whether a rule for {@code cidr} applies to all of this peer, to part of it, or to none. */
        Coverage coverage(Ipv4Cidr cidr) {
            if (cidr.contains(block)) {
                return Coverage.ALL;
            }
            if (publicOnly && NOT_PUBLIC.stream().anyMatch(notPublic -> notPublic.contains(cidr))) {
                return Coverage.NONE;
            }
            return block.contains(cidr) ? Coverage.PART : Coverage.NONE;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    enum Coverage { ALL, PART, NONE }

    private enum Action { ALLOW, DENY }

    /** The ACL associated with the subnet, else the VPC's default ACL, which serves every other subnet. */
    static Optional<Ec2.NetworkAcl> forSubnet(List<Ec2.NetworkAcl> acls, String subnetId) {
        return acls.stream().filter(acl -> acl.subnetIds().contains(subnetId)).findFirst()
                .or(() -> acls.stream().filter(Ec2.NetworkAcl::isDefault).findFirst());
    }

    /**
     * Whether {@code acl} lets TCP to (egress) or from (ingress) {@code peer} through on every port of
     * {@code ports}. PASS when all pass; FAIL, naming the first rule that denies, when none does; UNKNOWN when a
     * rule covers only part of the peer's addresses or only some of the ports. IPv6 rules never match IPv4 traffic.
     */
    static Verdict tcp(Ec2.NetworkAcl acl, String subnetId, boolean egress, Ports ports, Peer peer) {
        String traffic = "%s TCP %s %s %s".formatted(egress ? "outbound" : "inbound", ports, egress ? "to" : "from",
                peer);
        String at = "network ACL %s of subnet %s".formatted(acl.id(), subnetId);
        List<Span> open = new ArrayList<>(List.of(new Span(ports.from(), ports.to(), EnumSet.noneOf(Action.class),
                null, null)));
        List<Span> decided = new ArrayList<>();
        List<Ec2.NetworkAclEntry> rules = acl.entries().stream()
                .filter(rule -> rule.egress() == egress && rule.cidrBlock() != null && coversTcp(rule.protocol()))
                .sorted(Comparator.comparingInt(Ec2.NetworkAclEntry::ruleNumber)).toList();
        for (Ec2.NetworkAclEntry rule : rules) {
            Coverage coverage = peer.coverage(Ipv4Cidr.parse(rule.cidrBlock()));
            if (coverage == Coverage.NONE) {
                continue;
            }
            int from = rule.fromPort() == null ? 0 : rule.fromPort();
            int to = rule.toPort() == null ? 65535 : rule.toPort();
            Action action = "allow".equalsIgnoreCase(rule.ruleAction()) ? Action.ALLOW : Action.DENY;
            List<Span> next = new ArrayList<>();
            for (Span span : open) {
                next.addAll(span.outside(from, to));
                span.inside(from, to).ifPresent(inside -> {
                    if (coverage == Coverage.ALL) {
                        decided.add(inside.decidedBy(action, rule));
                    } else {
                        next.add(inside.touchedBy(action, rule));
                    }
                });
            }
            open = next;
        }
        open.forEach(span -> decided.add(span.decidedBy(Action.DENY, null)));
        decided.sort(Comparator.comparingInt(Span::from));

        var partial = decided.stream().filter(span -> span.outcomes().size() > 1).findFirst();
        if (partial.isPresent()) {
            return Verdict.unknown("%s: rule %s covers only part of %s, so whether %s passes depends on the address",
                    at, number(partial.get().partly()), peer, traffic);
        }
        var denied = decided.stream().filter(span -> span.outcomes().contains(Action.DENY)).toList();
        if (denied.isEmpty()) {
            return Verdict.pass("%s allows %s (rule %s)", at, traffic, number(decided.getFirst().rule()));
        }
        if (denied.size() < decided.size()) {
            return Verdict.unknown("%s: %s is denied on ports %s (rule %s) and allowed on the others; whether the "
                    + "connection uses them depends on the client's ephemeral port range", at, traffic,
                    new Ports(denied.getFirst().from(), denied.getFirst().to()), number(denied.getFirst().rule()));
        }
        return Verdict.fail("%s: rule %s denies %s", at, number(denied.getFirst().rule()), traffic);
    }

    private static boolean coversTcp(String protocol) {
        return switch (protocol) {
            case "-1", "all", "6", "tcp" -> true;
            default -> false;
        };
    }

    private static String number(Ec2.NetworkAclEntry rule) {
        return rule == null || rule.ruleNumber() == LAST_RULE ? "*" : Integer.toString(rule.ruleNumber());
    }

    /**
     * Ports {@code from}-{@code to} and what the rules so far did to them: {@code outcomes} holds the actions of
     * rules matching part of the peer ({@code partly} the first of them) and, once decided, that of {@code rule},
     * the rule matching all of it.
     */
    private record Span(int from, int to, Set<Action> outcomes, Ec2.NetworkAclEntry rule,
                        Ec2.NetworkAclEntry partly) {
        List<Span> outside(int ruleFrom, int ruleTo) {
            List<Span> rest = new ArrayList<>();
            if (from < ruleFrom) {
                rest.add(new Span(from, Math.min(to, ruleFrom - 1), outcomes, rule, partly));
            }
            if (to > ruleTo) {
                rest.add(new Span(Math.max(from, ruleTo + 1), to, outcomes, rule, partly));
            }
            return rest;
        }

        Optional<Span> inside(int ruleFrom, int ruleTo) {
            int low = Math.max(from, ruleFrom);
            int high = Math.min(to, ruleTo);
            return low > high ? Optional.empty() : Optional.of(new Span(low, high, outcomes, rule, partly));
        }

        Span touchedBy(Action action, Ec2.NetworkAclEntry partRule) {
            Set<Action> with = EnumSet.of(action);
            with.addAll(outcomes);
            return new Span(from, to, with, rule, partly == null ? partRule : partly);
        }

        Span decidedBy(Action action, Ec2.NetworkAclEntry deciding) {
            Set<Action> with = EnumSet.of(action);
            with.addAll(outcomes);
            return new Span(from, to, with, deciding, partly);
        }
    }
}
