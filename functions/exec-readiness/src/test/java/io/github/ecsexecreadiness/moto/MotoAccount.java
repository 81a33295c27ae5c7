package io.github.ecsexecreadiness.moto;

import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.seed.AccountSeeder;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * A small account seeded into moto for end-to-end scans: three ready services and one service per defect.
 *
 * <pre>
 * cluster prod (ECS Exec logging OVERRIDE to log group /ecs/exec), Fargate awsvpc services, exec on:
 *   web             role app-task (inline ssmmessages + logs), subnet routed to a NAT    ready
 *   api             role managed-task (customer managed ssmmessages policy), subnet of a
 *                   VPC with an ssmmessages endpoint (private DNS, SG admits 443)        ready
 *   static-creds    AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment           ready, WARN
 *   isolated        like web, in a subnet with only the local route                      network.ssmmessages
 *   no-role         task definition without taskRoleArn                                 iam.task-role
 *   no-permissions  role bare-task with no policy                                        iam.ssmmessages
 *   readonly        readonlyRootFilesystem true                                          container.readonly-root
 *   exec-off        created without exec and never updated                               exec.service-flag
 * cluster legacy (no executeCommandConfiguration): EC2 bridge service worker, one RUNNING task on a registered
 *   container instance in the NAT subnet.
 * </pre>
 *
 * Written once in {@link AccountSeeder}'s steps: seeded into moto by {@link SdkSeeder} (which turns exec on with
 * UpdateService: moto 5.2.1 ignores it on CreateService), or into memory by {@code memory/InMemorySeeder}.
 */
public final class MotoAccount {
    public static final String REGION = MotoServer.REGION.id();
    public static final String ACCOUNT = MotoServer.ACCOUNT_ID;
    public static final String PROD = "prod";
    public static final String LEGACY = "legacy";
    public static final String EXEC_LOG_GROUP = "/ecs/exec";

