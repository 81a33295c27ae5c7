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
import io.github.ecsexecreadiness.check.network.ProxyCheck;
import io.github.ecsexecreadiness.check.network.SsmmessagesPathCheck;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.moto.SdkSeeder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * The network, proxy and container verdicts end to end against moto: an account seeded in {@link SdkSeeder}'s steps,
 * read by the SDK readers (Route 53 included) and evaluated. Each service has no internet route; what differs is the
 * cluster's KMS key, a hub's private hosted zone, a read-only log router and a container's HTTPS_PROXY.
 */
@StartsEmulator
class NetworkVerdictsMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();
    private static final String REGION = MotoServer.REGION.id();

    private AwsClients clients;
    private SdkSeeder seeder;

    @BeforeEach
    void open() {
        clients = moto.newClients();
        seeder = new SdkSeeder(clients, REGION);
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void kmsEncryptedClusterWithOnlyAnSsmmessagesEndpointHasNoPathToKms() {
        Network net = isolatedVpcWithSsmmessagesEndpoint("10.10.0.0/16");
        seeder.cluster("kms", r -> r.configuration(c -> c.executeCommandConfiguration(e -> e
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
        seeder.cluster("spoke");
        service("spoke", "app", net, c -> {});

        CheckResult result = scan("spoke", "app", SsmmessagesPathCheck.METADATA.id());

        assertEquals(Status.UNKNOWN, result.status(), result.reason());
        assertTrue(result.reason().contains("resolves through private hosted zone"), result.reason());
    }

    @Test
    void aReadOnlyLogRouterBesideTheAppIsAWarning() {
        Network net = isolatedVpcWithSsmmessagesEndpoint("10.30.0.0/16");
        seeder.cluster("firelens");
        service("firelens", "app", net, c -> {}, c -> c.name("log-router").image("fluent-bit").essential(false)
                .readonlyRootFilesystem(true));

        CheckResult result = scan("firelens", "app", ReadonlyRootCheck.METADATA.id());

        assertEquals(Status.WARN, result.status(), result.reason());
        assertTrue(result.reason().contains("log-router"), result.reason());
    }

    @Test
    void onlyHttpsProxyLeavesTheMetadataDirectAndThePathToTheProxy() {
        Network net = isolatedVpc("10.40.0.0/16");
        seeder.cluster("proxied");
        service("proxied", "app", net, c -> c.environment(e -> e.name("HTTPS_PROXY").value("http://10.40.1.9:3128")));

        CheckResult path = scan("proxied", "app", SsmmessagesPathCheck.METADATA.id());
        CheckResult proxy = scan("proxied", "app", ProxyCheck.METADATA.id());

        assertEquals(Status.UNKNOWN, path.status(), path.reason());
        assertTrue(path.reason().contains("through proxy http://10.40.1.9:3128 for ssmmessages"), path.reason());
        assertEquals(Status.NOT_APPLICABLE, proxy.status(), proxy.reason());
    }

    private CheckResult scan(String cluster, String service, String checkId) {
        String arn = "arn:aws:ecs:" + REGION + ":" + MotoServer.ACCOUNT_ID + ":service/" + cluster + "/" + service;
        return new ReadinessScan(new SdkAccount(clients).readers()).evaluate(new Scope(List.of(cluster),
                null)).service(arn).orElseThrow().result(checkId);
    }

    private record Network(String vpc, String subnet, String taskGroup) {}

    /** A VPC whose subnet has only the local route. */
    private Network isolatedVpc(String cidr) {
        String vpc = seeder.vpc(cidr);
        seeder.vpcDnsHostnames(vpc);
        String subnet = seeder.subnet(vpc, cidr.replace(".0.0/16", ".1.0/24"));
        return new Network(vpc, subnet, seeder.securityGroup(vpc, "tasks"));
    }

    /** An isolated VPC with an ssmmessages interface endpoint (private DNS) admitting the tasks. */
    private Network isolatedVpcWithSsmmessagesEndpoint(String cidr) {
        Network net = isolatedVpc(cidr);
        String endpointGroup = seeder.securityGroup(net.vpc, "endpoints");
        seeder.tcpIngress(endpointGroup, 443, net.taskGroup);
        seeder.interfaceEndpoint(net.vpc, "com.amazonaws." + REGION + ".ssmmessages", net.subnet, endpointGroup);
        return net;
    }

    @SafeVarargs
    private void service(String cluster, String name, Network net, Consumer<ContainerDefinition.Builder> app,
                         Consumer<ContainerDefinition.Builder>... sidecars) {
        String family = cluster + "-" + name;
        seeder.taskDefinition(r -> r.family(family).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
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
        seeder.service(cluster, name, true, r -> r.taskDefinition(family).desiredCount(1)
                .launchType(LaunchType.FARGATE).platformVersion("1.4.0")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(net.subnet)
                        .securityGroups(net.taskGroup))));
    }
}
