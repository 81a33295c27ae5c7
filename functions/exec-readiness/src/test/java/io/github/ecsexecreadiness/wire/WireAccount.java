package io.github.ecsexecreadiness.wire;

import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.moto.MotoAccount;
import io.github.ecsexecreadiness.moto.MotoServer;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * A small account seeded in moto: clusters {@code blue} and {@code green}, each with service {@code web} on
 * its own EC2 container instance (bridge network mode: moto cannot run awsvpc tasks) in a subnet routed to an
 * internet gateway. Each service is mid-deployment: one task of revision 1 (task role {@code <cluster>-old-task})
 * and one of revision 2 (role {@code <cluster>-task}), both roles allowed the ssmmessages channels. Four roles
 * make a sweep read IAM with GetAccountAuthorizationDetails; a one-service scan reads its roles one by one.
 */
public final class WireAccount {
    public static final List<String> CLUSTERS = List.of("blue", "green");
    private static final String ACCOUNT = MotoServer.ACCOUNT_ID;

    private WireAccount() {}

    public static String clusterArn(String cluster) {
        return "arn:aws:ecs:" + MotoServer.REGION.id() + ":" + ACCOUNT + ":cluster/" + cluster;
    }

    public static String serviceArn(String cluster) {
        return "arn:aws:ecs:" + MotoServer.REGION.id() + ":" + ACCOUNT + ":service/" + cluster + "/web";
    }

    public static String roleName(String cluster) {
        return cluster + "-task";
    }

    /** Seeds the account through {@code clients} (pointed at moto itself, not at a proxy). */
    public static void seed(AwsClients clients, MotoServer moto) throws Exception {
        moto.holdStatus("ecs::task");
        var ec2 = clients.ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24")).subnet().subnetId();
        String groupId = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("hosts").description("ECS hosts"))
                .groupId();
        String igwId = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.vpcId(vpcId).internetGatewayId(igwId));
        String mainTable = ec2.describeRouteTables(r -> r.filters(f -> f.name("vpc-id").values(vpcId)))
                .routeTables().getFirst().routeTableId();
        ec2.createRoute(r -> r.routeTableId(mainTable).destinationCidrBlock("0.0.0.0/0").gatewayId(igwId));

        var iam = clients.iam();
        var ecs = clients.ecs();
        for (String cluster : CLUSTERS) {

            String instanceId = ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1)
                    .subnetId(subnetId).securityGroupIds(groupId)).instances().getFirst().instanceId();
            ecs.createCluster(r -> r.clusterName(cluster));
            ecs.registerContainerInstance(r -> r.cluster(cluster).instanceIdentityDocument(
                    "{\"instanceId\":\"%s\",\"region\":\"%s\"}".formatted(instanceId, MotoServer.REGION.id()))
                    .attributes(a -> a.name("ecs.capability.execute-command")));
            for (String role : List.of(cluster + "-old-task", roleName(cluster))) {
                createTaskRole(iam, role);
                ecs.registerTaskDefinition(r -> r.family(cluster + "-web").networkMode(NetworkMode.BRIDGE)
                        .taskRoleArn("arn:aws:iam::" + ACCOUNT + ":role/" + role)
                        .containerDefinitions(c -> c.name("app").image("nginx").memory(256)
                                .linuxParameters(l -> l.initProcessEnabled(true))));
            }
            ecs.createService(r -> r.cluster(cluster).serviceName("web").taskDefinition(cluster + "-web:2")
                    .desiredCount(2).launchType(LaunchType.EC2));
            // moto ignores enableExecuteCommand on CreateService; UpdateService stores it.
            ecs.updateService(r -> r.cluster(cluster).service("web").enableExecuteCommand(true));
            for (String revision : List.of(":1", ":2")) {
                ecs.runTask(r -> r.cluster(cluster).taskDefinition(cluster + "-web" + revision)
                        .launchType(LaunchType.EC2).group("service:web").enableExecuteCommand(true));
            }
        }
    }

    private static void createTaskRole(IamClient iam, String role) {
        iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(MotoAccount.TASK_ROLE_TRUST));
        iam.putRolePolicy(r -> r.roleName(role).policyName("exec").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*",
                 "Action":["ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel",
                           "ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"]}]}"""));
    }
}
