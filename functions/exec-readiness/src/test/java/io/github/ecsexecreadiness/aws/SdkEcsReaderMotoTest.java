package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.collect.EcsReader;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.moto.MotoServer;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.OSFamily;

/** SdkEcsReader against moto: what it reads from real-shaped responses. */
@StartsEmulator
class SdkEcsReaderMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final String ACCOUNT = MotoServer.ACCOUNT_ID;
    private static final String CLUSTER_ARN = "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":cluster/prod";
    private static final int SERVICES = 12;

    private AwsClients clients;
    private EcsClient ecs;
    private EcsReader reader;
    private String subnetId;
    private String groupId;

    @BeforeEach
    void seed() {
        clients = moto.newClients();
        ecs = clients.ecs();
        reader = new SdkEcsReader(ecs);
        var ec2 = clients.ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24")).subnet().subnetId();
        groupId = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("tasks").description("tasks")).groupId();

        ecs.createCluster(r -> r.clusterName("prod")
                .configuration(c -> c.executeCommandConfiguration(e -> e.kmsKeyId("alias/exec").logging("OVERRIDE")
                        .logConfiguration(l -> l.cloudWatchLogGroupName("/exec").cloudWatchEncryptionEnabled(true)
                                .s3BucketName("exec-logs").s3EncryptionEnabled(false).s3KeyPrefix("prod/"))))
                .tags(t -> t.key("team").value("payments")));
        ecs.createCluster(r -> r.clusterName("bare"));
        ecs.registerTaskDefinition(r -> r.family("web").networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .requiresCompatibilitiesWithStrings("FARGATE")
                .taskRoleArn("arn:aws:iam::" + ACCOUNT + ":role/web-task").pidMode("task")
                .runtimePlatform(p -> p.operatingSystemFamily(OSFamily.LINUX))
                .volumes(v -> v.name("data"))
                .containerDefinitions(c -> c.name("app").image("nginx").memory(512)
                        .environment(e -> e.name("MODE").value("live"), e -> e.name("EMPTY"))
                        .secrets(s -> s.name("DB_PASSWORD").valueFrom("arn:aws:ssm:eu-west-1:" + ACCOUNT + ":parameter/db"))
                        .environmentFiles(f -> f.type("s3").value("arn:aws:s3:::cfg/app.env"))
                        .readonlyRootFilesystem(true)
                        .linuxParameters(l -> l.initProcessEnabled(true))
                        .mountPoints(m -> m.sourceVolume("data").containerPath("/data").readOnly(false))
                        .restartPolicy(p -> p.enabled(true))
                        .logConfiguration(l -> l.logDriver("awslogs").options(Map.of("awslogs-group", "/web"))),
                        c -> c.name("sidecar").image("busybox").memory(64).essential(false)));
        ecs.registerTaskDefinition(r -> r.family("worker").networkMode(NetworkMode.BRIDGE)
                .containerDefinitions(c -> c.name("worker").image("busybox").memory(128)));

        IntStream.range(0, SERVICES).forEach(i -> ecs.createService(r -> r.cluster("prod")
                .serviceName("svc-%02d".formatted(i)).taskDefinition("web").desiredCount(1)
                .launchType(LaunchType.FARGATE).platformVersion("1.4.0")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnetId).securityGroups(groupId)
                        .assignPublicIp(i == 0 ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)))
                .tags(t -> t.key("index").value(Integer.toString(i)))));
        // moto ignores enableExecuteCommand on CreateService; UpdateService stores it.
        ecs.updateService(r -> r.cluster("prod").service("svc-00").enableExecuteCommand(true));
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void readsClustersWithExecuteCommandConfigurationAndTags() {
        List<String> arns = reader.listClusters();
        assertEquals(2, arns.size());
        var described = reader.describeClusters(List.of(CLUSTER_ARN, "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":cluster/bare",
                "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":cluster/gone"));

        var prod = described.found().stream().filter(c -> c.name().equals("prod")).findFirst().orElseThrow();
        var bare = described.found().stream().filter(c -> c.name().equals("bare")).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals(CLUSTER_ARN, prod.arn()),
                () -> assertEquals(new Ecs.ExecuteCommandConfiguration("alias/exec", "OVERRIDE", "/exec", true,
                        "exec-logs", false, "prod/"), prod.executeCommandConfiguration()),
                () -> assertEquals(Map.of("team", "payments"), prod.tags()),
                () -> assertEquals(Ecs.ExecuteCommandConfiguration.NONE_SET, bare.executeCommandConfiguration()),
                () -> assertEquals(List.of("arn:aws:ecs:eu-west-1:" + ACCOUNT + ":cluster/gone"), described.missing()));
    }

    @Test
    void describesServicesInBatchesAndReportsMissingOnes() {
        List<String> arns = reader.listServices(CLUSTER_ARN);
        assertEquals(SERVICES, arns.size());
        // A deleted service stays describable as INACTIVE for a while (in ECS and moto); one never seen is MISSING.
        ecs.deleteService(r -> r.cluster("prod").service("svc-11").force(true));

        var first = reader.describeServices(CLUSTER_ARN, arns.subList(0, EcsReader.DESCRIBE_SERVICES_MAX));
        var rest = reader.describeServices(CLUSTER_ARN, List.of(arns.get(10), arns.get(11), "never-created"));

        assertEquals(EcsReader.DESCRIBE_SERVICES_MAX, first.found().size());
        assertEquals(2, rest.found().size());
        assertEquals(1, rest.missing().size());
        assertTrue(rest.missing().getFirst().endsWith("never-created"), rest.missing().toString());
        assertEquals("INACTIVE", rest.found().stream().filter(s -> s.name().equals("svc-11")).findFirst().orElseThrow()
                .status());

        var svc = first.found().stream().filter(s -> s.name().equals("svc-00")).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals(CLUSTER_ARN, svc.clusterArn()),
                () -> assertEquals("ACTIVE", svc.status()),
                () -> assertTrue(svc.enableExecuteCommand()),
                () -> assertEquals("FARGATE", svc.launchType()),
                () -> assertEquals("1.4.0", svc.platformVersion()),
                () -> assertTrue(svc.taskDefinitionArn().endsWith("task-definition/web:1")),
                () -> assertEquals("ECS", svc.deploymentController()),
                () -> assertEquals("PRIMARY", svc.deployments().getFirst().status()),
                () -> assertEquals(svc.taskDefinitionArn(), svc.deployments().getFirst().taskDefinitionArn()),
                () -> assertEquals(new Ecs.AwsVpcConfiguration(List.of(subnetId), List.of(groupId), true),
                        svc.awsvpcConfiguration()),
                () -> assertEquals(Map.of("index", "0"), svc.tags()),
                () -> assertEquals(1, svc.desiredCount()));
        var other = first.found().stream().filter(s -> s.name().equals("svc-01")).findFirst().orElseThrow();
        assertFalse(other.enableExecuteCommand());
        assertFalse(other.awsvpcConfiguration().assignPublicIp());
    }

    @Test
    void readsTaskDefinitionContainers() {
        var definition = reader.describeTaskDefinition("web");

        var app = definition.containerDefinitions().getFirst();
        var sidecar = definition.containerDefinitions().get(1);
        assertAll(
                () -> assertEquals("arn:aws:ecs:eu-west-1:" + ACCOUNT + ":task-definition/web:1", definition.arn()),
                () -> assertEquals("arn:aws:iam::" + ACCOUNT + ":role/web-task", definition.taskRoleArn()),
                () -> assertEquals("awsvpc", definition.networkMode()),
                () -> assertEquals("task", definition.pidMode()),
                () -> assertEquals("LINUX", definition.operatingSystemFamily()),
                () -> assertEquals("app", app.name()),
                () -> assertEquals(Map.of("MODE", "live", "EMPTY", ""), app.environment()),
                () -> assertEquals(List.of("DB_PASSWORD"), app.secretNames()),
                () -> assertTrue(app.hasEnvironmentFiles()),
                () -> assertTrue(app.readonlyRootFilesystem()),
                () -> assertEquals(Boolean.TRUE, app.initProcessEnabled()),
                () -> assertEquals(List.of(new Ecs.MountPoint("data", "/data", false)), app.mountPoints()),
                () -> assertTrue(app.restartPolicyEnabled()),
                () -> assertEquals("awslogs", app.logDriver()),
                () -> assertEquals(Map.of("awslogs-group", "/web"), app.logOptions()),
                () -> assertNull(sidecar.initProcessEnabled()),
                () -> assertFalse(sidecar.readonlyRootFilesystem()),
                () -> assertFalse(sidecar.restartPolicyEnabled()),
                () -> assertFalse(sidecar.hasEnvironmentFiles()),
                () -> assertNull(sidecar.logDriver()),
                () -> assertTrue(app.essential(), "essential unless set false"),
                () -> assertFalse(sidecar.essential()));
    }

    @Test
    void unknownTaskDefinitionIsAnApiErrorNamingTheOperation() {
        var error = assertThrows(AwsApiException.class,
                () -> reader.describeTaskDefinition("arn:aws:ecs:eu-west-1:" + ACCOUNT + ":task-definition/nope:9"));

        assertEquals("ECS.DescribeTaskDefinition", error.operation());
        assertEquals("ClientException", error.errorCode());
    }

    @Test
    void readsRunningTasksAndTheirContainerInstance() throws Exception {
        moto.holdStatus("ecs::task");
        var ec2 = clients.ec2();
        String instanceId = ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).subnetId(subnetId))
                .instances().getFirst().instanceId();
        String document = "{\"instanceId\":\"%s\",\"region\":\"eu-west-1\"}".formatted(instanceId);
        String instanceArn = ecs.registerContainerInstance(r -> r.cluster("prod").instanceIdentityDocument(document))
                .containerInstance().containerInstanceArn();
        ecs.runTask(r -> r.cluster("prod").taskDefinition("worker").launchType(LaunchType.EC2).count(2));

        List<String> taskArns = reader.listTasks(CLUSTER_ARN, null);
        var tasks = reader.describeTasks(CLUSTER_ARN, taskArns);
        var instances = reader.describeContainerInstances(CLUSTER_ARN,
                List.of(instanceArn, "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":container-instance/prod/deregistered"));

        assertEquals(2, tasks.found().size());
        var task = tasks.found().getFirst();
        assertAll(
                () -> assertEquals(CLUSTER_ARN, task.clusterArn()),
                () -> assertEquals("RUNNING", task.lastStatus()),
                () -> assertEquals("RUNNING", task.desiredStatus()),
                () -> assertEquals("EC2", task.launchType()),
                () -> assertEquals("family:worker", task.group()),
                () -> assertEquals(instanceArn, task.containerInstanceArn()),
                () -> assertNull(task.networkInterface()),
                () -> assertEquals(List.of("worker"), task.containers().stream().map(Ecs.Container::name).toList()));
        var instance = instances.found().getFirst();
        assertAll(
                () -> assertEquals(instanceArn, instance.arn()),
                () -> assertEquals(instanceId, instance.ec2InstanceId()),
                () -> assertTrue(instance.agentConnected()),
                () -> assertEquals("ACTIVE", instance.status()),
                () -> assertTrue(instance.attributeNames().contains("ecs.os-type"), instance.attributeNames().toString()),
                // moto reports the short ARN form; ECS echoes what was asked. Either way it names the instance.
                () -> assertEquals(1, instances.missing().size()),
                () -> assertTrue(instances.missing().getFirst().endsWith("/deregistered"), instances.missing().toString()));
    }

    @Test
    void countsEveryCall() {
        reader.listClusters();
        var arns = reader.listServices(CLUSTER_ARN);
        reader.describeServices(CLUSTER_ARN, arns.subList(0, 10));
        reader.describeServices(CLUSTER_ARN, arns.subList(10, 12));

        var counts = clients.apiCalls().snapshot();
        assertEquals(1L, counts.get("ECS.ListClusters"));
        assertEquals(1L, counts.get("ECS.ListServices"));
        assertEquals(2L, counts.get("ECS.DescribeServices"));
        assertEquals(SERVICES + 1L, counts.get("ECS.CreateService") + counts.get("ECS.UpdateService"));
    }
}
