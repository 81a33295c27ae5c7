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
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.memory.InMemorySeeder;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.moto.SdkSeeder;
import io.github.ecsexecreadiness.seed.AccountSeeder;
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

/**
 * The network, proxy and container verdicts end to end: each case written once in {@link AccountSeeder}'s steps and
 * seeded both into moto (read by the SDK readers, Route 53 included) and into memory, with the same verdict on both.
 * Each service has no internet route; what differs is the cluster's KMS key, a hub's private hosted zone, a
 * read-only log router, a container's HTTPS_PROXY and the network ACL of the ssmmessages endpoint's subnet.
 */
@StartsEmulator
class NetworkVerdictsMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();
    private static final String REGION = MotoServer.REGION.id();

    private AwsClients clients;
    /** Moto's account and an empty one in memory, each case seeded into both. */
    private List<Account> motoAndMemory;

    @BeforeEach
    void open() {
        clients = moto.newClients();
        var memory = new InMemoryAccount(MotoServer.ACCOUNT_ID, REGION);
        motoAndMemory = List.of(new Account("moto", new SdkSeeder(clients, REGION), new SdkAccount(clients).readers()),
                new Account("memory", new InMemorySeeder(memory), memory.readers()));
    }

    @AfterEach
    void close() {
        clients.close();
    }

    /** An account to seed a case into, and to scan. */
    private record Account(String name, AccountSeeder seeder, AccountReaders readers) {
        CheckResult scan(String cluster, String service, String checkId) {
            String arn = "arn:aws:ecs:" + REGION + ":" + MotoServer.ACCOUNT_ID + ":service/" + cluster + "/" + service;
            return new ReadinessScan(readers).evaluate(new Scope(List.of(cluster), null)).service(arn).orElseThrow()
                    .result(checkId);
        }
    }

    @Test
    void kmsEncryptedClusterWithOnlyAnSsmmessagesEndpointHasNoPathToKms() {
        for (Account account : motoAndMemory) {
            Network net = isolatedVpcWithSsmmessagesEndpoint(account.seeder(), "10.10.0.0/16");
            account.seeder().cluster("kms", r -> r.configuration(c -> c.executeCommandConfiguration(e -> e
                    .kmsKeyId("arn:aws:kms:" + REGION + ":" + MotoServer.ACCOUNT_ID + ":key/1234abcd"))));
            service(account.seeder(), "kms", "app", net, c -> {});

            CheckResult result = account.scan("kms", "app", SsmmessagesPathCheck.METADATA.id());

            String why = account.name() + ": " + result.reason();
            assertEquals(Status.FAIL, result.status(), why);
            assertTrue(result.reason().contains("kms: subnet " + net.subnet + " -> "), why);
            assertTrue(result.reason().contains("no route to kms"), why);
        }
    }

    @Test
    void spokeWithAHubsPrivateHostedZoneForSsmmessagesIsUnknownNotFail() {
        for (Account account : motoAndMemory) {
            Network net = isolatedVpc(account.seeder(), "10.20.0.0/16");
            account.seeder().privateHostedZone("ssmmessages." + REGION + ".amazonaws.com", net.vpc);
            account.seeder().cluster("spoke");
            service(account.seeder(), "spoke", "app", net, c -> {});

            CheckResult result = account.scan("spoke", "app", SsmmessagesPathCheck.METADATA.id());

            String why = account.name() + ": " + result.reason();
            assertEquals(Status.UNKNOWN, result.status(), why);
            assertTrue(result.reason().contains("resolves through private hosted zone"), why);
        }
    }

    @Test
    void aReadOnlyLogRouterBesideTheAppIsAWarning() {
        for (Account account : motoAndMemory) {
            Network net = isolatedVpcWithSsmmessagesEndpoint(account.seeder(), "10.30.0.0/16");
            account.seeder().cluster("firelens");
            service(account.seeder(), "firelens", "app", net, c -> {}, c -> c.name("log-router").image("fluent-bit")
                    .essential(false).readonlyRootFilesystem(true));

            CheckResult result = account.scan("firelens", "app", ReadonlyRootCheck.METADATA.id());

            String why = account.name() + ": " + result.reason();
            assertEquals(Status.WARN, result.status(), why);
            assertTrue(result.reason().contains("log-router"), why);
        }
    }

    @Test
    void onlyHttpsProxyLeavesTheMetadataDirectAndThePathToTheProxy() {
        for (Account account : motoAndMemory) {
            Network net = isolatedVpc(account.seeder(), "10.40.0.0/16");
            account.seeder().cluster("proxied");
            service(account.seeder(), "proxied", "app", net,
                    c -> c.environment(e -> e.name("HTTPS_PROXY").value("http://10.40.1.9:3128")));

            CheckResult path = account.scan("proxied", "app", SsmmessagesPathCheck.METADATA.id());
            CheckResult proxy = account.scan("proxied", "app", ProxyCheck.METADATA.id());

            assertEquals(Status.UNKNOWN, path.status(), account.name() + ": " + path.reason());
            assertTrue(path.reason().contains("through proxy http://10.40.1.9:3128 for ssmmessages"),
                    account.name() + ": " + path.reason());
            assertEquals(Status.NOT_APPLICABLE, proxy.status(), account.name() + ": " + proxy.reason());
        }
    }

    @Test
    void anEndpointSubnetAclWithoutInbound443BlocksTheTasksUntilARuleAdmitsThem() {
        for (Account account : motoAndMemory) {
            AccountSeeder seeder = account.seeder();
            Network net = isolatedVpc(seeder, "10.50.0.0/16");
            String endpointSubnet = seeder.subnet(net.vpc, "10.50.2.0/24");
            ssmmessagesEndpoint(seeder, net, endpointSubnet);
            String acl = seeder.networkAcl(net.vpc, endpointSubnet);
            seeder.networkAclEntry(acl, 100, true, "10.50.1.0/24", 1024, 65535);
            seeder.cluster("acl");
            service(seeder, "acl", "app", net, c -> {});

            CheckResult blocked = account.scan("acl", "app", NetworkAclCheck.METADATA.id());
            seeder.networkAclEntry(acl, 100, false, "10.50.1.0/24", 443, 443);
            CheckResult admitted = account.scan("acl", "app", NetworkAclCheck.METADATA.id());

            assertEquals(Status.FAIL, blocked.status(), account.name() + ": " + blocked.reason());
            assertTrue(blocked.reason().contains("network ACL " + acl + " of subnet " + endpointSubnet
                    + ": rule * denies inbound TCP 443 from 10.50.1."), account.name() + ": " + blocked.reason());
            assertEquals(Status.PASS, admitted.status(), account.name() + ": " + admitted.reason());
            assertTrue(admitted.reason().contains("network ACL " + acl + " of subnet " + endpointSubnet
                    + " allows inbound TCP 443 from 10.50.1."), account.name() + ": " + admitted.reason());
        }
    }

    private record Network(String vpc, String subnet, String taskGroup) {}

    /** A VPC whose subnet has only the local route. */
    private static Network isolatedVpc(AccountSeeder seeder, String cidr) {
        String vpc = seeder.vpc(cidr);
        seeder.vpcDnsHostnames(vpc);
        String subnet = seeder.subnet(vpc, cidr.replace(".0.0/16", ".1.0/24"));
        return new Network(vpc, subnet, seeder.securityGroup(vpc, "tasks"));
    }

    /** An isolated VPC with an ssmmessages interface endpoint (private DNS) admitting the tasks. */
    private static Network isolatedVpcWithSsmmessagesEndpoint(AccountSeeder seeder, String cidr) {
        Network net = isolatedVpc(seeder, cidr);
        ssmmessagesEndpoint(seeder, net, net.subnet);
        return net;
    }

    /** An ssmmessages interface endpoint (private DNS) in {@code subnet} whose security group admits the tasks. */
    private static void ssmmessagesEndpoint(AccountSeeder seeder, Network net, String subnet) {
        String endpointGroup = seeder.securityGroup(net.vpc, "endpoints");
        seeder.tcpIngress(endpointGroup, 443, net.taskGroup);
        seeder.interfaceEndpoint(net.vpc, "com.amazonaws." + REGION + ".ssmmessages", subnet, endpointGroup);
    }

    @SafeVarargs
    private static void service(AccountSeeder seeder, String cluster, String name, Network net,
                                Consumer<ContainerDefinition.Builder> app,
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