    /** The four channel actions and the CloudWatch Logs actions for the cluster's session log. */
    private static final String CHANNELS_AND_LOGS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[%s],"Resource":"*"},\
            {"Effect":"Allow","Action":["logs:DescribeLogGroups","logs:CreateLogStream","logs:DescribeLogStreams",\
            "logs:PutLogEvents"],"Resource":"*"}]}""".formatted(SdkSeeder.CHANNEL_ACTIONS);

    private final AccountSeeder seeder;

    // Network
    public String natVpc;
    public String natPrivateSubnet;
    public String publicSubnet;
    public String isolatedSubnet;
    public String natGateway;
    public String natTaskGroup;
    public String endpointVpc;
    public String endpointSubnet;
    public String endpointTaskGroup;
    public String endpointGroup;
    public String ssmmessagesEndpoint;
    // IAM
    public String appTaskRole;
    public String managedTaskRole;
    public String credsTaskRole;
    public String bareTaskRole;
    public String channelsPolicy;
    // ECS
    public String workerTask;
    public String workerInstance;

    private MotoAccount(AccountSeeder seeder) {
        this.seeder = seeder;
    }

    /** Seeds the whole account through {@code clients} (use other clients to scan, so their call count is clean). */
    public static MotoAccount seed(AwsClients clients, MotoServer moto) throws Exception {
        return seed(clients, () -> moto.holdStatus("ecs::task"));
    }

    /**
     * Seeds the account through {@code clients} at any endpoint (only the SDK is used); {@code holdTaskStatus}
     * runs before the worker task starts, to keep the emulator from stopping it.
     */
    public static MotoAccount seed(AwsClients clients, HoldTaskStatus holdTaskStatus) throws Exception {
        return seed(new SdkSeeder(clients, REGION), holdTaskStatus);
    }

    /**
     * Seeds the account with {@code seeder}: moto's ({@link SdkSeeder}) or memory's (an {@code InMemoryAccount}
     * of {@link #ACCOUNT} in {@link #REGION}, for the same ARNs).
     */
    public static MotoAccount seed(AccountSeeder seeder, HoldTaskStatus holdTaskStatus) throws Exception {
        var account = new MotoAccount(seeder);
        account.network();
        account.roles();
        account.services();
        account.runningWorker(holdTaskStatus);
        return account;
    }

    /** Keeps the emulator's tasks RUNNING (moto moves them towards STOPPED each time they are described). */
    @FunctionalInterface
    public interface HoldTaskStatus {
        void hold() throws Exception;
    }

    public static String serviceArn(String cluster, String service) {
        return "arn:aws:ecs:%s:%s:service/%s/%s".formatted(REGION, ACCOUNT, cluster, service);
    }

    private void network() {
        // VPC 1: public subnet with the NAT gateway (routed to the IGW), private subnet routed to the NAT, and an
        // isolated subnet left on the main table, which has only the local route.
        natVpc = seeder.vpc("10.0.0.0/16");
        publicSubnet = seeder.subnet(natVpc, "10.0.0.0/24");
        natPrivateSubnet = seeder.subnet(natVpc, "10.0.1.0/24");
        isolatedSubnet = seeder.subnet(natVpc, "10.0.2.0/24");
        String igw = seeder.internetGateway(natVpc);
        natGateway = seeder.natGateway(publicSubnet);
        seeder.route(seeder.routeTable(natVpc, publicSubnet), "0.0.0.0/0", igw);
        seeder.route(seeder.routeTable(natVpc, natPrivateSubnet), "0.0.0.0/0", natGateway);
        natTaskGroup = seeder.securityGroup(natVpc, "tasks");

        // VPC 2: no route out at all, only an ssmmessages interface endpoint with private DNS.
        endpointVpc = seeder.vpc("10.1.0.0/16");
        seeder.vpcDnsHostnames(endpointVpc);
        endpointSubnet = seeder.subnet(endpointVpc, "10.1.1.0/24");
        endpointTaskGroup = seeder.securityGroup(endpointVpc, "tasks");
        endpointGroup = seeder.securityGroup(endpointVpc, "endpoints");
        seeder.tcpIngress(endpointGroup, 443, endpointTaskGroup);
        ssmmessagesEndpoint = seeder.interfaceEndpoint(endpointVpc, "com.amazonaws." + REGION + ".ssmmessages",
                endpointSubnet, endpointGroup);
    }

    private void roles() {
        appTaskRole = seeder.taskRole("app-task", "ecs-exec", CHANNELS_AND_LOGS);
        credsTaskRole = seeder.taskRole("creds-task", "ecs-exec", CHANNELS_AND_LOGS);
        managedTaskRole = seeder.taskRole("managed-task", null, null);
        channelsPolicy = seeder.managedPolicy("ecs-exec-channels", SdkSeeder.CHANNELS_POLICY);
        seeder.attachRolePolicy("managed-task", channelsPolicy);
        bareTaskRole = seeder.taskRole("bare-task", null, null);
    }

    private void services() {
        seeder.cluster(PROD, r -> r.configuration(c -> c.executeCommandConfiguration(e -> e
                .logging("OVERRIDE").logConfiguration(l -> l.cloudWatchLogGroupName(EXEC_LOG_GROUP)))));
        seeder.cluster(LEGACY);

        fargateTaskDefinition("web", appTaskRole, c -> {});
        fargateTaskDefinition("api", managedTaskRole, c -> {});
        fargateTaskDefinition("static-creds", credsTaskRole, c -> c.environment(
                e -> e.name("AWS_ACCESS_KEY_ID").value("AKIAIOSFODNN7EXAMPLE"),
                e -> e.name("AWS_SECRET_ACCESS_KEY").value("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")));
        fargateTaskDefinition("no-role", null, c -> {});
        fargateTaskDefinition("no-permissions", bareTaskRole, c -> {});
        fargateTaskDefinition("readonly", appTaskRole, c -> c.readonlyRootFilesystem(true));

        fargateService("web", "web", natPrivateSubnet, natTaskGroup, true);
        fargateService("api", "api", endpointSubnet, endpointTaskGroup, true);
        fargateService("static-creds", "static-creds", natPrivateSubnet, natTaskGroup, true);
        fargateService("isolated", "web", isolatedSubnet, natTaskGroup, true);
        fargateService("no-role", "no-role", natPrivateSubnet, natTaskGroup, true);
        fargateService("no-permissions", "no-permissions", natPrivateSubnet, natTaskGroup, true);
        fargateService("readonly", "readonly", natPrivateSubnet, natTaskGroup, true);
        fargateService("exec-off", "web", natPrivateSubnet, natTaskGroup, false);
    }

    private void fargateTaskDefinition(String family, String taskRole,
                                       Consumer<ContainerDefinition.Builder> container) {
        seeder.taskDefinition(r -> r.family(family).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .requiresCompatibilitiesWithStrings("FARGATE").taskRoleArn(taskRole)
                .containerDefinitions(c -> {
                    c.name("app").image("nginx").essential(true).linuxParameters(l -> l.initProcessEnabled(true));
                    container.accept(c);
                }));
    }

    private void fargateService(String name, String family, String subnet, String group, boolean exec) {
        seeder.service(PROD, name, exec, r -> r.taskDefinition(family).desiredCount(1)
                .launchType(LaunchType.FARGATE).platformVersion("1.4.0")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet).securityGroups(group))));
    }

    /**
     * moto cannot run Fargate tasks (RunTask with FARGATE fails), so the running task is a bridge-mode task on a
     * registered container instance, grouped as its service's tasks are.
     */
    private void runningWorker(HoldTaskStatus holdTaskStatus) throws Exception {
        holdTaskStatus.hold();
        workerInstance = seeder.containerInstance(LEGACY, natPrivateSubnet, natTaskGroup);
        seeder.taskDefinition(r -> r.family("worker").networkMode(NetworkMode.BRIDGE)
                .requiresCompatibilitiesWithStrings("EC2").taskRoleArn(appTaskRole)
                .containerDefinitions(c -> c.name("worker").image("busybox").memory(128).essential(true)
                        .linuxParameters(l -> l.initProcessEnabled(true))
                        .logConfiguration(l -> l.logDriver("awslogs")
                                .options(Map.of("awslogs-group", "/ecs/worker")))));
        seeder.service(LEGACY, "worker", true, r -> r.taskDefinition("worker").desiredCount(1)
                .launchType(LaunchType.EC2));
        workerTask = seeder.serviceTask(LEGACY, "worker", "worker");
    }
}
