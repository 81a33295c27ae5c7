package io.github.ecsexecreadiness.collect;

import static io.github.ecsexecreadiness.iam.PolicyStatement.VPC_NAME_RESOLUTION;

import io.github.ecsexecreadiness.iam.CallsAws;
import io.github.ecsexecreadiness.model.Dns;
import java.util.List;

/**
 * Read-only Route 53 and Route 53 Resolver operations: what resolves names in a VPC besides the public DNS
 * (hub-and-spoke networks share interface endpoints through them). Every page is followed. Implementations
 * throw {@link AwsApiException} on an AWS error.
 */
public interface DnsReader {
    /** A Resolver rule association: the rule {@code resolverRuleId} applies in {@code vpcId}. */
    record RuleAssociation(String resolverRuleId, String vpcId) {}

    /** The private hosted zones associated with the VPC, of this account and of others. */
    @CallsAws(operation = "Route53.ListHostedZonesByVPC", statements = VPC_NAME_RESOLUTION)
    List<Dns.PrivateHostedZone> listHostedZonesByVpc(String vpcId, String vpcRegion);

    /** Every Resolver rule association of the account and Region (one listing serves all VPCs). */
    @CallsAws(operation = "Route53Resolver.ListResolverRuleAssociations", statements = VPC_NAME_RESOLUTION)
    List<RuleAssociation> listResolverRuleAssociations();

    /** The Resolver rules of the account and Region, its own and those shared with it (no filter by id exists). */
    @CallsAws(operation = "Route53Resolver.ListResolverRules", statements = VPC_NAME_RESOLUTION)
    List<Dns.ResolverRule> listResolverRules();
}
