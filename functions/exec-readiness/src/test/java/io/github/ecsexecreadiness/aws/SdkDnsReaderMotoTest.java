package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.collect.DnsReader;
import io.github.ecsexecreadiness.model.Dns;
import io.github.ecsexecreadiness.moto.MotoServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.model.VPCRegion;
import software.amazon.awssdk.services.route53resolver.model.RuleTypeOption;

/** SdkDnsReader against moto: a spoke VPC with a hub's private hosted zone for ssmmessages and a Resolver rule. */
@StartsEmulator
class SdkDnsReaderMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private AwsClients clients;
    private DnsReader reader;
    private String spokeVpc;
    private String otherVpc;

    @BeforeEach
    void seed() {
        clients = moto.newClients();
        reader = new SdkDnsReader(clients.route53(), clients.route53Resolver());
        spokeVpc = clients.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        otherVpc = clients.ec2().createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void listsThePrivateHostedZonesAssociatedWithTheVpc() {
        String name = "ssmmessages." + MotoServer.REGION.id() + ".amazonaws.com";
        // moto makes a zone private only on HostedZoneConfig.PrivateZone (AWS also from the VPC alone).
        String zoneId = clients.route53().createHostedZone(r -> r.name(name).callerReference("hub-ssmmessages")
                .hostedZoneConfig(c -> c.privateZone(true)).vpc(v -> v.vpcId(spokeVpc).vpcRegion(VPCRegion.fromValue(MotoServer.REGION.id()))))
                .hostedZone().id();
        clients.route53().createHostedZone(r -> r.name("internal.example.com").callerReference("other")
                .hostedZoneConfig(c -> c.privateZone(true)).vpc(v -> v.vpcId(otherVpc).vpcRegion(VPCRegion.fromValue(MotoServer.REGION.id()))));

        List<Dns.PrivateHostedZone> zones = reader.listHostedZonesByVpc(spokeVpc, MotoServer.REGION.id());

        assertEquals(1, zones.size(), zones.toString());
        assertTrue(zoneId.endsWith(zones.getFirst().id()), zoneId + " vs " + zones);
        assertTrue(new Dns.VpcResolution(zones, List.of()).resolvedElsewhere(name).isPresent());
        assertEquals(List.of(), reader.listHostedZonesByVpc(clients.ec2().createVpc(r -> r.cidrBlock("10.2.0.0/16"))
                .vpc().vpcId(), MotoServer.REGION.id()));
    }

    @Test
    void listsResolverRulesAndTheirAssociations() {
        String ruleId = clients.route53Resolver().createResolverRule(r -> r.creatorRequestId("fwd")
                .name("hub").ruleType(RuleTypeOption.SYSTEM).domainName("amazonaws.com")).resolverRule().id();
        clients.route53Resolver().associateResolverRule(r -> r.resolverRuleId(ruleId).vpcId(spokeVpc));

        assertEquals(List.of(new DnsReader.RuleAssociation(ruleId, spokeVpc)), reader.listResolverRuleAssociations());
        Dns.ResolverRule rule = reader.listResolverRules().stream().filter(r -> r.id().equals(ruleId)).findFirst()
                .orElseThrow();
        assertEquals("SYSTEM", rule.ruleType());
        assertTrue(rule.domainName().startsWith("amazonaws.com"), rule.domainName());
    }
}
