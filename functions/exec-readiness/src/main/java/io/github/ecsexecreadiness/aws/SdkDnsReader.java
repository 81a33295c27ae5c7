package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.collect.DnsReader;
import io.github.ecsexecreadiness.model.Dns;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByVpcResponse;
import software.amazon.awssdk.services.route53resolver.Route53ResolverClient;

/** {@link DnsReader} over the AWS SDK: Route 53 (a global service) and the Region's Route 53 Resolver. */
public final class SdkDnsReader implements DnsReader {
    private final Route53Client route53;
    private final Route53ResolverClient resolver;

    public SdkDnsReader(Route53Client route53, Route53ResolverClient resolver) {
        this.route53 = Objects.requireNonNull(route53);
        this.resolver = Objects.requireNonNull(resolver);
    }

    /** ListHostedZonesByVPC has no SDK paginator: NextToken is followed here. */
    @Override
    public List<Dns.PrivateHostedZone> listHostedZonesByVpc(String vpcId, String vpcRegion) {
        return call("Route53.ListHostedZonesByVPC", () -> {
            List<Dns.PrivateHostedZone> zones = new ArrayList<>();
            String nextToken = null;
            do {
                String token = nextToken;
                ListHostedZonesByVpcResponse page = route53.listHostedZonesByVPC(r -> r.vpcId(vpcId)
                        .vpcRegion(vpcRegion).nextToken(token));
                page.hostedZoneSummaries().forEach(zone ->
                        zones.add(new Dns.PrivateHostedZone(zone.hostedZoneId(), zone.name())));
                nextToken = page.nextToken();
            } while (nextToken != null && !nextToken.isEmpty());
            return zones;
        });
    }

    @Override
    public List<RuleAssociation> listResolverRuleAssociations() {
        return call("Route53Resolver.ListResolverRuleAssociations", () -> resolver
                .listResolverRuleAssociationsPaginator(r -> {}).resolverRuleAssociations().stream()
                .map(association -> new RuleAssociation(association.resolverRuleId(), association.vpcId()))
                .toList());
    }

    @Override
    public List<Dns.ResolverRule> listResolverRules() {
        return call("Route53Resolver.ListResolverRules", () -> resolver.listResolverRulesPaginator(r -> {})
                .resolverRules().stream()
                .map(rule -> new Dns.ResolverRule(rule.id(), rule.domainName(), rule.ruleTypeAsString()))
                .toList());
    }
}
