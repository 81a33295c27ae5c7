package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.container.ReadonlyRootCheck;
import io.github.ecsexecreadiness.check.network.NetworkAclCheck;
import io.github.ecsexecreadiness.check.network.ProxyCheck;
import io.github.ecsexecreadiness.check.network.SsmmessagesPathCheck;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.moto.MotoServer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * The network, proxy and container verdicts end to end against moto: an account seeded with SDK calls, read by the
 * SDK readers (Route 53 included) and evaluated. Each service has no internet route; what differs is the cluster's
 * KMS key, a hub's private hosted zone, a read-only log router, a container's HTTPS_PROXY and the network ACL of
 * the ssmmessages endpoint's subnet.
 */
@StartsEmulator
class NetworkVerdictsMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();
    private static final String REGION = MotoServer.REGION.id();

    private AwsClients clients;
    private EcsClient ecs;
    private Ec2Client ec2;

    @BeforeEach
    void open() {
        clients = moto.newClients();
        ecs = clients.ecs();
        ec2 = clients.ec2();
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void kmsEncryptedClusterWithOnlyAnSsmmessagesEndpointHasNoPathToKms() {
        Network net = isolatedVpcWithSsmmessagesEndpoint("10.10.0.0/16");
        ecs.createCluster(r -> r.clusterName("kms").configuration(c -> c.executeCommandConfiguration(e -> e
                .kmsKeyId("arn:aws:kms:" + REGION + ":" + MotoServer.ACCOUNT_ID + ":key/1234abcd"))));
        service("kms", "app", net, c -> {});

        CheckResult result = scan("kms", "app", SsmmessagesPathCheck.METADATA.id());

        assertEquals(Status.FAIL, result.status(), result.reason());
        assertTrue(result.reason().contains("kms: subnet " + net.subnet + " -> "), result.reason());
        assertTrue(result.reason().contains("no route to kms"), result.reason());
    }

    @Test
    void spokeWithAHubsPrivateHostedZoneForSsmmessagesIsUnknownNotFail() {
        Network net = isolatedVpc("10.20.0.0/16");
        clients.route53().createHostedZone(r -> r.name("ssmmessages." + REGION + ".amazonaws.com")
                .callerReference("hub").hostedZoneConfig(c -> c.privateZone(true))
                .vpc(v -> v.vpcId(net.vpc).vpcRegion(VPCRegion.fromValue(REGION))));
        ecs.createCluster(r -> r.clusterName("spoke"));
        service("spoke", "app", net, c -> {});

        CheckResult result = scan("spoke", "app", SsmmessagesPathCheck.METADATA.id());

        assertEquals(Status.UNKNOWN, result.status(), result.reason());
        assertTrue(result.reason().contains("resolves through private hosted zone"), result.reason());
    }

    @Test
    void aReadOnlyLogRouterBesideTheAppIsAWarning() {
        Network net = isolatedVpcWithSsmmessagesEndpoint("10.30.0.0/16");
        ecs.createCluster(r -> r.clusterName("firelens"));
        service("firelens", "app", net, c -> {}, c -> c.name("log-router").image("fluent-bit").essential(false)
                .readonlyRootFilesystem(true));

        CheckResult result = scan("firelens", "app", ReadonlyRootCheck.METADATA.id());

        assertEquals(Status.WARN, result.status(), result.reason());
        assertTrue(result.reason().contains("log-router"), result.reason());
    }

    @Test
    void onlyHttpsProxyLeavesTheMetadataDirectAndThePathToTheProxy() {
        Network net = isolatedVpc("10.40.0.0/16");
        ecs.createCluster(r -> r.clusterName("proxied"));
        service("proxied", "app", net, c -> c.environment(e -> e.name("HTTPS_PROXY").value("http://10.40.1.9:3128")));

        CheckResult path = scan("proxied", "app", SsmmessagesPathCheck.METADATA.id());
        CheckResult proxy = scan("proxied", "app", ProxyCheck.METADATA.id());

        assertEquals(Status.UNKNOWN, path.status(), path.reason());
        assertTrue(path.reason().contains("through proxy http://10.40.1.9:3128 for ssmmessages"), path.reason());
        assertEquals(Status.NOT_APPLICABLE, proxy.status(), proxy.reason());
    }

    @Test
    void anEndpointSubnetAclWithoutInbound443BlocksTheTasksUntilARuleAdmitsThem() {
        Network net = isolatedVpc("10.50.0.0/16");
        String endpointSubnet = ec2.createSubnet(r -> r.vpcId(net.vpc).cidrBlock("10.50.2.0/24")
                .availabilityZone(REGION + "a")).subnet().subnetId();
        ssmmessagesEndpoint(net, endpointSubnet);
        String acl = ec2.createNetworkAcl(r -> r.vpcId(net.vpc)).networkAcl().networkAclId();
        ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(100).egress(true).protocol("6")
                .ruleAction(RuleAction.ALLOW).cidrBlock("10.50.1.0/24").portRange(p -> p.from(1024).to(65535)));
        String association = ec2.describeNetworkAcls(r -> r.filters(f -> f.name("association.subnet-id")
                        .values(endpointSubnet))).networkAcls().getFirst().associations().stream()
                .filter(a -> endpointSubnet.equals(a.subnetId())).findFirst().orElseThrow().networkAclAssociationId();
        ec2.replaceNetworkAclAssociation(r -> r.associationId(association).networkAclId(acl));
        ecs.createCluster(r -> r.clusterName("acl"));
        service("acl", "app", net, c -> {});

        CheckResult blocked = scan("acl", "app", NetworkAclCheck.METADATA.id());
        ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(100).egress(false).protocol("6")
                .ruleAction(RuleAction.ALLOW).cidrBlock("10.50.1.0/24").portRange(p -> p.from(443).to(443)));
        CheckResult admitted = scan("acl", "app", NetworkAclCheck.METADATA.id());

        assertEquals(Status.FAIL, blocked.status(), blocked.reason());
        assertTrue(blocked.reason().contains("network ACL " + acl + " of subnet " + endpointSubnet
                + ": rule * denies inbound TCP 443 from 10.50.1."), blocked.reason());
        assertEquals(Status.PASS, admitted.status(), admitted.reason());
        assertTrue(admitted.reason().contains("network ACL " + acl + " of subnet " + endpointSubnet
                + " allows inbound TCP 443 from 10.50.1."), admitted.reason());
    }

    private CheckResult scan(String cluster, String service, String checkId) {
        String arn = "arn:aws:ecs:" + REGION + ":" + MotoServer.ACCOUNT_ID + ":service/" + cluster + "/" + service;
        return new ReadinessScan(new SdkAccount(clients).readers()).evaluate(new Scope(List.of(cluster),
                null)).service(arn).orElseThrow().result(checkId);
    }

    private record Network(String vpc, String subnet, String taskGroup) {}

    /** A VPC whose subnet has only the local route. */
    private Network isolatedVpc(String cidr) {
        String vpc = ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
        ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsSupport(v -> v.value(true)));
        ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(v -> v.value(true)));
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr.replace(".0.0/16", ".1.0/24"))
                .availabilityZone(REGION + "a")).subnet().subnetId();
        String group = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("tasks").description("tasks")).groupId();
        return new Network(vpc, subnet, group);
    }

    /** An isolated VPC with an ssmmessages interface endpoint (private DNS) admitting the tasks. */
    private Network isolatedVpcWithSsmmessagesEndpoint(String cidr) {
        Network net = isolatedVpc(cidr);
        ssmmessagesEndpoint(net, net.subnet);
        return net;
    }

    /** An ssmmessages interface endpoint (private DNS) in {@code subnet} whose security group admits the tasks. */
    private void ssmmessagesEndpoint(Network net, String subnet) {
        String endpointGroup = ec2.createSecurityGroup(r -> r.vpcId(net.vpc).groupName("endpoints")
                .description("endpoints")).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(endpointGroup).ipPermissions(p -> p.ipProtocol("tcp")
                .fromPort(443).toPort(443).userIdGroupPairs(g -> g.groupId(net.taskGroup))));
        ec2.createVpcEndpoint(r -> r.vpcId(net.vpc).vpcEndpointType(VpcEndpointType.INTERFACE)
                .serviceName("com.amazonaws." + REGION + ".ssmmessages").subnetIds(subnet)
                .securityGroupIds(endpointGroup).privateDnsEnabled(true));
    }

    @SafeVarargs
    private void service(String cluster, String name, Network net, Consumer<ContainerDefinition.Builder> app,
                         Consumer<ContainerDefinition.Builder>... sidecars) {
        String family = cluster + "-" + name;
        ecs.registerTaskDefinition(r -> r.family(family).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .requiresCompatibilitiesWithStrings("FARGATE")
                .containerDefinitions(Stream.concat(Stream.of(
                        (Consumer<ContainerDefinition.Builder>) c -> {
                            c.name("app").image("nginx").essential(true);
                            app.accept(c);
                        }), Arrays.stream(sidecars)).map(c -> {
                            ContainerDefinition.Builder builder = ContainerDefinition.builder();
                            c.accept(builder);
                            return builder.build();
                        }).toList()));
        ecs.createService(r -> r.cluster(cluster).serviceName(name).taskDefinition(family).desiredCount(1)
                .launchType(LaunchType.FARGATE).platformVersion("1.4.0")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(net.subnet)
                        .securityGroups(net.taskGroup))));
        ecs.updateService(r -> r.cluster(cluster).service(name).enableExecuteCommand(true));
    }
}
