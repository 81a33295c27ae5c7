package io.github.ecsexecreadiness.check.network;

import static io.github.ecsexecreadiness.check.Scenario.ACCOUNT;
import static io.github.ecsexecreadiness.check.Scenario.PRIVATE_SUBNET;
import static io.github.ecsexecreadiness.check.Scenario.PUBLIC_SUBNET;
import static io.github.ecsexecreadiness.check.Scenario.VPC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ReadinessEngine;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.model.Dns;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkAclCheckTest {
    private static final String TASK_ACL = "acl-0tasks";
    private static final String ENDPOINT_ACL = "acl-0vpce";
    private static final String ENDPOINT_SUBNET = "subnet-0vpce";
    private static final String OTHER_ENDPOINT_SUBNET = "subnet-0vpce2";
    private static final Ec2.NetworkAclEntry ALL_OUT = entry(100, true, "-1", "allow", "0.0.0.0/0", null, null);
    private static final Ec2.NetworkAclEntry ALL_IN = entry(100, false, "-1", "allow", "0.0.0.0/0", null, null);
    private static final Ec2.NetworkAclEntry EPHEMERAL_IN = entry(110, false, "6", "allow", "0.0.0.0/0", 1024, 65535);

    static Stream<Arguments> cases() {
        return Stream.of(
                // the task subnet, traffic to ssmmessages' public addresses through the NAT gateway
                of("default ACL allows everything", s -> {}, Status.PASS,
                        "network ACL acl-0default of subnet subnet-0private allows outbound TCP 443 to the public "
                                + "addresses of ssmmessages (rule 100)"),
                of("deny 443 numbered before the allow", s -> taskAcl(s, entry(90, true, "6", "deny", "0.0.0.0/0", 443,
                        443), ALL_OUT, ALL_IN), Status.FAIL, "task 0123456789abcdef0, new tasks: network ACL acl-0tasks "
                        + "of subnet subnet-0private: rule 90 denies outbound TCP 443 to the public addresses of "
                        + "ssmmessages"),
                of("deny 443 numbered after the allow never matches", s -> taskAcl(s, entry(110, true, "6", "deny",
                        "0.0.0.0/0", 443, 443), ALL_OUT, ALL_IN), Status.PASS, "acl-0tasks", "(rule 100)"),
                of("outbound 443 only, no inbound ephemeral range for the replies", s -> taskAcl(s, ALL_OUT,
                        entry(100, false, "6", "allow", "0.0.0.0/0", 443, 443)), Status.FAIL,
                        "rule * denies inbound TCP 1024-65535 from the public addresses of ssmmessages"),
                of("inbound ephemeral range open for the replies", s -> taskAcl(s, ALL_OUT, EPHEMERAL_IN), Status.PASS,
                        "allows inbound TCP 1024-65535 from the public addresses of ssmmessages (rule 110)"),
                of("only part of the ephemeral range open", s -> taskAcl(s, ALL_OUT, entry(110, false, "6", "allow",
                        "0.0.0.0/0", 32768, 65535)), Status.UNKNOWN,
                        "inbound TCP 1024-65535 from the public addresses of ssmmessages is denied on ports 1024-32767 "
                                + "(rule *)"),
                of("443 allowed to some public addresses only: ssmmessages' addresses are not known", s -> taskAcl(s,
                        entry(100, true, "6", "allow", "52.94.0.0/16", 443, 443), ALL_IN), Status.UNKNOWN,
                        "rule 100 covers only part of the public addresses of ssmmessages"),
                of("443 allowed to private ranges only reaches no public address", s -> taskAcl(s,
                        entry(100, true, "6", "allow", "10.0.0.0/8", 443, 443), ALL_IN), Status.FAIL,
                        "rule * denies outbound TCP 443 to the public addresses of ssmmessages"),
                of("a deny for part of the public addresses before the allow", s -> taskAcl(s,
                        entry(50, true, "6", "deny", "52.0.0.0/8", 443, 443), ALL_OUT, ALL_IN), Status.UNKNOWN,
                        "rule 50 covers only part of the public addresses of ssmmessages"),
                of("a deny for a private range before the allow does not meet public traffic", s -> taskAcl(s,
                        entry(50, true, "6", "deny", "192.168.0.0/16", 443, 443), ALL_OUT, ALL_IN), Status.PASS,
                        "acl-0tasks"),
                of("UDP rules do not carry TCP", s -> taskAcl(s, entry(100, true, "17", "allow", "0.0.0.0/0", null,
                        null), ALL_IN), Status.FAIL, "rule * denies outbound TCP 443"),
                of("IPv6 rules do not carry IPv4 traffic", s -> taskAcl(s, new Ec2.NetworkAclEntry(100, true, "-1",
                        "allow", null, "::/0", null, null), ALL_IN), Status.FAIL, "rule * denies outbound TCP 443"),
                of("a subnet without an explicit association uses the VPC's default ACL", s -> s.withNetworkAcl(
                        new Ec2.NetworkAcl("acl-0default", VPC, true, List.of(), denyAll())), Status.FAIL,
                        "network ACL acl-0default of subnet subnet-0private: rule * denies outbound TCP 443"),
                of("an explicit association wins over the default ACL", s -> {
                    s.withNetworkAcl(new Ec2.NetworkAcl("acl-0default", VPC, true, List.of(), denyAll()));
                    taskAcl(s, ALL_OUT, ALL_IN);
                    natAcl(s, ALL_OUT, ALL_IN);
                }, Status.PASS, "network ACL acl-0tasks of subnet subnet-0private allows"),

                // the NAT gateway's subnet: the tasks' connections cross its ACL too
                of("NAT subnet's ACL admits nothing from the VPC", s -> natAcl(s, ALL_OUT, entry(90, false, "-1", "deny",
                        "10.0.0.0/16", null, null), ALL_IN), Status.FAIL, "network ACL acl-0nat of subnet "
                        + "subnet-0public: rule 90 denies inbound TCP 443 from 10.0.1.10/32 (tasks in subnet-0private)"),
                of("NAT subnet's ACL without the ephemeral range from the internet", s -> natAcl(s, ALL_OUT,
                        toVpc(false, 443, 443)), Status.FAIL, "network ACL acl-0nat of subnet subnet-0public: rule * "
                        + "denies inbound TCP 1024-65535 from the public addresses of ssmmessages"),
                of("NAT subnet's ACL lets the tasks' connections and the replies through", s -> natAcl(s, ALL_OUT,
                        toVpc(false, 443, 443), entry(110, false, "6", "allow", "0.0.0.0/0", 1024, 65535)), Status.PASS,
                        "network ACL acl-0nat of subnet subnet-0public allows inbound TCP 443 from 10.0.1.0/24 (tasks in "
                                + "subnet-0private)"),
                of("no NAT subnet ACL on the way through an internet gateway", s -> {
                    s.withVpc(b -> b.routeTables(s.vpcs().get(VPC).routeTables().stream().map(t -> t.id().equals(
                            "rtb-0private") ? new Ec2.RouteTable(t.id(), VPC, false, t.subnetIds(), List.of(
                                    new Ec2.Route("0.0.0.0/0", null, "igw-0a1", "active"))) : t).toList()));
                    natAcl(s, ALL_OUT);
                }, Status.PASS, "acl-0default of subnet subnet-0private allows"),

                // interface endpoint with private DNS: the endpoint subnets' CIDRs, both ACLs
                of("ACL open to the VPC only is enough for an interface endpoint", s -> {
                    endpoint(s, ENDPOINT_SUBNET);
                    taskAcl(s, toVpc(true, 443, 443), toVpc(false, 1024, 65535));
                }, Status.PASS, "allows outbound TCP 443 to 10.0.2.0/24 (subnet-0vpce of endpoint vpce-0ssm)",
                        "network ACL acl-0default of subnet subnet-0vpce allows inbound TCP 443 from 10.0.1.10/32 (tasks "
                                + "in subnet-0private)"),
                of("the same ACL without an endpoint: ssmmessages' public addresses are denied", s -> taskAcl(s,
                        toVpc(true, 443, 443), toVpc(false, 1024, 65535)), Status.FAIL,
                        "rule * denies outbound TCP 443 to the public addresses of ssmmessages"),
                of("endpoint subnet ACL admits no 443 from the tasks", s -> {
                    endpoint(s, ENDPOINT_SUBNET);
                    endpointAcl(s, ENDPOINT_SUBNET, toVpc(true, 1024, 65535), entry(100, false, "6", "allow",
                            "10.0.9.0/24", 443, 443));
                }, Status.FAIL, "network ACL acl-0vpce of subnet subnet-0vpce: rule * denies inbound TCP 443 from "
                        + "10.0.1.10/32 (tasks in subnet-0private)"),
                of("endpoint subnet ACL admits 443 from the task subnet and answers it", s -> {
                    endpoint(s, ENDPOINT_SUBNET);
                    endpointAcl(s, ENDPOINT_SUBNET, toVpc(true, 1024, 65535), entry(100, false, "6", "allow",
                            "10.0.1.0/24", 443, 443));
                }, Status.PASS, "network ACL acl-0vpce of subnet subnet-0vpce allows inbound TCP 443 from "
                        + "10.0.1.0/24 (tasks in subnet-0private)"),
                of("endpoint subnet ACL sends no replies back", s -> {
                    endpoint(s, ENDPOINT_SUBNET);
                    endpointAcl(s, ENDPOINT_SUBNET, entry(100, true, "6", "allow", "10.0.1.0/24", 443, 443),
                            toVpc(false, 443, 443));
                }, Status.FAIL, "acl-0vpce of subnet subnet-0vpce: rule * denies outbound TCP 1024-65535 to "),
                of("an endpoint in the task subnet itself meets no ACL", s -> {
                    endpoint(s, PRIVATE_SUBNET);
                    s.withNetworkAcl(new Ec2.NetworkAcl("acl-0default", VPC, true, List.of(), denyAll()));
                }, Status.PASS, "subnet subnet-0private holds the ssmmessages endpoint vpce-0ssm itself"),
                of("one of two endpoint subnets blocked: the other may still answer", s -> {
                    endpoint(s, ENDPOINT_SUBNET, OTHER_ENDPOINT_SUBNET);
                    endpointAcl(s, OTHER_ENDPOINT_SUBNET, denyAll().toArray(Ec2.NetworkAclEntry[]::new));
                }, Status.UNKNOWN, "acl-0vpce of subnet subnet-0vpce2: rule * denies inbound TCP 443",
                        "the endpoint's other subnets let it through"),
                of("every endpoint subnet blocked", s -> {
                    endpoint(s, ENDPOINT_SUBNET, OTHER_ENDPOINT_SUBNET);
                    s.withNetworkAcl(new Ec2.NetworkAcl(ENDPOINT_ACL, VPC, false,
                            List.of(ENDPOINT_SUBNET, OTHER_ENDPOINT_SUBNET), denyAll()));
                }, Status.FAIL, "acl-0vpce of subnet subnet-0vpce: rule * denies inbound TCP 443"),

                // every destination the cluster's configuration needs
                of("KMS key set: kms goes out through the NAT while ssmmessages has its endpoint", s -> {
                    endpoint(s, ENDPOINT_SUBNET);
                    kmsKey(s);
                    taskAcl(s, toVpc(true, 443, 443), toVpc(false, 1024, 65535));
                }, Status.FAIL, "kms: network ACL acl-0tasks of subnet subnet-0private: rule * denies outbound TCP 443 "
                        + "to the public addresses of kms"),
                of("KMS key set, ACL open to the internet", s -> {
                    endpoint(s, ENDPOINT_SUBNET);
                    kmsKey(s);
                }, Status.PASS, "ssmmessages: ", "kms: network ACL acl-0default of subnet subnet-0private allows "
                        + "outbound TCP 443 to the public addresses of kms"),

                of("networkMode none: no traffic, so no ACL (network.ssmmessages FAILs it)", s -> {
                    s.withTaskDefinition(b -> b.networkMode("none"));
                    s.withService(b -> b.awsvpcConfiguration(null));
                }, Status.NOT_APPLICABLE, "uses networkMode none"),

                // a name resolved elsewhere (a hub's endpoint): its addresses are not known, private ones included
                of("hub's private hosted zone, ACL open to 10.0.0.0/8 only: the hub's address is not known", s -> {
                    hubZone(s);
                    taskAcl(s, entry(100, true, "6", "allow", "10.0.0.0/8", 443, 443), entry(100, false, "6", "allow",
                            "10.0.0.0/8", 1024, 65535));
                }, Status.UNKNOWN, "rule 100 covers only part of the addresses of ssmmessages (ssmmessages.eu-west-1."
                        + "amazonaws.com resolves through private hosted zone"),
                of("hub's private hosted zone, ACL open to everything", NetworkAclCheckTest::hubZone, Status.PASS,
                        "allows outbound TCP 443 to the addresses of ssmmessages"),
                of("name resolution unreadable, ACL open to everything", s -> s.unreadableNameResolution(VPC,
                        "Route53.ListHostedZonesByVPC: AccessDenied"), Status.PASS, "allows outbound TCP 443 to the "
                        + "addresses of ssmmessages (could not read vpc-0a1: Route53.ListHostedZonesByVPC: AccessDenied)"),

                // what cannot be decided
                of("network ACLs unreadable", s -> s.unreadableNetworkAcls(VPC,
                        "EC2.DescribeNetworkAcls: UnauthorizedOperation"), Status.UNKNOWN,
                        "could not read vpc-0a1: EC2.DescribeNetworkAcls: UnauthorizedOperation"),
                of("no ACL serves the subnet", s -> s.withNetworkAcl(new Ec2.NetworkAcl("acl-0default", VPC, false,
                        List.of(PUBLIC_SUBNET), Scenario.allowAll())), Status.UNKNOWN,
                        "no network ACL of vpc-0a1 serves subnet subnet-0private"),
                of("subnet shared by another account", s -> s.withSubnet(PRIVATE_SUBNET, b -> b.ownerId("444455556666")),
                        Status.UNKNOWN, "subnet subnet-0private is shared by account 444455556666"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void decidesTheAclsOnThePath(String name, Consumer<Scenario> change, Status expected, List<String> fragments) {
        Scenario scenario = Scenario.ready();
        change.accept(scenario);

        CheckResult result = new ReadinessEngine(List.of(new NetworkAclCheck())).evaluate(scenario.facts())
                .result(NetworkAclCheck.METADATA.id());

        assertEquals(expected, result.status(), result.reason());
        fragments.forEach(fragment -> assertTrue(result.reason().contains(fragment), result.reason()));
        assertFalse(result.reason().contains("\n"));
    }

    private static Arguments of(String name, Consumer<Scenario> change, Status expected, String... fragments) {
        return Arguments.of(name, change, expected, List.of(fragments));
    }

    private static Ec2.NetworkAclEntry entry(int number, boolean egress, String protocol, String action, String cidr,
                                             Integer from, Integer to) {
        return new Ec2.NetworkAclEntry(number, egress, protocol, action, cidr, null, from, to);
    }

    /** TCP ports {@code from}-{@code to} to (egress) or from the VPC's 10.0.0.0/16, rule 100. */
    private static Ec2.NetworkAclEntry toVpc(boolean egress, int from, int to) {
        return entry(100, egress, "6", "allow", "10.0.0.0/16", from, to);
    }

    /** Only the final rules, which deny everything. */
    private static List<Ec2.NetworkAclEntry> denyAll() {
        return Scenario.allowAll().stream().filter(e -> e.ruleNumber() == 32767).toList();
    }

    /** The task subnet's own ACL with these rules (plus the final * rules). */
    private static void taskAcl(Scenario s, Ec2.NetworkAclEntry... rules) {
        s.withNetworkAcl(new Ec2.NetworkAcl(TASK_ACL, VPC, false, List.of(PRIVATE_SUBNET), withFinal(rules)));
    }

    /** The NAT gateway's (public) subnet's own ACL with these rules (plus the final * rules). */
    private static void natAcl(Scenario s, Ec2.NetworkAclEntry... rules) {
        s.withNetworkAcl(new Ec2.NetworkAcl("acl-0nat", VPC, false, List.of(PUBLIC_SUBNET), withFinal(rules)));
    }

    private static void endpointAcl(Scenario s, String subnetId, Ec2.NetworkAclEntry... rules) {
        s.withNetworkAcl(new Ec2.NetworkAcl(ENDPOINT_ACL, VPC, false, List.of(subnetId), withFinal(rules)));
    }

    private static List<Ec2.NetworkAclEntry> withFinal(Ec2.NetworkAclEntry... rules) {
        List<Ec2.NetworkAclEntry> entries = new ArrayList<>(List.of(rules));
        entries.addAll(denyAll());
        return entries;
    }

    /** An available ssmmessages interface endpoint with private DNS in these subnets (10.0.2.0/24, 10.0.3.0/24). */
    private static void endpoint(Scenario s, String... subnetIds) {
        s.withSubnet(new Ec2.Subnet(ENDPOINT_SUBNET, VPC, "eu-west-1a", ACCOUNT, "10.0.2.0/24", false));
        s.withSubnet(new Ec2.Subnet(OTHER_ENDPOINT_SUBNET, VPC, "eu-west-1b", ACCOUNT, "10.0.3.0/24", false));
        s.withVpc(b -> b.endpoints(List.of(new Ec2.VpcEndpoint("vpce-0ssm", VPC,
                "com.amazonaws.eu-west-1.ssmmessages", "Interface", "available", true, List.of("sg-0vpce"),
                List.of(subnetIds)))));
    }

    private static void hubZone(Scenario s) {
        s.withNameResolution(VPC, new Dns.VpcResolution(List.of(new Dns.PrivateHostedZone("Z0HUB",
                "ssmmessages.eu-west-1.amazonaws.com.")), List.of()));
    }

    private static void kmsKey(Scenario s) {
        s.withCluster(b -> b.executeCommandConfiguration(new Ecs.ExecuteCommandConfiguration("alias/exec", "DEFAULT",
                null, false, null, false, null)));
    }
}
