package io.github.ecsexecreadiness.check;

import io.github.ecsexecreadiness.EcsClusterBuilder;
import io.github.ecsexecreadiness.EcsContainerDefinitionBuilder;
import io.github.ecsexecreadiness.EcsServiceBuilder;
import io.github.ecsexecreadiness.EcsTaskBuilder;
import io.github.ecsexecreadiness.EcsTaskDefinitionBuilder;
import io.github.ecsexecreadiness.IamRoleBuilder;
import io.github.ecsexecreadiness.NetworkSnapshotVpcNetworkBuilder;
import io.github.ecsexecreadiness.collect.AccountSnapshot;
import io.github.ecsexecreadiness.collect.NetworkSnapshot.VpcNetwork;
import io.github.ecsexecreadiness.collect.NetworkSnapshot;
import io.github.ecsexecreadiness.collect.Readings;
import io.github.ecsexecreadiness.collect.SessionResources;
import io.github.ecsexecreadiness.model.Dns;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Iam;
import io.github.ecsexecreadiness.model.Kms;
import io.github.ecsexecreadiness.model.Logs;
import io.github.ecsexecreadiness.model.S3;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A mutable single-service account for check tests. {@link #ready()} passes every check; a test changes the
 * one thing its case is about (public fields, or the {@code with*} helpers) and builds {@link #facts()}.
 * Keys in the {@code unreadable*} maps behave as if AWS had answered AccessDenied when they were read.
 */
public final class Scenario {
    public static final String ACCOUNT = "111122223333";
    public static final String REGION = "eu-west-1";
    public static final String CLUSTER_ARN = "arn:aws:ecs:eu-west-1:111122223333:cluster/shop";
    public static final String SERVICE_ARN = "arn:aws:ecs:eu-west-1:111122223333:service/shop/web";
    public static final String TASK_DEFINITION_ARN = "arn:aws:ecs:eu-west-1:111122223333:task-definition/web:3";
    public static final String TASK_ARN = "arn:aws:ecs:eu-west-1:111122223333:task/shop/0123456789abcdef0";
    public static final String TASK_ROLE_ARN = "arn:aws:iam::111122223333:role/web-task";
    public static final String LOG_GROUP = "/ecs/web";
    public static final String VPC = "vpc-0a1";
    public static final String PRIVATE_SUBNET = "subnet-0private";
    public static final String PUBLIC_SUBNET = "subnet-0public";
    public static final String TASK_ENI = "eni-0task";
    public static final String TASK_SG = "sg-0task";

    /** Allows the four ssmmessages actions and the awslogs session-logging actions on {@link #LOG_GROUP}. */
    public static final String READY_TASK_ROLE_POLICY = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],"Resource":"*"},
              {"Effect":"Allow","Action":"logs:DescribeLogGroups","Resource":"*"},
              {"Effect":"Allow","Action":["logs:CreateLogStream","logs:DescribeLogStreams","logs:PutLogEvents"],
               "Resource":"arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web:*"}]}""";

    /** The key policy KMS gives a key created without one: the account decides through its IAM policies. */
    public static final String DEFAULT_KEY_POLICY = """
            {"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions",
             "Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";

    public Ecs.Cluster cluster;
    public Ecs.Service service;
    public List<Ecs.Task> tasks = new ArrayList<>();
    /** More services of the account, without running tasks (what a whole-Region snapshot also holds). */
    public List<Ecs.Service> otherServices = new ArrayList<>();
    public Map<String, Ecs.TaskDefinition> taskDefinitions = new LinkedHashMap<>();
    public Map<String, Ecs.ContainerInstance> containerInstances = new LinkedHashMap<>();
    /**
     * The ARNs ListContainerInstances gives for the cluster (ACTIVE ones); null: those of
     * {@link #containerInstances} that are ACTIVE.
     */
    public List<String> clusterCapacity;
    /** Set: listing the cluster's container instances failed for this reason. */
    public String unreadableCapacity;
    public Map<String, Iam.Role> roles = new LinkedHashMap<>();
    public Map<String, Ec2.NetworkInterface> networkInterfaces = new LinkedHashMap<>();
    public Map<String, Ec2.Instance> instances = new LinkedHashMap<>();
    public Map<String, Ec2.Subnet> subnets = new LinkedHashMap<>();
    public Map<String, VpcNetwork> vpcs = new LinkedHashMap<>();
    public Map<String, Dns.VpcResolution> nameResolution = new LinkedHashMap<>();
    public Map<String, String> unreadableRoles = new LinkedHashMap<>();
    public Map<String, String> unreadableClusters = new LinkedHashMap<>();
    public Map<String, String> unreadableTasks = new LinkedHashMap<>();
    public Map<String, String> unreadableSubnets = new LinkedHashMap<>();
    public Map<String, String> unreadableVpcs = new LinkedHashMap<>();
    public Map<String, String> unreadableNameResolution = new LinkedHashMap<>();
    public Map<String, String> unreadableNetworkInterfaces = new LinkedHashMap<>();
    /** KMS keys by the id a cluster names them with; log groups by name; bucket encryption by bucket. */
    public Map<String, Kms.Key> kmsKeys = new LinkedHashMap<>();
    public Map<String, Logs.LogGroup> logGroups = new LinkedHashMap<>();
    public Map<String, S3.BucketEncryption> buckets = new LinkedHashMap<>();
    /** Keys, log groups and buckets whose reads AWS refused, with the operation and error. */
    public Map<String, String> unreadableSessionResources = new LinkedHashMap<>();
    /** Ids and ARNs AWS says do not exist (a deleted role, say), whatever kind of resource they name. */
    public Set<String> missing = new LinkedHashSet<>();

    private Scenario() {}

    /** A Fargate service in a private subnet behind a NAT gateway, with everything ECS Exec needs. */
    public static Scenario ready() {
        Scenario s = new Scenario();
        s.cluster = new Ecs.Cluster(CLUSTER_ARN, "shop", Ecs.ExecuteCommandConfiguration.NONE_SET, Map.of());
        s.service = new Ecs.Service(SERVICE_ARN, "web", CLUSTER_ARN, "ACTIVE", true, "FARGATE", List.of(), "LATEST",
                "Linux", TASK_DEFINITION_ARN, "ECS",
                List.of(new Ecs.Deployment("ecs-svc/1", "PRIMARY", "COMPLETED", TASK_DEFINITION_ARN)),
                new Ecs.AwsVpcConfiguration(List.of(PRIVATE_SUBNET), List.of(TASK_SG), false), Map.of(), 1, 1);
        s.tasks.add(new Ecs.Task(TASK_ARN, CLUSTER_ARN, "service:web", TASK_DEFINITION_ARN, "RUNNING", "RUNNING",
                "FARGATE", "1.4.0", "Linux", true, null, null,
                new Ecs.NetworkInterfaceAttachment(TASK_ENI, PRIVATE_SUBNET, "10.0.1.10"),
                List.of(new Ecs.Container("web", List.of(new Ecs.ManagedAgent("ExecuteCommandAgent", "RUNNING", null))))));
        s.taskDefinitions.put(TASK_DEFINITION_ARN, new Ecs.TaskDefinition(TASK_DEFINITION_ARN, TASK_ROLE_ARN, "awsvpc",
                null, "LINUX", List.of(container("web"))));
        s.roles.put(TASK_ROLE_ARN, new Iam.Role(TASK_ROLE_ARN, "web-task",
                List.of(new Iam.Policy("inline policy exec", READY_TASK_ROLE_POLICY)), null, Map.of()));
        s.networkInterfaces.put(TASK_ENI, new Ec2.NetworkInterface(TASK_ENI, PRIVATE_SUBNET, VPC, List.of(TASK_SG),
                null, "10.0.1.10"));
        s.subnets.put(PRIVATE_SUBNET, new Ec2.Subnet(PRIVATE_SUBNET, VPC, "eu-west-1a", ACCOUNT, "10.0.1.0/24", false));
        s.subnets.put(PUBLIC_SUBNET, new Ec2.Subnet(PUBLIC_SUBNET, VPC, "eu-west-1a", ACCOUNT, "10.0.0.0/24", false));
        Ec2.SecurityGroupRule allOut = new Ec2.SecurityGroupRule("-1", null, null, List.of("0.0.0.0/0"), List.of(), List.of());
        s.nameResolution.put(VPC, Dns.VpcResolution.PUBLIC_DNS_ONLY);
        s.vpcs.put(VPC, new VpcNetwork(new Ec2.Vpc(VPC, ACCOUNT, "10.0.0.0/16", true, true),
                List.of(new Ec2.RouteTable("rtb-0private", VPC, false, List.of(PRIVATE_SUBNET), List.of(
                                new Ec2.Route("10.0.0.0/16", null, "local", "active"),
                                new Ec2.Route("0.0.0.0/0", null, "nat-0a1", "active"))),
                        new Ec2.RouteTable("rtb-0public", VPC, false, List.of(PUBLIC_SUBNET), List.of(
                                new Ec2.Route("10.0.0.0/16", null, "local", "active"),
                                new Ec2.Route("0.0.0.0/0", null, "igw-0a1", "active"))),
                        new Ec2.RouteTable("rtb-0main", VPC, true, List.of(), List.of(
                                new Ec2.Route("10.0.0.0/16", null, "local", "active")))),
                List.of(new Ec2.NatGateway("nat-0a1", VPC, PUBLIC_SUBNET, "available", "public")),
                List.of(new Ec2.InternetGateway("igw-0a1", VPC, "available")),
                List.of(),
                Map.of(TASK_SG, new Ec2.SecurityGroup(TASK_SG, VPC, List.of(), List.of(allOut)))));
        return s;
    }

    /** An essential Linux container definition with init process on, writable root and awslogs to {@link #LOG_GROUP}. */
    public static Ecs.ContainerDefinition container(String name) {
        return new Ecs.ContainerDefinition(name, Map.of(), List.of(), false, false, true, List.of(), false, "awslogs",
                Map.of("awslogs-group", LOG_GROUP, "awslogs-region", REGION), true);
    }

    public Scenario withService(UnaryOperator<EcsServiceBuilder> change) {
        service = change.apply(EcsServiceBuilder.builder(service)).build();
        return this;
    }

    /** Changes every task. */
    public Scenario withTasks(UnaryOperator<EcsTaskBuilder> change) {
        tasks.replaceAll(task -> change.apply(EcsTaskBuilder.builder(task)).build());
        return this;
    }

    /** Adds a copy of the first task, with id {@code id} and {@code change} applied. */
    public Scenario withExtraTask(String id, UnaryOperator<EcsTaskBuilder> change) {
        EcsTaskBuilder copy = EcsTaskBuilder.builder(tasks.get(0))
                .arn(TASK_ARN.substring(0, TASK_ARN.lastIndexOf('/') + 1) + id);
        tasks.add(change.apply(copy).build());
        return this;
    }

    /** Adds a copy of the service named {@code name}, with {@code change} applied. */
    public Scenario withOtherService(String name, UnaryOperator<EcsServiceBuilder> change) {
        otherServices.add(change.apply(EcsServiceBuilder.builder(service).arn(SERVICE_ARN.substring(0,
                SERVICE_ARN.lastIndexOf('/') + 1) + name).name(name)).build());
        return this;
    }

    public Scenario withCluster(UnaryOperator<EcsClusterBuilder> change) {
        cluster = change.apply(EcsClusterBuilder.builder(cluster)).build();
        return this;
    }

    /** Changes the service's task definition. */
    public Scenario withTaskDefinition(UnaryOperator<EcsTaskDefinitionBuilder> change) {
        taskDefinitions.computeIfPresent(service.taskDefinitionArn(),
                (arn, td) -> change.apply(EcsTaskDefinitionBuilder.builder(td)).build());
        return this;
    }

    /** Changes every container definition of the service's task definition. */
    public Scenario withContainers(UnaryOperator<EcsContainerDefinitionBuilder> change) {
        Ecs.TaskDefinition td = taskDefinitions.get(service.taskDefinitionArn());
        List<Ecs.ContainerDefinition> changed = td.containerDefinitions().stream()
                .map(c -> change.apply(EcsContainerDefinitionBuilder.builder(c)).build()).toList();
        return withTaskDefinition(b -> b.containerDefinitions(changed));
    }

    /** Replaces the task role's identity policies with these documents (named inline policies p0, p1...). */
    public Scenario withTaskRolePolicies(String... documents) {
        List<Iam.Policy> policies = new ArrayList<>();
        for (int i = 0; i < documents.length; i++) {
            policies.add(new Iam.Policy("inline policy p" + i, documents[i]));
        }
        roles.computeIfPresent(TASK_ROLE_ARN,
                (arn, role) -> IamRoleBuilder.builder(role).identityPolicies(policies).build());
        return this;
    }

    public Scenario withVpc(UnaryOperator<NetworkSnapshotVpcNetworkBuilder> change) {
        vpcs.computeIfPresent(VPC, (id, vpc) -> change.apply(NetworkSnapshotVpcNetworkBuilder.builder(vpc)).build());
        return this;
    }

    public AccountSnapshot snapshot() {
        Readings.Builder<String, List<Ecs.Task>> running = Readings.builder();
        missing.forEach(running::missing);
        if (unreadableTasks.containsKey(service.arn())) {
            running.unreadable(service.arn(), unreadableTasks.get(service.arn()));
        } else {
            running.found(service.arn(), List.copyOf(tasks));
        }
        otherServices.forEach(other -> running.found(other.arn(), List.of()));
        List<Ecs.Service> services = new ArrayList<>(List.of(service));
        services.addAll(otherServices);
        Readings.Builder<String, List<String>> capacity = Readings.builder();
        if (unreadableCapacity != null) {
            capacity.unreadable(cluster.arn(), unreadableCapacity);
        } else {
            capacity.found(cluster.arn(), clusterCapacity != null ? List.copyOf(clusterCapacity)
                    : containerInstances.values().stream().filter(ci -> "ACTIVE".equals(ci.status()))
                    .map(Ecs.ContainerInstance::arn).toList());
        }
        return new AccountSnapshot(ACCOUNT, REGION, services,
                readings(Map.of(cluster.arn(), cluster), unreadableClusters),
                running.build(),
                readings(taskDefinitions, Map.of()),
                readings(containerInstances, Map.of()),
                readings(roles, unreadableRoles),
                new NetworkSnapshot(readings(networkInterfaces, unreadableNetworkInterfaces),
                        readings(instances, Map.of()), readings(subnets, unreadableSubnets),
                        readings(vpcs, unreadableVpcs), readings(nameResolution, unreadableNameResolution)),
                new SessionResources(readings(kmsKeys, unreadableSessionResources),
                        readings(logGroups, unreadableSessionResources),
                        readings(buckets, unreadableSessionResources)),
                List.of(), false, capacity.build());
    }

    public ServiceFacts facts() {
        return new ServiceFacts(service, snapshot());
    }

    /** Found values are found, unreadable keys fail with their reason, ids in {@link #missing} do not exist. */
    private <V> Readings<String, V> readings(Map<String, V> found, Map<String, String> unreadable) {
        Readings.Builder<String, V> builder = Readings.builder();
        // A key made unreadable by a test hides the value ready() had put there.
        found.forEach((key, value) -> {
            if (!unreadable.containsKey(key)) {
                builder.found(key, value);
            }
        });
        unreadable.forEach(builder::unreadable);
        missing.forEach(builder::missing);
        return builder.build();
    }
}
