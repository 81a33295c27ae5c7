package io.github.ecsexecreadiness.check.network;

import static io.github.ecsexecreadiness.check.Scenario.ACCOUNT;
import static io.github.ecsexecreadiness.check.Scenario.PRIVATE_SUBNET;
import static io.github.ecsexecreadiness.check.Scenario.PUBLIC_SUBNET;
import static io.github.ecsexecreadiness.check.Scenario.SERVICE_ARN;
import static io.github.ecsexecreadiness.check.Scenario.TASK_ENI;
import static io.github.ecsexecreadiness.check.Scenario.TASK_SG;
import static io.github.ecsexecreadiness.check.Scenario.VPC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.Ec2RouteTableBuilder;
import io.github.ecsexecreadiness.EcsContainerDefinitionBuilder;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ReadinessEngine;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.model.Dns;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SsmmessagesPathCheckTest {
    private static final String NAT = "nat-0a1";
    private static final String IGW = "igw-0a1";
    private static final String ENDPOINT = "vpce-0ssm";
    private static final String ENDPOINT_SG = "sg-0vpce";
    private static final String CONTAINER_INSTANCE = "arn:aws:ecs:eu-west-1:111122223333:container-instance/shop/ci1";
    private static final String HOST = "i-0host";

    static Stream<Arguments> cases() {
        return Stream.of(
                // internet path
                of("ready: private subnet behind a public NAT", s -> {}, Status.PASS,
                        "task 0123456789abcdef0, new tasks", "subnet-0private -> rtb-0private -> nat-0a1",
                        "subnet-0public -> rtb-0public -> igw-0a1"),
                of("NAT gateway pending", s -> nat(s, "pending", "public"), Status.FAIL, "nat-0a1 is pending"),
                of("private NAT gateway", s -> nat(s, "available", "private"), Status.FAIL,
                        "nat-0a1 is private and cannot reach the internet"),
                of("NAT gateway without ConnectivityType in the answer", s -> nat(s, "available", null), Status.UNKNOWN,
                        "NAT gateway nat-0a1 has no ConnectivityType in the answer"),
                of("NAT subnet without an internet gateway route", s -> defaultRoute(s, "rtb-0public", null, null),
                        Status.FAIL, "NAT subnet subnet-0public has no 0.0.0.0/0 route"),
                of("NAT subnet routes to a detached internet gateway",
                        s -> s.withVpc(b -> b.internetGateways(List.of(new Ec2.InternetGateway(IGW, VPC, "detached")))),
                        Status.FAIL, "internet gateway igw-0a1 is not attached to vpc-0a1"),
                of("NAT subnet egress through a firewall endpoint", s -> defaultRoute(s, "rtb-0public", "vpce-0fw", "active"),
                        Status.UNKNOWN, "Gateway Load Balancer or firewall endpoint vpce-0fw"),
                of("main route table serves a subnet without explicit association", s -> {
                    dropTable(s, "rtb-0private");
                    defaultRoute(s, "rtb-0main", NAT, "active");
                }, Status.PASS, "subnet-0private -> rtb-0main -> nat-0a1"),
                of("main route table without a default route", s -> dropTable(s, "rtb-0private"), Status.FAIL,
                        "subnet-0private -> rtb-0main: no route to ssmmessages: no 0.0.0.0/0 route and no ssmmessages "
                                + "interface endpoint"),
                of("internet gateway with public IPs", s -> {
                    defaultRoute(s, "rtb-0private", IGW, "active");
                    s.withNetworkInterface(TASK_ENI, b -> b.publicIp("54.1.2.3"));
                    s.withService(b -> b.awsvpcConfiguration(new Ecs.AwsVpcConfiguration(List.of(PRIVATE_SUBNET),
                            List.of(TASK_SG), true)));
                }, Status.PASS, "rtb-0private -> igw-0a1: reaches ssmmessages through internet gateway igw-0a1"),
                of("internet gateway without public IP", s -> defaultRoute(s, "rtb-0private", IGW, "active"), Status.FAIL,
                        "subnet-0private -> rtb-0private -> igw-0a1: public subnet but no public IP"),
                of("running task has a public IP, new tasks will not", s -> {
                    defaultRoute(s, "rtb-0private", IGW, "active");
                    s.withNetworkInterface(TASK_ENI, b -> b.publicIp("54.1.2.3"));
                }, Status.FAIL, "new tasks: subnet subnet-0private -> rtb-0private -> igw-0a1: public subnet but no public IP"),
                of("EC2 launch type awsvpc never gets the public IP it asks for", s -> {
                    defaultRoute(s, "rtb-0private", IGW, "active");
                    s.withoutTasks();
                    s.withService(b -> b.launchType("EC2")).withService(b -> b.awsvpcConfiguration(
                            new Ecs.AwsVpcConfiguration(List.of(PRIVATE_SUBNET), List.of(TASK_SG), true)));
                }, Status.FAIL, "new tasks", "public subnet but no public IP"),
                of("blackhole default route", s -> defaultRoute(s, "rtb-0private", NAT, "blackhole"), Status.FAIL,
                        "rtb-0private -> nat-0a1: the 0.0.0.0/0 route is a blackhole"),
                of("default route to a peering connection", s -> defaultRoute(s, "rtb-0private", "pcx-0a1", "active"),
                        Status.FAIL, "rtb-0private -> pcx-0a1: VPC peering is not transitive"),
                of("default route to a transit gateway", s -> defaultRoute(s, "rtb-0private", "tgw-0a1", "active"),
                        Status.UNKNOWN, "transit gateway tgw-0a1 cannot be verified"),
                of("default route to a NAT instance", s -> defaultRoute(s, "rtb-0private", "eni-0nat", "active"),
                        Status.UNKNOWN, "NAT instance or appliance eni-0nat"),
                of("task security group egress closed", s -> taskEgress(s, tcp443("10.0.0.0/8")), Status.FAIL,
                        "rtb-0private -> nat-0a1", "task security groups sg-0task allow no TCP 443 egress to 0.0.0.0/0"),
                of("task egress open only through a prefix list", s -> taskEgress(s, tcp443("pl-0aws")), Status.UNKNOWN,
                        "allow no TCP 443 egress to 0.0.0.0/0, unless prefix lists pl-0aws admit it"),
                of("task egress 443 to anywhere is enough", s -> taskEgress(s, tcp443("0.0.0.0/0")), Status.PASS, NAT),

                // interface endpoint path
                of("ssmmessages endpoint with private DNS wins over the NAT", s -> endpoint(s, true, "available",
                        tcp443(TASK_SG)), Status.PASS, "subnet-0private -> vpce-0ssm: reaches ssmmessages through "
                        + "interface endpoint vpce-0ssm"),
                of("endpoint alone, no internet route", s -> {
                    endpoint(s, true, "available", tcp443("10.0.0.0/16"));
                    defaultRoute(s, "rtb-0private", null, null);
                }, Status.PASS, ENDPOINT),
                of("endpoint security group blocks the tasks, no fall-through to the NAT",
                        s -> endpoint(s, true, "available", rule("tcp", 80, 80, TASK_SG)), Status.FAIL,
                        "endpoint security groups sg-0vpce admit no TCP 443 from sg-0task or 10.0.1.10/32"),
                of("endpoint admits only the running task's address, not the subnet new tasks use",
                        s -> endpoint(s, true, "available", tcp443("10.0.1.10/32")), Status.FAIL,
                        "task 0123456789abcdef0, new tasks", "admit no TCP 443 from sg-0task or 10.0.1.0/24"),
                of("endpoint admits only a prefix list", s -> endpoint(s, true, "available", tcp443("pl-0vpc")),
                        Status.UNKNOWN, "unless prefix lists pl-0vpc admit it"),
                of("endpoint without private DNS falls through to the NAT",
                        s -> endpoint(s, false, "available", rule("tcp", 80, 80, TASK_SG)), Status.PASS,
                        "rtb-0private -> nat-0a1"),
                of("endpoint pending", s -> endpoint(s, true, "pending", tcp443(TASK_SG)), Status.UNKNOWN,
                        "vpce-0ssm: the ssmmessages endpoint is pending, not available yet"),
                of("endpoint being deleted still owns the name", s -> endpoint(s, true, "deleting", tcp443(TASK_SG)),
                        Status.FAIL, "vpce-0ssm: the ssmmessages endpoint is being deleted"),
                of("failed endpoint holds no name: the NAT carries the traffic",
                        s -> endpoint(s, true, "failed", tcp443(TASK_SG)), Status.PASS, "through NAT gateway nat-0a1"),
                of("endpoint state absent", s -> endpoint(s, true, null, tcp443(TASK_SG)), Status.UNKNOWN,
                        "the ssmmessages endpoint's state is absent from the answer"),
                of("egress to a secondary CIDR block holding the endpoint subnet", s -> {
                    endpointInSecondaryCidr(s);
                    taskEgress(s, tcp443("10.1.0.0/16"));
                }, Status.PASS, ENDPOINT),
                of("egress to the primary CIDR block only misses an endpoint in the secondary one", s -> {
                    endpointInSecondaryCidr(s);
                    taskEgress(s, tcp443("10.0.0.0/16"));
                }, Status.FAIL, "allow no TCP 443 egress to the endpoint (sg-0vpce or 10.1.0.0/24)"),
                of("VPC DNS hostnames off", s -> {
                    endpoint(s, true, "available", tcp443(TASK_SG));
                    s.withVpc(b -> b.vpc(new Ec2.Vpc(VPC, ACCOUNT, "10.0.0.0/16", true, false)));
                }, Status.FAIL, "vpc-0a1 has enableDnsSupport=true and enableDnsHostnames=false"),
                of("VPC DNS support off", s -> {
                    endpoint(s, true, "available", tcp443(TASK_SG));
                    s.withVpc(b -> b.vpc(new Ec2.Vpc(VPC, ACCOUNT, "10.0.0.0/16", false, true)));
                }, Status.FAIL, "enableDnsSupport=false"),
                of("VPC DNS attributes not read", s -> {
                    endpoint(s, true, "available", tcp443(TASK_SG));
                    s.withVpc(b -> b.vpc(new Ec2.Vpc(VPC, ACCOUNT, "10.0.0.0/16", null, null)));
                }, Status.UNKNOWN, "DNS attributes of vpc-0a1 were not read"),
                of("task egress does not reach the endpoint", s -> {
                    endpoint(s, true, "available", tcp443(TASK_SG));
                    taskEgress(s, tcp443("192.168.0.0/16"));
                }, Status.FAIL, "task security groups sg-0task allow no TCP 443 egress to the endpoint (sg-0vpce or "
                        + "10.0.1.0/24)"),
                of("task egress to the endpoint security group", s -> {
                    endpoint(s, true, "available", tcp443(TASK_SG));
                    taskEgress(s, tcp443(ENDPOINT_SG));
                }, Status.PASS, ENDPOINT),

                // every destination the cluster's configuration needs
                of("KMS key, ssmmessages endpoint, no kms endpoint and no internet", s -> {
                    isolatedWithSsmmessagesEndpoint(s);
                    execConfiguration(s, "arn:aws:kms:eu-west-1:111122223333:key/k", null, false, false);
                }, Status.FAIL, "kms: subnet subnet-0private -> rtb-0private: no route to kms: no 0.0.0.0/0 route "
                        + "and no kms interface endpoint"),
                of("KMS key with a kms endpoint too", s -> {
                    isolatedWithSsmmessagesEndpoint(s);
                    execConfiguration(s, "arn:aws:kms:eu-west-1:111122223333:key/k", null, false, false);
                    addEndpoint(s, "vpce-0kms", "kms", "Interface");
                }, Status.PASS, "ssmmessages: subnet subnet-0private -> vpce-0ssm", "kms: subnet subnet-0private -> "
                        + "vpce-0kms: reaches kms through interface endpoint vpce-0kms"),
                of("KMS key behind a NAT", s -> execConfiguration(s, "arn:aws:kms:eu-west-1:111122223333:key/k", null,
                        false, false), Status.PASS, "kms: subnet subnet-0private -> rtb-0private -> nat-0a1"),
                of("encrypted CloudWatch logging without a logs endpoint", s -> {
                    isolatedWithSsmmessagesEndpoint(s);
                    execConfiguration(s, null, "OVERRIDE", true, false);
                }, Status.FAIL, "logs: subnet subnet-0private -> rtb-0private: no route to logs"),
                of("unencrypted CloudWatch logging needs no path to logs", s -> {
                    isolatedWithSsmmessagesEndpoint(s);
                    execConfiguration(s, null, "OVERRIDE", false, false);
                }, Status.PASS, ENDPOINT),
                of("encrypted S3 logging without an S3 endpoint", s -> {
                    isolatedWithSsmmessagesEndpoint(s);
                    execConfiguration(s, null, "OVERRIDE", false, true);
                }, Status.FAIL, "s3: subnet subnet-0private -> rtb-0private: no route to s3: no 0.0.0.0/0 route and no "
                        + "s3 gateway or interface endpoint"),
                of("encrypted S3 logging through the S3 gateway endpoint", s -> {
                    isolatedWithSsmmessagesEndpoint(s);
                    execConfiguration(s, null, "OVERRIDE", false, true);
                    addEndpoint(s, "vpce-0s3gw", "s3", "Gateway");
                    addRoute(s, "rtb-0private", new Ec2.Route(null, "pl-0s3", "vpce-0s3gw", "active"));
                }, Status.PASS, "s3: subnet subnet-0private -> rtb-0private -> vpce-0s3gw: reaches s3 through gateway "
                        + "endpoint vpce-0s3gw"),
                of("the first destination without a path is named", s -> {
                    isolatedWithSsmmessagesEndpoint(s);
                    s.withVpc(b -> b.endpoints(List.of()));
                    execConfiguration(s, "arn:aws:kms:eu-west-1:111122223333:key/k", null, false, false);
                }, Status.FAIL, "ssmmessages: subnet subnet-0private -> rtb-0private: no route to ssmmessages"),
                of("a hosted zone for kms only makes kms undecided", s -> {
                    execConfiguration(s, "arn:aws:kms:eu-west-1:111122223333:key/k", null, false, false);
                    zone(s, "kms.eu-west-1.amazonaws.com.");
                }, Status.UNKNOWN, "kms: subnet subnet-0private: kms.eu-west-1.amazonaws.com resolves through private "
                        + "hosted zone Z0HUB"),

                // HTTPS_PROXY carries the agent's https:// calls unless NO_PROXY names the host
                of("only HTTPS_PROXY, isolated subnet: the proxy's path decides", s -> {
                    defaultRoute(s, "rtb-0private", null, null);
                    s.withContainers(b -> b.environment(Map.of("HTTPS_PROXY", "http://proxy.internal:3128")));
                }, Status.UNKNOWN, "egress of container web (web:3) through proxy http://proxy.internal:3128 for "
                        + "ssmmessages: the proxy's own path is not visible; without it: ", "no route to ssmmessages"),
                of("NO_PROXY exempting amazonaws.com leaves the VPC path", s -> {
                    defaultRoute(s, "rtb-0private", null, null);
                    s.withContainers(b -> b.environment(Map.of("HTTPS_PROXY", "http://proxy.internal:3128",
                            "NO_PROXY", "169.254.169.254,.amazonaws.com")));
                }, Status.FAIL, "no route to ssmmessages"),
                of("proxy credentials are not shown", s -> s.withContainers(b -> b.environment(
                        Map.of("https_proxy", "http://user:secret@proxy.internal:3128"))), Status.UNKNOWN,
                        "through proxy http://proxy.internal:3128 for ssmmessages"),
                of("HTTPS_PROXY from a secret", s -> s.withContainers(b -> b.secretNames(List.of("HTTPS_PROXY"))),
                        Status.UNKNOWN, "through a proxy whose HTTPS_PROXY comes from a secret"),
                of("a proxied sidecar beside a container on the VPC path", s -> s.withTaskDefinition(b -> b
                        .containerDefinitions(List.of(Scenario.container("web"), EcsContainerDefinitionBuilder.builder(
                                Scenario.container("otel")).environment(Map.of("HTTPS_PROXY",
                                "http://proxy.internal:3128")).build()))),
                        Status.PASS, "reaches ssmmessages through NAT gateway nat-0a1; egress of container otel (web:3) "
                                + "through proxy http://proxy.internal:3128 for ssmmessages is not verified"),
                of("HTTP_PROXY alone does not carry https://", s -> s.withContainers(b -> b.environment(
                        Map.of("HTTP_PROXY", "http://proxy.internal:3128"))), Status.PASS, NAT),

                // name resolution: a hub's endpoint over a transit gateway, or forwarding to other DNS servers
                of("spoke: private hosted zone for ssmmessages, hub reached over a transit gateway", s -> {
                    zone(s, "ssmmessages.eu-west-1.amazonaws.com.");
                    defaultRoute(s, "rtb-0private", null, null);
                }, Status.UNKNOWN, "ssmmessages.eu-west-1.amazonaws.com resolves through private hosted zone Z0HUB "
                        + "(ssmmessages.eu-west-1.amazonaws.com) in vpc-0a1"),
                of("spoke with a NAT too: the hosted zone, not the NAT, carries the traffic",
                        s -> zone(s, "ssmmessages.eu-west-1.amazonaws.com."), Status.UNKNOWN, "private hosted zone"),
                of("a zone for a parent domain answers for ssmmessages too", s -> zone(s, "AmazonAWS.com"),
                        Status.UNKNOWN, "private hosted zone Z0HUB (AmazonAWS.com)"),
                of("a zone for other names leaves ssmmessages to the public DNS", s -> zone(s, "internal.example.com."),
                        Status.PASS, "reaches ssmmessages through NAT gateway nat-0a1"),
                of("Resolver rule forwards amazonaws.com", s -> rule(s, "amazonaws.com.", "FORWARD", true),
                        Status.UNKNOWN, "forwarded by Resolver rule rslvr-rr-0 (amazonaws.com) to other DNS servers"),
                of("a more specific SYSTEM rule keeps ssmmessages with the Resolver", s -> {
                    rule(s, "amazonaws.com.", "FORWARD", true);
                    s.withNameResolution(VPC, dns -> new Dns.VpcResolution(List.of(), List.of(
                            dns.resolverRules().getFirst(),
                            new Dns.ResolverRule("rslvr-rr-1", "ssmmessages.eu-west-1.amazonaws.com.", "SYSTEM"))));
                }, Status.PASS, NAT),
                of("associated Resolver rule that could not be listed", s -> rule(s, null, null, false), Status.UNKNOWN,
                        "Resolver rule rslvr-rr-0 is associated with the VPC but could not be read"),
                of("name resolution unreadable", s -> {
                    s.unreadableNameResolution(VPC, "Route53.ListHostedZonesByVPC: AccessDenied");
                }, Status.UNKNOWN, "could not read vpc-0a1: Route53.ListHostedZonesByVPC: AccessDenied"),

                // placement and ownership
                of("shared VPC subnet", s -> s.withSubnet(PRIVATE_SUBNET, b -> b.ownerId("444455556666")),
                                Status.UNKNOWN,
                        "subnet subnet-0private is shared by account 444455556666"),
                of("IPv6-only subnet on Fargate: nothing documents the exec agent's IPv6 setting there",
                        s -> s.withSubnet(PRIVATE_SUBNET, b -> b.ipv6Native(true)), Status.UNKNOWN,
                        "subnet subnet-0private is IPv6-only and the tasks run on Fargate: the ECS Exec documentation "
                                + "lists IPv6-only tasks as unsupported"),
                of("IPv6-only subnet on EC2 with an ECS agent before 1.97.1", s -> ipv6OnlyOnEc2(s, "1.96.0"),
                        Status.FAIL, "task 0123456789abcdef0, new tasks: subnet subnet-0private is IPv6-only and container "
                                + "instance i-0host runs ECS agent 1.96.0: agents before 1.97.1 do not configure the "
                                + "exec agent for IPv6-only tasks"),
                of("IPv6-only subnet on EC2 with ECS agent 1.97.1: the agent point holds, the IPv6 path is not analysed",
                        s -> ipv6OnlyOnEc2(s, "1.97.1"), Status.UNKNOWN, "the ECS agent on i-0host (1.97.1 or later) "
                                + "configures the exec agent for it, but the IPv6 path to ssmmessages is not analysed"),
                of("IPv6-only subnet: new tasks may land on an instance with an old agent", s -> {
                    ipv6OnlyOnEc2(s, "1.98.0");
                    s.withContainerInstance(new Ecs.ContainerInstance(CONTAINER_INSTANCE + "-old", "i-0old", "1.90.0",
                            true, "ACTIVE", Set.of("ecs.capability.execute-command"), null, "linux"));
                }, Status.FAIL, "new tasks: subnet subnet-0private is IPv6-only and container instance i-0old runs ECS "
                        + "agent 1.90.0"),
                of("IPv6-only subnet on EC2, agent version not a number", s -> ipv6OnlyOnEc2(s, "dev"), Status.UNKNOWN,
                        "container instance i-0host reports ECS agent version dev, not a version number"),
                of("bridge mode: the container instance's network", s -> bridge(s, PRIVATE_SUBNET, null), Status.PASS,
                        "task 0123456789abcdef0 (on i-0host): subnet subnet-0private -> rtb-0private -> nat-0a1"),
                of("host mode in a public subnet with a public IP", s -> {
                    bridge(s, PUBLIC_SUBNET, "54.1.2.3");
                    s.withTaskDefinition(b -> b.networkMode("host"));
                }, Status.PASS, "subnet-0public -> rtb-0public -> igw-0a1"),
                of("bridge mode in a public subnet without public IP", s -> bridge(s, PUBLIC_SUBNET, null), Status.FAIL,
                        "(on i-0host)", "public subnet but no public IP"),
                of("no running task: the service's subnets", s -> s.withoutTasks(), Status.PASS,
                        "new tasks: subnet subnet-0private -> rtb-0private -> nat-0a1"),
                of("bridge mode with no running task: nothing to evaluate", s -> {
                    bridge(s, PRIVATE_SUBNET, null);
                    s.withoutTasks();
                }, Status.UNKNOWN, "no running task and no awsvpc network configuration on service web"),
                of("networkMode none", s -> s.withTaskDefinition(b -> b.networkMode("none")), Status.FAIL,
                        "task definition web:3 uses networkMode none"),
                of("ECS Anywhere task", s -> s.withTasks(b -> b.launchType("EXTERNAL")), Status.UNKNOWN,
                        "task 0123456789abcdef0: runs on an external (ECS Anywhere) instance"),
                of("every failing placement is counted", s -> {
                    s.withService(b -> b.awsvpcConfiguration(new Ecs.AwsVpcConfiguration(
                            List.of(PRIVATE_SUBNET, PUBLIC_SUBNET), List.of(TASK_SG), false)));
                    defaultRoute(s, "rtb-0private", IGW, "active");
                }, Status.FAIL, "task 0123456789abcdef0, new tasks: subnet subnet-0private", "(and 1 more)"),

                // data the collector could not read
                of("unreadable subnet", s -> {
                    s.unreadableSubnet(PRIVATE_SUBNET, "AccessDenied");
                }, Status.UNKNOWN, "could not read subnet-0private: AccessDenied"),
                of("unreadable VPC", s -> {
                    s.unreadableVpc(VPC, "Throttling");
                }, Status.UNKNOWN, "could not read vpc-0a1: Throttling"),
                of("task ENI gone: only that task is unknown", s -> {
                    s.missing(TASK_ENI);
                }, Status.UNKNOWN, "task 0123456789abcdef0: ENI eni-0task not found"),
                of("a failing placement outweighs an unreadable one", s -> {
                    s.unreadableNetworkInterface(TASK_ENI, "AccessDenied");
                    defaultRoute(s, "rtb-0private", NAT, "blackhole");
                }, Status.FAIL, "new tasks: subnet subnet-0private -> rtb-0private -> nat-0a1: the 0.0.0.0/0 route is a "
                        + "blackhole"),
                of("running tasks unreadable", s -> s.unreadableTasks(SERVICE_ARN, "AccessDenied"), Status.UNKNOWN,
                        "AccessDenied"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void decidesThePathToSsmmessages(String name, Consumer<Scenario> change, Status expected, List<String> fragments) {
        Scenario scenario = Scenario.ready();
        change.accept(scenario);

        CheckResult result = new ReadinessEngine(List.of(new SsmmessagesPathCheck())).evaluate(scenario.facts())
                .result(SsmmessagesPathCheck.METADATA.id());

        assertEquals(expected, result.status(), result.reason());
        fragments.forEach(fragment -> assertTrue(result.reason().contains(fragment), result.reason()));
        assertFalse(result.reason().contains("\n"));
    }

    private static Arguments of(String name, Consumer<Scenario> change, Status expected, String... fragments) {
        return Arguments.of(name, change, expected, List.of(fragments));
    }

    private static void nat(Scenario s, String state, String connectivityType) {
        s.withVpc(b -> b.natGateways(List.of(new Ec2.NatGateway(NAT, VPC, PUBLIC_SUBNET, state, connectivityType))));
    }

    /** Sets the 0.0.0.0/0 route of a route table; a null target removes it. */
    private static void defaultRoute(Scenario s, String tableId, String target, String state) {
        List<Ec2.RouteTable> tables = s.vpcs().get(VPC).routeTables().stream().map(table -> {
            if (!table.id().equals(tableId)) {
                return table;
            }
            List<Ec2.Route> routes = new ArrayList<>(table.routes());
            routes.removeIf(route -> "0.0.0.0/0".equals(route.destinationCidrBlock()));
            if (target != null) {
                routes.add(new Ec2.Route("0.0.0.0/0", null, target, state));
            }
            return Ec2RouteTableBuilder.builder(table).routes(routes).build();
        }).toList();
        s.withVpc(b -> b.routeTables(tables));
    }

    private static void dropTable(Scenario s, String tableId) {
        s.withVpc(b -> b.routeTables(s.vpcs().get(VPC).routeTables().stream()
                .filter(t -> !t.id().equals(tableId)).toList()));
    }

    private static Ec2.SecurityGroupRule rule(String protocol, Integer from, Integer to, String peer) {
        return new Ec2.SecurityGroupRule(protocol, from, to,
                peer.contains(".") ? List.of(peer) : List.of(),
                peer.startsWith("sg-") ? List.of(peer) : List.of(),
                peer.startsWith("pl-") ? List.of(peer) : List.of());
    }

    private static Ec2.SecurityGroupRule tcp443(String peer) {
        return rule("tcp", 443, 443, peer);
    }

    private static void putGroup(Scenario s, Ec2.SecurityGroup group) {
        var groups = new HashMap<>(s.vpcs().get(VPC).securityGroups());
        groups.put(group.id(), group);
        s.withVpc(b -> b.securityGroups(groups));
    }

    private static void taskEgress(Scenario s, Ec2.SecurityGroupRule egress) {
        putGroup(s, new Ec2.SecurityGroup(TASK_SG, VPC, List.of(), List.of(egress)));
    }

    /** An ssmmessages interface endpoint in the private subnet whose security group has this ingress rule. */
    private static void endpoint(Scenario s, boolean privateDns, String state, Ec2.SecurityGroupRule ingress) {
        putGroup(s, new Ec2.SecurityGroup(ENDPOINT_SG, VPC, List.of(ingress), List.of()));
        s.withVpc(b -> b.endpoints(List.of(
                new Ec2.VpcEndpoint("vpce-0s3", VPC, "com.amazonaws.eu-west-1.s3", "Gateway", "available", false,
                        List.of(), List.of()),
                new Ec2.VpcEndpoint(ENDPOINT, VPC, "com.amazonaws.eu-west-1.ssmmessages", "Interface", state, privateDns,
                        List.of(ENDPOINT_SG), List.of(PRIVATE_SUBNET)))));
    }

    /** The cluster's execute-command configuration: KMS key, logging, CloudWatch and S3 encryption. */
    private static void execConfiguration(Scenario s, String kmsKeyId, String logging, boolean cloudWatchEncryption,
                                          boolean s3Encryption) {
        s.withCluster(b -> b.executeCommandConfiguration(new Ecs.ExecuteCommandConfiguration(kmsKeyId, logging,
                "/ecs/exec", cloudWatchEncryption, "exec-logs", s3Encryption, null)));
    }

    /** No internet route; an ssmmessages endpoint that admits the tasks (and admits them to any other endpoint). */
    private static void isolatedWithSsmmessagesEndpoint(Scenario s) {
        endpoint(s, true, "available", tcp443(TASK_SG));
        defaultRoute(s, "rtb-0private", null, null);
    }

    private static void addEndpoint(Scenario s, String id, String service, String type) {
        List<Ec2.VpcEndpoint> endpoints = new ArrayList<>(s.vpcs().get(VPC).endpoints());
        boolean gateway = "Gateway".equals(type);
        endpoints.add(new Ec2.VpcEndpoint(id, VPC, "com.amazonaws.eu-west-1." + service, type, "available", !gateway,
                gateway ? List.of() : List.of(ENDPOINT_SG), gateway ? List.of() : List.of(PRIVATE_SUBNET)));
        s.withVpc(b -> b.endpoints(endpoints));
    }

    private static void addRoute(Scenario s, String tableId, Ec2.Route route) {
        s.withVpc(b -> b.routeTables(s.vpcs().get(VPC).routeTables().stream().map(table -> {
            if (!table.id().equals(tableId)) {
                return table;
            }
            List<Ec2.Route> routes = new ArrayList<>(table.routes());
            routes.add(route);
            return Ec2RouteTableBuilder.builder(table).routes(routes).build();
        }).toList()));
    }

    /** The ssmmessages endpoint in a subnet of the VPC's secondary CIDR block 10.1.0.0/16. */
    private static void endpointInSecondaryCidr(Scenario s) {
        endpoint(s, true, "available", tcp443(TASK_SG));
        s.withSubnet(new Ec2.Subnet("subnet-0vpce", VPC, "eu-west-1a", ACCOUNT, "10.1.0.0/24", false));
        s.withVpc(b -> b.endpoints(s.vpcs().get(VPC).endpoints().stream().map(e -> ENDPOINT.equals(e.id())
                ? new Ec2.VpcEndpoint(e.id(), e.vpcId(), e.serviceName(), e.vpcEndpointType(), e.state(),
                        e.privateDnsEnabled(), e.securityGroupIds(), List.of("subnet-0vpce")) : e).toList()));
    }

    private static void zone(Scenario s, String name) {
        s.withNameResolution(VPC, new Dns.VpcResolution(List.of(new Dns.PrivateHostedZone("Z0HUB", name)), List.of()));
    }

    private static void rule(Scenario s, String domain, String type, boolean listed) {
        s.withNameResolution(VPC, new Dns.VpcResolution(List.of(), List.of(
                new Dns.ResolverRule("rslvr-rr-0", listed ? domain : null, listed ? type : null))));
    }

    /** An awsvpc EC2 service in an IPv6-only subnet whose task runs on {@link #HOST}, its ECS agent at this version. */
    private static void ipv6OnlyOnEc2(Scenario s, String agentVersion) {
        s.withSubnet(PRIVATE_SUBNET, b -> b.ipv6Native(true)).withService(b -> b.launchType("EC2"))
                .withTasks(b -> b.launchType("EC2")).withTasks(b -> b.containerInstanceArn(CONTAINER_INSTANCE));
        s.withContainerInstance(new Ecs.ContainerInstance(CONTAINER_INSTANCE, HOST, agentVersion, true,
                "ACTIVE", Set.of("ecs.capability.execute-command"), null, "linux"));
    }

    /** An EC2 service in bridge mode whose task runs on {@link #HOST} in that subnet. */
    private static void bridge(Scenario s, String subnet, String publicIp) {
        s.withTaskDefinition(b -> b.networkMode("bridge")).withService(b -> b.launchType("EC2"))
                .withService(b -> b.awsvpcConfiguration(null))
                .withTasks(b -> b.launchType("EC2")).withTasks(b -> b.networkInterface(null))
                .withTasks(b -> b.containerInstanceArn(CONTAINER_INSTANCE));
        s.withContainerInstance(new Ecs.ContainerInstance(CONTAINER_INSTANCE, HOST, "1.80.0", true,
                "ACTIVE", Set.of("ecs.capability.execute-command"), null, "linux"));
        s.withInstance(new Ec2.Instance(HOST, subnet, VPC, List.of(TASK_SG), publicIp, "10.0.1.50"));
    }
}
