package io.github.ecsexecreadiness.moto;

import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.seed.AccountSeeder;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The {@link AccountSeeder} steps made as SDK calls, seeding an emulated account (moto, LocalStack): what
 * {@link MotoAccount} and {@code WireAccount} are written in. Each step works around the
 * emulators' gaps once (moto ignores enableExecuteCommand on CreateService; its container instances lack the
 * execute-command attribute the agent registers). Moto's RunTask cannot start a Fargate or awsvpc task, so a
 * running service task is an EC2 bridge-mode task grouped as the service's ({@link #serviceTask}); tasks carry no
 * managedAgents. What needs those (awsvpc task ENIs, agent states, failed reads) is described in memory only,
 * with {@code check/Scenario} and {@code InMemoryAccount}.
 */
public final class SdkSeeder implements AccountSeeder {
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
    private final Route53Client route53;
    private final String region;

    public SdkSeeder(AwsClients clients, String region) {
        this.ecs = clients.ecs();
        this.iam = clients.iam();
        this.ec2 = clients.ec2();
        this.route53 = clients.route53();
        this.region = region;
    }

    @Override
    public String vpc(String cidr) {
        return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
    }

    @Override
    public String subnet(String vpc, String cidr) {
        return ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr).availabilityZone(region + "a")).subnet()
                .subnetId();
    }

    @Override
    public String securityGroup(String vpc, String name) {
        return ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName(name).description(name)).groupId();
    }

    /** An internet gateway attached to {@code vpc}. */
    @Override
    public String internetGateway(String vpc) {
        String igw = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
        return igw;
    }

    @Override
    public void vpcDnsHostnames(String vpc) {
        ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsSupport(v -> v.value(true)));
        ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(v -> v.value(true)));
    }

    @Override
    public void tcpIngress(String group, int port, String sourceGroup) {
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(p -> p.ipProtocol("tcp")
                .fromPort(port).toPort(port).userIdGroupPairs(g -> g.groupId(sourceGroup))));
    }

    @Override
    public String networkAcl(String vpc, String subnet) {
        String acl = ec2.createNetworkAcl(r -> r.vpcId(vpc)).networkAcl().networkAclId();
        String association = ec2.describeNetworkAcls(r -> r.filters(f -> f.name("association.subnet-id")
                        .values(subnet))).networkAcls().getFirst().associations().stream()
                .filter(a -> subnet.equals(a.subnetId())).findFirst().orElseThrow().networkAclAssociationId();
        ec2.replaceNetworkAclAssociation(r -> r.associationId(association).networkAclId(acl));
        return acl;
    }

    @Override
    public void networkAclEntry(String networkAcl, int ruleNumber, boolean egress, String cidr, int fromPort,
                                int toPort) {
        ec2.createNetworkAclEntry(r -> r.networkAclId(networkAcl).ruleNumber(ruleNumber).egress(egress).protocol("6")
                .ruleAction(RuleAction.ALLOW).cidrBlock(cidr).portRange(p -> p.from(fromPort).to(toPort)));
    }

    /** AWS defaults connectivityType to public and always returns it; moto returns it only when it is given. */
    @Override
    public String natGateway(String publicSubnet) {
        String eip = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
        return ec2.createNatGateway(r -> r.subnetId(publicSubnet).allocationId(eip).connectivityType("public"))
                .natGateway().natGatewayId();
    }

    @Override
    public String mainRouteTable(String vpc) {
        return ec2.describeRouteTables(r -> r.filters(f -> f.name("vpc-id").values(vpc),
                f -> f.name("association.main").values("true"))).routeTables().getFirst().routeTableId();
    }

    @Override
    public String routeTable(String vpc, String subnet) {
        String table = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        ec2.associateRouteTable(r -> r.routeTableId(table).subnetId(subnet));
        return table;
    }

    @Override
    public void route(String routeTable, String destinationCidr, String target) {
        ec2.createRoute(r -> {
            r.routeTableId(routeTable).destinationCidrBlock(destinationCidr);
            if (target.startsWith("nat-")) {
                r.natGatewayId(target);
            } else {
                r.gatewayId(target);
            }
        });
    }

    @Override
    public String interfaceEndpoint(String vpc, String serviceName, String subnet, String securityGroup) {
        return ec2.createVpcEndpoint(r -> r.vpcId(vpc).vpcEndpointType(VpcEndpointType.INTERFACE)
                .serviceName(serviceName).subnetIds(subnet).securityGroupIds(securityGroup).privateDnsEnabled(true))
                .vpcEndpoint().vpcEndpointId();
    }

    /** Route 53 gives the id as /hostedzone/ID; ListHostedZonesByVPC names it by ID alone. */
    @Override
    public String privateHostedZone(String name, String vpc) {
        String id = route53.createHostedZone(r -> r.name(name).callerReference(name + "@" + vpc)
                .hostedZoneConfig(c -> c.privateZone(true)).vpc(v -> v.vpcId(vpc).vpcRegion(region)))
                .hostedZone().id();
        return id.substring(id.lastIndexOf('/') + 1);
    }

    /** A task role ({@link #TASK_ROLE_TRUST}) with one inline policy {@code policyName}, or none when null. */
    @Override
    public String taskRole(String name, String policyName, String policyDocument) {
        String arn = iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TASK_ROLE_TRUST)).role().arn();
        if (policyName != null) {
            iam.putRolePolicy(r -> r.roleName(name).policyName(policyName).policyDocument(policyDocument));
        }
        return arn;
    }

    @Override
    public String managedPolicy(String name, String document) {
        return iam.createPolicy(r -> r.policyName(name).policyDocument(document)).policy().arn();
    }

    @Override
    public void attachRolePolicy(String roleName, String policyArn) {
        iam.attachRolePolicy(r -> r.roleName(roleName).policyArn(policyArn));
    }

    @Override
    public String cluster(String name, Consumer<CreateClusterRequest.Builder> cluster) {
        return ecs.createCluster(r -> cluster.accept(r.clusterName(name))).cluster().clusterArn();
    }

    /**
     * An EC2 instance in {@code subnet} registered as a container instance of {@code cluster}, with the attribute
     * ecs.capability.execute-command its agent would register where ECS Exec can work. Returns its ARN.
     */
    @Override
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

    @Override
    public void taskDefinition(Consumer<RegisterTaskDefinitionRequest.Builder> definition) {
        ecs.registerTaskDefinition(definition);
    }

    /**
     * Service {@code name} in {@code cluster}; with {@code exec}, ECS Exec turned on by UpdateService, as a person
     * fixing a service would (moto keeps the flag only from UpdateService).
     */
    @Override
    public void service(String cluster, String name, boolean exec, Consumer<CreateServiceRequest.Builder> service) {
        ecs.createService(r -> service.accept(r.cluster(cluster).serviceName(name)));
        if (exec) {
            ecs.updateService(r -> r.cluster(cluster).service(name).enableExecuteCommand(true));
        }
    }

    /** A task of {@code taskDefinition} with exec on, grouped as service {@code service}'s tasks are. */
    @Override
    public String serviceTask(String cluster, String service, String taskDefinition) {
        return ecs.runTask(r -> r.cluster(cluster).taskDefinition(taskDefinition).launchType(LaunchType.EC2)
                .group("service:" + service).enableExecuteCommand(true)).tasks().getFirst().taskArn();
    }
}
