package io.github.ecsexecreadiness.wire;

import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.moto.SdkSeeder;
import io.github.ecsexecreadiness.seed.AccountSeeder;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.LaunchType;
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
        seed(new SdkSeeder(clients, MotoServer.REGION.id()));
    }

    /** Seeds the account with {@code seeder} (the emulator's task status already held). */
    public static void seed(AccountSeeder seeder) {
        String vpcId = seeder.vpc("10.0.0.0/16");
        String subnetId = seeder.subnet(vpcId, "10.0.1.0/24");
        String groupId = seeder.securityGroup(vpcId, "hosts");
        String igwId = seeder.internetGateway(vpcId);
        seeder.route(seeder.mainRouteTable(vpcId), "0.0.0.0/0", igwId);

        for (String cluster : CLUSTERS) {
            seeder.cluster(cluster);
            seeder.containerInstance(cluster, subnetId, groupId);
            for (String role : List.of(cluster + "-old-task", roleName(cluster))) {
                String roleArn = seeder.taskRole(role, "exec", SdkSeeder.CHANNELS_POLICY);
                seeder.taskDefinition(r -> r.family(cluster + "-web").networkMode(NetworkMode.BRIDGE)
                        .taskRoleArn(roleArn)
                        .containerDefinitions(c -> c.name("app").image("nginx").memory(256)
                                .linuxParameters(l -> l.initProcessEnabled(true))));
            }
            seeder.service(cluster, "web", true, r -> r.taskDefinition(cluster + "-web:2").desiredCount(2)
                    .launchType(LaunchType.EC2));
            for (String revision : List.of(":1", ":2")) {
                seeder.serviceTask(cluster, "web", cluster + "-web" + revision);
            }
        }
    }
}
