package io.github.ecsexecreadiness.moto;

import io.github.ecsexecreadiness.aws.AwsClients;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The steps that seed an emulated account through the SDK alone (moto, LocalStack), in AWS's words: the one
 * vocabulary {@link MotoAccount} and {@code WireAccount} write their accounts in. Each step works around the
 * emulators' gaps once (moto ignores enableExecuteCommand on CreateService; its container instances lack the
 * execute-command attribute the agent registers). Moto's RunTask cannot start a Fargate or awsvpc task, so a
 * running service task is an EC2 bridge-mode task grouped as the service's ({@link #serviceTask}); tasks carry no
 * managedAgents. What needs those (awsvpc task ENIs, agent states, failed reads) is described in memory only,
 * with {@code check/Scenario} and {@code InMemoryAccount}.
 */
public final class SdkSeeder {
    /** Trust policy of a task role: only ECS tasks may assume it. */
    public static final String TASK_ROLE_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";
    /** The four ssmmessages actions the ECS Exec agent opens its channels with, as a JSON list body. */
    public static final String CHANNEL_ACTIONS = """
            "ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel",\
            "ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel\"""";
    /** A task role policy allowing only {@link #CHANNEL_ACTIONS}. */
    public static final String CHANNELS_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[%s],"Resource":"*"}]}"""
            .formatted(CHANNEL_ACTIONS);

    private final EcsClient ecs;
    private final IamClient iam;
    private final Ec2Client ec2;
    private final String region;

    public SdkSeeder(AwsClients clients, String region) {
        this.ecs = clients.ecs();
        this.iam = clients.iam();
        this.ec2 = clients.ec2();
        this.region = region;
    }

    public String vpc(String cidr) {
        return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
    }

    public String subnet(String vpc, String cidr) {
        return ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr).availabilityZone(region + "a")).subnet()
                .subnetId();
    }

    public String securityGroup(String vpc, String name) {
        return ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName(name).description(name)).groupId();
    }

    /** An internet gateway attached to {@code vpc}. */
    public String internetGateway(String vpc) {
        String igw = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
        return igw;
    }

    /** A task role ({@link #TASK_ROLE_TRUST}) with one inline policy {@code policyName}, or none when null. */
    public String taskRole(String name, String policyName, String policyDocument) {
        String arn = iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TASK_ROLE_TRUST)).role().arn();
        if (policyName != null) {
            iam.putRolePolicy(r -> r.roleName(name).policyName(policyName).policyDocument(policyDocument));
        }
        return arn;
    }

    /**
     * An EC2 instance in {@code subnet} registered as a container instance of {@code cluster}, with the attribute
     * ecs.capability.execute-command its agent would register where ECS Exec can work. Returns its ARN.
     */
    public String containerInstance(String cluster, String subnet, String securityGroup) {
        String instanceId = ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1)
                .subnetId(subnet).securityGroupIds(securityGroup)).instances().getFirst().instanceId();
        String arn = ecs.registerContainerInstance(r -> r.cluster(cluster).instanceIdentityDocument(
                "{\"instanceId\":\"%s\",\"region\":\"%s\"}".formatted(instanceId, region)))
                .containerInstance().containerInstanceArn();
        ecs.putAttributes(r -> r.cluster(cluster).attributes(a -> a.name("ecs.capability.execute-command")
                .targetId(arn)));
        return arn;
    }

    public void taskDefinition(Consumer<RegisterTaskDefinitionRequest.Builder> definition) {
        ecs.registerTaskDefinition(definition);
    }

    /**
     * Service {@code name} in {@code cluster}; with {@code exec}, ECS Exec turned on by UpdateService, as a person
     * fixing a service would (moto keeps the flag only from UpdateService).
     */
    public void service(String cluster, String name, boolean exec, Consumer<CreateServiceRequest.Builder> service) {
        ecs.createService(r -> service.accept(r.cluster(cluster).serviceName(name)));
        if (exec) {
            ecs.updateService(r -> r.cluster(cluster).service(name).enableExecuteCommand(true));
        }
    }

    /** A task of {@code taskDefinition} with exec on, grouped as service {@code service}'s tasks are. */
    public String serviceTask(String cluster, String service, String taskDefinition) {
        return ecs.runTask(r -> r.cluster(cluster).taskDefinition(taskDefinition).launchType(LaunchType.EC2)
                .group("service:" + service).enableExecuteCommand(true)).tasks().getFirst().taskArn();
    }
}
