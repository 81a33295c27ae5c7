package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.moto.MotoAccount;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.moto.SdkSeeder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/** The SDK writers against moto: what each call leaves behind, and that repeating it changes nothing. */
@StartsEmulator
class SdkWritersMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();
    private static final String SSMMESSAGES = "com.amazonaws." + MotoServer.REGION.id() + ".ssmmessages";
    private static final Map<String, String> TAGS = Map.of("ecs-exec-readiness:created-by", "ecs-exec-readiness");
    private static final String DOCUMENT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:PutLogEvents"],\
            "Resource":"arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:*"}]}""";

    private AwsClients clients;
    private SdkSeeder seeder;

    @BeforeEach
    void open() {
        clients = moto.newClients();
        seeder = new SdkSeeder(clients, MotoServer.REGION.id());
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void createsAPolicyUnderThePathAndAttachesItOnce() {
        clients.iam().createRole(r -> r.roleName("web-task").path("/ecs-tasks/")
                .assumeRolePolicyDocument(SdkSeeder.TASK_ROLE_TRUST));
        SdkIamWriter iam = new SdkIamWriter(clients.iam());
        String arn = "arn:aws:iam::" + MotoServer.ACCOUNT_ID + ":policy/ecs-exec-readiness/web-logging";
        assertFalse(iam.policyExists(arn));

        assertEquals(arn, iam.createPolicy("/ecs-exec-readiness/", "web-logging", "session logging", DOCUMENT));
        iam.attachRolePolicyTo("web-task", arn);
        iam.attachRolePolicyTo("web-task", arn);

        assertTrue(iam.policyExists(arn));
        assertEquals(List.of(arn), iam.listAttachedRolePolicies("web-task"));
        assertEquals(DOCUMENT, new SdkIamReader(clients.iam()).managedPolicyDocument(arn));
        AwsApiException again = assertThrows(AwsApiException.class,
                () -> iam.createPolicy("/ecs-exec-readiness/", "web-logging", "session logging", DOCUMENT));
        assertEquals("EntityAlreadyExists", again.errorCode());
    }

    @Test
    void listingThePoliciesOfAMissingRoleIsNoSuchEntity() {
        AwsApiException e = assertThrows(AwsApiException.class,
                () -> new SdkIamWriter(clients.iam()).listAttachedRolePolicies("gone"));
        assertEquals("NoSuchEntity", e.errorCode());
    }

    @Test
    void createsATaggedGroupAdmitsHttpsOnceAndFindsItByName() {
        var ec2 = clients.ec2();
        String vpc = seeder.vpc("10.0.0.0/16");
        String tasks = seeder.securityGroup(vpc, "tasks");
        SdkEc2Writer writer = new SdkEc2Writer(ec2);
        assertEquals(Optional.empty(), writer.findSecurityGroup(vpc, "ecs-exec-readiness-ssmmessages"));

        String group = writer.createSecurityGroup(vpc, "ecs-exec-readiness-ssmmessages", "endpoint", TAGS);

        assertEquals(Optional.of(group), writer.findSecurityGroup(vpc, "ecs-exec-readiness-ssmmessages"));
        assertTrue(writer.authorizeTcpIngress(group, 443, tasks));
        assertFalse(writer.authorizeTcpIngress(group, 443, tasks), "InvalidPermission.Duplicate is already done");
        var described = ec2.describeSecurityGroups(r -> r.groupIds(group)).securityGroups().getFirst();
        assertEquals(TAGS, described.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value)));
        assertEquals(1, described.ipPermissions().size());
        assertEquals(tasks, described.ipPermissions().getFirst().userIdGroupPairs().getFirst().groupId());
    }

    /**
     * Moto ignores ClientToken (a second call with the same token creates a second endpoint), so the token's
     * idempotency is modelled by InMemoryAccount only; here the look-first half: the endpoint is found.
     */
    @Test
    void createsAnInterfaceEndpointWithPrivateDnsThatLookingFirstFinds() {
        var ec2 = clients.ec2();
        String vpc = seeder.vpc("10.0.0.0/16");
        String subnet = seeder.subnet(vpc, "10.0.1.0/24");
        String group = seeder.securityGroup(vpc, "vpce");
        SdkEc2Writer writer = new SdkEc2Writer(ec2);
        assertEquals(List.of(), writer.findVpcEndpoints(vpc, SSMMESSAGES));

        Ec2.VpcEndpoint created = writer.createInterfaceEndpoint(vpc, SSMMESSAGES, List.of(subnet), List.of(group),
                TAGS, "ecs-exec-readiness-token-1");

        List<Ec2.VpcEndpoint> found = writer.findVpcEndpoints(vpc, SSMMESSAGES);
        assertEquals(List.of(created.id()), found.stream().map(Ec2.VpcEndpoint::id).toList());
        assertEquals(List.of(), writer.findVpcEndpoints(vpc, "com.amazonaws.eu-west-1.ssm"), "filtered by service");
        Ec2.VpcEndpoint endpoint = found.getFirst();
        assertEquals("Interface", endpoint.vpcEndpointType());
        assertTrue(endpoint.privateDnsEnabled());
        assertEquals(List.of(group), endpoint.securityGroupIds());
        assertEquals(List.of(subnet), endpoint.subnetIds());
        var tags = ec2.describeVpcEndpoints(r -> r.filters(Filter.builder().name("vpc-id").values(vpc).build()))
                .vpcEndpoints().getFirst().tags();
        assertEquals(TAGS, tags.stream().collect(Collectors.toMap(Tag::key, Tag::value)));
    }

    @Test
    void updateServiceTurnsExecOnAndDescribeServicesShowsIt() {
        String vpc = seeder.vpc("10.0.0.0/16");
        String subnet = seeder.subnet(vpc, "10.0.1.0/24");
        String tasks = seeder.securityGroup(vpc, "tasks");
        String cluster = seeder.cluster("shop");
        seeder.taskDefinition(r -> r.family("web").networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .requiresCompatibilitiesWithStrings("FARGATE")
                .containerDefinitions(c -> c.name("web").image("nginx").essential(true)));
        seeder.service("shop", "web", false, r -> r.taskDefinition("web").desiredCount(0).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet).securityGroups(tasks))));
        String service = MotoAccount.serviceArn("shop", "web");
        SdkEcsWriter writer = new SdkEcsWriter(clients.ecs());
        assertFalse(writer.describeService(cluster, service).orElseThrow().enableExecuteCommand());

        Ecs.Service updated = writer.enableExecuteCommandAndRedeploy(cluster, service);

        assertTrue(updated.enableExecuteCommand());
        assertTrue(writer.describeService(cluster, service).orElseThrow().enableExecuteCommand());
        assertTrue(clients.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().getFirst()
                .enableExecuteCommand());
    }

    @Test
    void aServiceThatDoesNotExistIsEmpty() {
        String cluster = seeder.cluster("shop");

        assertEquals(Optional.empty(), new SdkEcsWriter(clients.ecs()).describeService(cluster,
                "arn:aws:ecs:eu-west-1:" + MotoServer.ACCOUNT_ID + ":service/shop/gone"));
    }
}
