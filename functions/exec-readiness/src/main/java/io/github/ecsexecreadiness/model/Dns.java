package io.github.ecsexecreadiness.model;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a VPC resolves names besides the public DNS: Route 53 private hosted zones and Resolver rules. */
public final class Dns {
    private Dns() {}

    /** A private hosted zone associated with a VPC (ListHostedZonesByVPC); {@code name} as Route 53 returns it. */
    public record PrivateHostedZone(String id, String name) {}

    /**
     * A Resolver rule associated with a VPC: {@code ruleType} FORWARD, SYSTEM or RECURSIVE. Both fields are null
     * when the association names a rule that ListResolverRules did not return.
     */
    public record ResolverRule(String id, String domainName, String ruleType) {}

    /** What answers for names in one VPC: its associated private hosted zones and Resolver rules. */
    public record VpcResolution(List<PrivateHostedZone> privateHostedZones, List<ResolverRule> resolverRules) {
        public static final VpcResolution PUBLIC_DNS_ONLY = new VpcResolution(List.of(), List.of());

        public VpcResolution {
            privateHostedZones = List.copyOf(privateHostedZones);
            resolverRules = List.copyOf(resolverRules);
        }

        /**
         * Why {@code host} is not resolved by the public DNS (nor by an interface endpoint's private DNS) in this
         * VPC, or empty when it is. The most specific Resolver rule covering the host decides: FORWARD sends the
         * query to other DNS servers; SYSTEM and RECURSIVE leave it to the Resolver, where a private hosted zone
         * whose name covers the host is authoritative for it (it answers, or answers NXDOMAIN without a record,
         * so whether it holds the record does not change that the name is resolved elsewhere).
         */
        public Optional<String> resolvedElsewhere(String host) {
            Optional<ResolverRule> unread = resolverRules.stream().filter(rule -> rule.domainName() == null)
                    .findFirst();
            if (unread.isPresent()) {
                return Optional.of("Resolver rule " + unread.get().id()
                        + " is associated with the VPC but could not be read (shared by another account?)");
            }
            Optional<ResolverRule> rule = resolverRules.stream().filter(r -> covers(r.domainName(), host))
                    .max(Comparator.comparingInt(r -> labels(r.domainName())));
            if (rule.isPresent() && "FORWARD".equals(rule.get().ruleType())) {
                return Optional.of(host + " is forwarded by Resolver rule " + rule.get().id() + " ("
                        + bare(rule.get().domainName()) + ") to other DNS servers");
            }
            return privateHostedZones.stream().filter(zone -> covers(zone.name(), host))
                    .max(Comparator.comparingInt(zone -> labels(zone.name())))
                    .map(zone -> host + " resolves through private hosted zone " + zone.id() + " ("
                            + bare(zone.name()) + ")");
        }

        /** Domain names compare without case and without the trailing dot; "." is the root, covering all. */
        private static boolean covers(String domain, String host) {
            String d = bare(domain).toLowerCase(Locale.ROOT);
            String h = bare(host).toLowerCase(Locale.ROOT);
            return d.isEmpty() || h.equals(d) || h.endsWith("." + d);
        }

        private static int labels(String domain) {
            String d = bare(domain);
            return d.isEmpty() ? 0 : d.split("\\.").length;
        }

        private static String bare(String domain) {
            return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        }
    }
}
