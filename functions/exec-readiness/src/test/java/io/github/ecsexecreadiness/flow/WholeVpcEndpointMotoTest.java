package io.github.ecsexecreadiness.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.apply.Remediation;
import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.fix.Fix;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.moto.SdkSeeder;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.Telemetry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ConnectivityType;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * The whole VPC on moto: one service reaches ssmmessages through a NAT gateway, one sits in an isolated subnet.
 * The reviewed endpoint fix, as the Security Hub action applies it (one service, FixVpcEndpoints off, lifted by
 * the review), creates the endpoint whose security group admits both; every service of the VPC is then evaluated
 * again and both pass network.ssmmessages. Moto keeps no managedAgents on tasks, so readiness itself stays
 * undetermined here: the network verdict is what this shows.
 */
@StartsEmulator
class WholeVpcEndpointMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();
    private static final String REGION = MotoServer.REGION.id();
    private static final String SSMMESSAGES = "com.amazonaws." + REGION + ".ssmmessages";

    @Test
    void theReviewedEndpointFixLeavesTheNattedAndTheIsolatedServicePassing() {
        try (AwsClients clients = moto.newClients()) {
            reviewedEndpointFix(clients, clients.ec2(), clients.ecs());
        }
    }

    private static void reviewedEndpointFix(AwsClients clients, Ec2Client ec2, EcsClient ecs) {
        SdkSeeder seed = new SdkSeeder(clients, REGION);
        String vpc = seed.vpc("10.50.0.0/16");
        ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsSupport(v -> v.value(true)));
        ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(v -> v.value(true)));
        String publicSubnet = seed.subnet(vpc, "10.50.0.0/24");
        String igw = seed.internetGateway(vpc);
        String publicRoutes = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(publicRoutes).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
        ec2.associateRouteTable(r -> r.routeTableId(publicRoutes).subnetId(publicSubnet));
        String eip = ec2.allocateAddress(r -> r.domain("vpc")).allocationId();
        String nat = ec2.createNatGateway(r -> r.subnetId(publicSubnet).allocationId(eip)
                .connectivityType(ConnectivityType.PUBLIC)).natGateway().natGatewayId();
        String nattedSubnet = seed.subnet(vpc, "10.50.1.0/24");
        String nattedRoutes = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(nattedRoutes).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
        ec2.associateRouteTable(r -> r.routeTableId(nattedRoutes).subnetId(nattedSubnet));
        String isolatedSubnet = seed.subnet(vpc, "10.50.2.0/24"); // the main route table: the local route only
        String role = seed.taskRole("vpc-task", "channels", SdkSeeder.CHANNELS_POLICY);
        ecs.createCluster(r -> r.clusterName("vpc"));
        service(ecs, "natted", nattedSubnet, seed.securityGroup(vpc, "natted-tasks"), role);
        String isolated = service(ecs, "isolated", isolatedSubnet, seed.securityGroup(vpc, "isolated-tasks"), role);

        ReadinessFlow flow = new ReadinessFlow(new SdkAccount(clients).readers(), Optional.of(new Remediator(
                new SdkAccount(clients).writers(), new InMemoryRemediationLedger(),
                RemediationSettings.defaults("arn:aws:iam::" + MotoServer.ACCOUNT_ID + ":policy/p"), "/stack/",
                Clock.systemUTC())));
        Telemetry telemetry = new Telemetry("Test", "test", Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
        Outcome before = flow.run(Request.wholeRegion(MotoServer.ACCOUNT_ID, REGION, "test", Request.Fixes.NONE),
                telemetry, List.of());
        assertEquals(Map.of("natted", "PASS", "isolated", "FAIL"), network(before));

        Outcome fixed = flow.run(Request.service(MotoServer.ACCOUNT_ID, REGION, "vpc", isolated, "Fix ECS Exec", null,
                Request.Fixes.reviewed(fix -> fix instanceof Fix.CreateSsmmessagesEndpoint)), telemetry, List.of());

        Remediation.Result result = fixed.service().orElseThrow().remediation().orElseThrow();
        assertEquals(List.of("isolated " + vpc + " PASS", "natted " + vpc + " PASS"), result.vpcServices().stream()
                .map(s -> s.serviceName() + " " + s.vpcId() + " " + s.ssmmessages()).sorted().toList(),
                result.toString());
        VpcEndpoint endpoint = ec2.describeVpcEndpoints(r -> r.filters(Filter.builder().name("vpc-id").values(vpc)
                .build())).vpcEndpoints().stream().filter(e -> e.serviceName().equals(SSMMESSAGES)).findFirst()
                .orElseThrow();
        assertTrue(endpoint.privateDnsEnabled(), endpoint.toString());
        var group = ec2.describeSecurityGroups(r -> r.groupIds(endpoint.groups().getFirst().groupId()))
                .securityGroups().getFirst();
        assertTrue(group.ipPermissions().stream().anyMatch(p -> p.ipRanges().stream()
                .anyMatch(range -> range.cidrIp().equals("10.50.0.0/16"))), group.toString());
        assertTrue(group.tags().stream().anyMatch(t -> t.key().equals(RemediationSettings.CREATED_BY_TAG)),
                group.toString());
        Outcome after = flow.run(Request.wholeRegion(MotoServer.ACCOUNT_ID, REGION, "test", Request.Fixes.NONE),
                telemetry, List.of());
        assertEquals(Map.of("natted", "PASS", "isolated", "PASS"), network(after));
    }

    private static String service(EcsClient ecs, String name, String subnet, String group, String role) {
        ecs.registerTaskDefinition(r -> r.family(name).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .requiresCompatibilitiesWithStrings("FARGATE").taskRoleArn(role)
                .containerDefinitions(c -> c.name("app").image("nginx").essential(true)));
        String arn = ecs.createService(r -> r.cluster("vpc").serviceName(name).taskDefinition(name).desiredCount(1)
                .launchType(LaunchType.FARGATE).platformVersion("1.4.0")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet).securityGroups(group))))
                .service().serviceArn();
        ecs.updateService(r -> r.cluster("vpc").service(name).enableExecuteCommand(true));
        return arn;
    }

    private static Map<String, String> network(Outcome outcome) {
        return outcome.latest().stream().collect(Collectors.toMap(r -> r.service().name(),
                r -> r.result("network.ssmmessages").status().name()));
    }
}
