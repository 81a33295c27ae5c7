package io.github.ecsexecreadiness.check;

import io.github.ecsexecreadiness.Ec2NetworkInterfaceBuilder;
import io.github.ecsexecreadiness.Ec2SubnetBuilder;
import io.github.ecsexecreadiness.EcsClusterBuilder;
import io.github.ecsexecreadiness.EcsContainerDefinitionBuilder;
import io.github.ecsexecreadiness.EcsContainerInstanceBuilder;
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
import io.github.ecsexecreadiness.model.Organizations;
import io.github.ecsexecreadiness.model.S3;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A mutable single-service account for check tests. {@link #ready()} passes every check; a test changes the
 * one thing its case is about with the {@code with*}, {@code without*}, {@link #missing} and {@code unreadable*}
 * methods and builds {@link #facts()}. An unreadable resource behaves as if AWS had answered the read with the
 * given error; a missing one as if AWS said it does not exist. The read-only views ({@link #tasks()},
 * {@link #roles()}...) let {@code InMemoryAccount.put(Scenario)} store the same account behind the readers.
 *
 * <p>This description is in-memory only: it holds what no emulator can seed (a RUNNING awsvpc Fargate task with
 * its ENI and ExecuteCommandAgent, fixed ids, reads that fail or find nothing). Accounts that also run on moto
 * are written in {@code seed/AccountSeeder}'s steps ({@code MotoAccount}, {@code WireAccount}), seeded into moto
 * or into memory alike, where a bridge-mode task on a registered container instance stands in for the running task.
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

    /** The trust policy of a task role: ECS tasks may assume it. */
    public static final String TASK_ROLE_TRUST_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";

    /** The key policy KMS gives a key created without one: the account decides through its IAM policies. */
    public static final String DEFAULT_KEY_POLICY = """
            {"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions",
             "Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";

    private Ecs.Cluster cluster;
    private Ecs.Service service;
    private final List<Ecs.Task> tasks = new ArrayList<>();
    /** More services of the account, without running tasks (what a whole-Region snapshot also holds). */
    private final List<Ecs.Service> otherServices = new ArrayList<>();
    private final Map<String, Ecs.TaskDefinition> taskDefinitions = new LinkedHashMap<>();
    private final Map<String, Ecs.ContainerInstance> containerInstances = new LinkedHashMap<>();
    /**
     * The ARNs ListContainerInstances gives for the cluster (ACTIVE ones); null: those of
     * {@link #containerInstances} that are ACTIVE.
     */
    private List<String> clusterCapacity;
    /** Set: listing the cluster's container instances failed for this reason. */
    private String unreadableCapacity;
    private final Map<String, Iam.Role> roles = new LinkedHashMap<>();
    private final Map<String, Ec2.NetworkInterface> networkInterfaces = new LinkedHashMap<>();
    private final Map<String, Ec2.Instance> instances = new LinkedHashMap<>();
    private final Map<String, Ec2.Subnet> subnets = new LinkedHashMap<>();
    private final Map<String, VpcNetwork> vpcs = new LinkedHashMap<>();
    private final Map<String, Dns.VpcResolution> nameResolution = new LinkedHashMap<>();
    /** Network ACLs by VPC id. */
    private final Map<String, List<Ec2.NetworkAcl>> networkAcls = new LinkedHashMap<>();
    private final Map<String, String> unreadableNetworkAcls = new LinkedHashMap<>();
    private final Map<String, String> unreadableRoles = new LinkedHashMap<>();
    private final Map<String, String> unreadableClusters = new LinkedHashMap<>();
    private final Map<String, String> unreadableTasks = new LinkedHashMap<>();
    private final Map<String, String> unreadableSubnets = new LinkedHashMap<>();
    private final Map<String, String> unreadableVpcs = new LinkedHashMap<>();
    private final Map<String, String> unreadableNameResolution = new LinkedHashMap<>();
    private final Map<String, String> unreadableNetworkInterfaces = new LinkedHashMap<>();
    /** KMS keys by the id a cluster names them with; log groups by name; bucket encryption by bucket. */
    private final Map<String, Kms.Key> kmsKeys = new LinkedHashMap<>();
    private final Map<String, Logs.LogGroup> logGroups = new LinkedHashMap<>();
    private final Map<String, S3.BucketEncryption> buckets = new LinkedHashMap<>();
    /** Keys, log groups and buckets whose reads AWS refused, with the operation and error. */
    private final Map<String, String> unreadableSessionResources = new LinkedHashMap<>();
    /** The SCPs binding the account: not read, as outside organisation mode, unless a test says otherwise. */
    private Organizations.ServiceControlPolicies serviceControlPolicies =
            Organizations.ServiceControlPolicies.notRead("service control policies were not read");
    /** The account's tag-based ECS Exec grants: read, and none, unless a test says otherwise. */
    private final List<Iam.Identity> tagBasedExecIdentities = new ArrayList<>();
    private String tagBasedExecIdentitiesNotRead;
    /** Ids and ARNs AWS says do not exist (a deleted role, say), whatever kind of resource they name. */
    private final Set<String> missing = new LinkedHashSet<>();

    private Scenario() {}

    /** A Fargate service in a private subnet behind a NAT gateway, with everything ECS Exec needs. */
    public static Scenario ready() {
        Scenario s = new Scenario();
        s.cluster = new Ecs.Cluster(CLUSTER_ARN, "shop", Ecs.ExecuteCommandConfiguration.NONE_SET, Map.of());
        s.service = new Ecs.Service(SERVICE_ARN, "web", CLUSTER_ARN, "ACTIVE", true, "FARGATE", List.of(), "LATEST",
                "Linux", TASK_DEFINITION_ARN, "ECS",
                List.of(new Ecs.Deployment("ecs-svc/1", "PRIMARY", "COMPLETED", TASK_DEFINITION_ARN)),
                new Ecs.AwsVpcConfiguration(List.of(PRIVATE_SUBNET), List.of(TASK_SG), false), Map.of(), 1, 1, null);
        s.tasks.add(new Ecs.Task(TASK_ARN, CLUSTER_ARN, "service:web", TASK_DEFINITION_ARN, "RUNNING", "RUNNING",
                "FARGATE", "1.4.0", "Linux", true, null, null,
                new Ecs.NetworkInterfaceAttachment(TASK_ENI, PRIVATE_SUBNET, "10.0.1.10"),
                List.of(new Ecs.Container("web", List.of(new Ecs.ManagedAgent("ExecuteCommandAgent", "RUNNING", null)))),
                Map.of()));
        s.taskDefinitions.put(TASK_DEFINITION_ARN, new Ecs.TaskDefinition(TASK_DEFINITION_ARN, TASK_ROLE_ARN, "awsvpc",
                null, "LINUX", List.of(container("web"))));
        s.roles.put(TASK_ROLE_ARN, new Iam.Role(TASK_ROLE_ARN, "web-task",
                List.of(new Iam.Policy("inline policy exec", READY_TASK_ROLE_POLICY)), null, Map.of(),
                TASK_ROLE_TRUST_POLICY));
        s.networkInterfaces.put(TASK_ENI, new Ec2.NetworkInterface(TASK_ENI, PRIVATE_SUBNET, VPC, List.of(TASK_SG),
                null, "10.0.1.10"));
        s.subnets.put(PRIVATE_SUBNET, new Ec2.Subnet(PRIVATE_SUBNET, VPC, "eu-west-1a", ACCOUNT, "10.0.1.0/24", false));
        s.subnets.put(PUBLIC_SUBNET, new Ec2.Subnet(PUBLIC_SUBNET, VPC, "eu-west-1a", ACCOUNT, "10.0.0.0/24", false));
        Ec2.SecurityGroupRule allOut = new Ec2.SecurityGroupRule("-1", null, null, List.of("0.0.0.0/0"), List.of(), List.of());
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
        s.nameResolution.put(VPC, Dns.VpcResolution.PUBLIC_DNS_ONLY);
        s.networkAcls.put(VPC, List.of(new Ec2.NetworkAcl("acl-0default", VPC, true,
                List.of(PRIVATE_SUBNET, PUBLIC_SUBNET), allowAll())));
        return s;
    }

    /** The entries of a VPC's default network ACL as EC2 creates it: everything allowed both ways, then {@code *}. */
    public static List<Ec2.NetworkAclEntry> allowAll() {
        List<Ec2.NetworkAclEntry> entries = new ArrayList<>();
        for (boolean egress : List.of(false, true)) {
            entries.add(new Ec2.NetworkAclEntry(100, egress, "-1", "allow", "0.0.0.0/0", null, null, null));
            entries.add(new Ec2.NetworkAclEntry(32767, egress, "-1", "deny", "0.0.0.0/0", null, null, null));
        }
        return entries;
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

    /** Adds (or replaces) another service named {@code name}: a copy of the service with {@code change} applied. */
    public Scenario withOtherService(String name, UnaryOperator<EcsServiceBuilder> change) {
        otherServices.removeIf(other -> other.name().equals(name));
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
        return withRole(TASK_ROLE_ARN, b -> b.identityPolicies(inlinePolicies(documents)));
    }

    /** Adds or replaces role {@code arn} with these documents as its inline policies p0, p1... */
    public Scenario withRole(String arn, String... documents) {
        return withRole(new Iam.Role(arn, arn.substring(arn.lastIndexOf('/') + 1), inlinePolicies(documents), null,
                Map.of(), TASK_ROLE_TRUST_POLICY));
    }

    /**
     * The task definition names its role by short name, as RegisterTaskDefinition allows (and emulators and older
     * definitions return it): the only role is {@code web-task} with these policies, under the key the collector
     * uses.
     */
    public Scenario withShortNameTaskRole(String... documents) {
        roles.clear();
        roles.put("web-task", new Iam.Role(TASK_ROLE_ARN, "web-task", inlinePolicies(documents), null, Map.of(),
                TASK_ROLE_TRUST_POLICY));
        return withTaskDefinition(b -> b.taskRoleArn("web-task"));
    }

    private static List<Iam.Policy> inlinePolicies(String... documents) {
        List<Iam.Policy> policies = new ArrayList<>();
        for (int i = 0; i < documents.length; i++) {
            policies.add(new Iam.Policy("inline policy p" + i, documents[i]));
        }
        return policies;
    }

    public Scenario withVpc(UnaryOperator<NetworkSnapshotVpcNetworkBuilder> change) {
        vpcs.computeIfPresent(VPC, (id, vpc) -> change.apply(NetworkSnapshotVpcNetworkBuilder.builder(vpc)).build());
        return this;
    }

    // ---- what AWS holds ----------------------------------------------------------------------------------

    /** No RUNNING task. */
    public Scenario withoutTasks() {
        tasks.clear();
        return this;
    }

    /** Adds or replaces a task definition (by ARN), e.g. an older revision a task still runs. */
    public Scenario withTaskDefinition(Ecs.TaskDefinition taskDefinition) {
        taskDefinitions.put(taskDefinition.arn(), taskDefinition);
        return this;
    }

    public Scenario withContainerInstance(Ecs.ContainerInstance containerInstance) {
        containerInstances.put(containerInstance.arn(), containerInstance);
        return this;
    }

    public Scenario withContainerInstance(String arn, UnaryOperator<EcsContainerInstanceBuilder> change) {
        containerInstances.computeIfPresent(arn,
                (key, instance) -> change.apply(EcsContainerInstanceBuilder.builder(instance)).build());
        return this;
    }

    /** Changes every container instance. */
    public Scenario withContainerInstances(UnaryOperator<EcsContainerInstanceBuilder> change) {
        containerInstances.replaceAll((arn, instance) -> change.apply(EcsContainerInstanceBuilder.builder(instance))
                .build());
        return this;
    }

    /** ListContainerInstances for the cluster gives these ARNs (by default: the ACTIVE container instances). */
    public Scenario withClusterCapacity(String... containerInstanceArns) {
        clusterCapacity = List.of(containerInstanceArns);
        return this;
    }

    /** The container instances were never read (no task on EC2 asked for them). */
    public Scenario withoutContainerInstances() {
        containerInstances.clear();
        return this;
    }

    /** Adds or replaces a role (by ARN). */
    public Scenario withRole(Iam.Role role) {
        roles.put(role.arn(), role);
        return this;
    }

    public Scenario withRole(String arn, UnaryOperator<IamRoleBuilder> change) {
        roles.computeIfPresent(arn, (key, role) -> change.apply(IamRoleBuilder.builder(role)).build());
        return this;
    }

    public Scenario withNetworkInterface(String id, UnaryOperator<Ec2NetworkInterfaceBuilder> change) {
        networkInterfaces.computeIfPresent(id,
                (key, eni) -> change.apply(Ec2NetworkInterfaceBuilder.builder(eni)).build());
        return this;
    }

    public Scenario withInstance(Ec2.Instance instance) {
        instances.put(instance.id(), instance);
        return this;
    }

    /** Adds or replaces a subnet (by id). */
    public Scenario withSubnet(Ec2.Subnet subnet) {
        subnets.put(subnet.id(), subnet);
        return this;
    }

    public Scenario withSubnet(String id, UnaryOperator<Ec2SubnetBuilder> change) {
        subnets.computeIfPresent(id, (key, subnet) -> change.apply(Ec2SubnetBuilder.builder(subnet)).build());
        return this;
    }

    /** How the VPC resolves names (Route 53 private hosted zones, Resolver rules). */
    public Scenario withNameResolution(String vpcId, Dns.VpcResolution resolution) {
        nameResolution.put(vpcId, resolution);
        return this;
    }

    public Scenario withNameResolution(String vpcId, UnaryOperator<Dns.VpcResolution> change) {
        nameResolution.computeIfPresent(vpcId, (key, resolution) -> change.apply(resolution));
        return this;
    }

    /**
     * Adds or replaces (by id) a network ACL of its VPC. Subnets it lists leave the ACL they were associated
     * with, as ReplaceNetworkAclAssociation moves them.
     */
    public Scenario withNetworkAcl(Ec2.NetworkAcl acl) {
        List<Ec2.NetworkAcl> acls = new ArrayList<>();
        for (Ec2.NetworkAcl other : networkAcls.getOrDefault(acl.vpcId(), List.of())) {
            if (!other.id().equals(acl.id())) {
                acls.add(new Ec2.NetworkAcl(other.id(), other.vpcId(), other.isDefault(), other.subnetIds().stream()
                        .filter(id -> !acl.subnetIds().contains(id)).toList(), other.entries()));
            }
        }
        acls.add(acl);
        networkAcls.put(acl.vpcId(), acls);
        return this;
    }

    // ---- what AWS answers --------------------------------------------------------------------------------

    /** AWS says {@code idOrArn} does not exist (a deleted role, instance, interface...). */
    public Scenario missing(String idOrArn) {
        forget(idOrArn);
        missing.add(idOrArn);
        return this;
    }

    /** Reading the cluster failed with {@code reason}. */
    public Scenario unreadableCluster(String arn, String reason) {
        unreadableClusters.put(arn, reason);
        return this;
    }

    /** Listing or describing the running tasks of service {@code serviceArn} failed with {@code reason}. */
    public Scenario unreadableTasks(String serviceArn, String reason) {
        unreadableTasks.put(serviceArn, reason);
        return this;
    }

    /** Listing the cluster's container instances failed with {@code reason}. */
    public Scenario unreadableCapacity(String reason) {
        unreadableCapacity = reason;
        return this;
    }

    public Scenario unreadableRole(String arn, String reason) {
        return unreadable(roles, unreadableRoles, arn, reason);
    }

    public Scenario unreadableNetworkInterface(String id, String reason) {
        return unreadable(networkInterfaces, unreadableNetworkInterfaces, id, reason);
    }

    public Scenario unreadableSubnet(String id, String reason) {
        return unreadable(subnets, unreadableSubnets, id, reason);
    }

    public Scenario unreadableVpc(String id, String reason) {
        return unreadable(vpcs, unreadableVpcs, id, reason);
    }

    /** Reading how VPC {@code vpcId} resolves names (Route 53, Route 53 Resolver) failed with {@code reason}. */
    public Scenario unreadableNameResolution(String vpcId, String reason) {
        return unreadable(nameResolution, unreadableNameResolution, vpcId, reason);
    }

    /** Describing the network ACLs of VPC {@code vpcId} failed with {@code reason}. */
    public Scenario unreadableNetworkAcls(String vpcId, String reason) {
        return unreadable(networkAcls, unreadableNetworkAcls, vpcId, reason);
    }

    /**
     * A role or user of the account whose inline policies p0, p1... are these documents: what the check of
     * tag-based ECS Exec grants reads.
     */
    public Scenario withTagBasedExecIdentity(String arn, String... documents) {
        tagBasedExecIdentities.add(new Iam.Identity(arn, inlinePolicies(documents), null));
        return this;
    }

    /** The account's roles and users were not read, for this reason. */
    public Scenario unreadableAccountIdentities(String reason) {
        tagBasedExecIdentitiesNotRead = reason;
        return this;
    }

    /** A KMS key, found under the id (ARN, alias or key id) a cluster names it with. */
    /** The service control policies binding the account, or why they are not known. */
    public Scenario withServiceControlPolicies(Organizations.ServiceControlPolicies scps) {
        serviceControlPolicies = scps;
        return this;
    }

    public Scenario withKmsKey(String id, Kms.Key key) {
        kmsKeys.put(id, key);
        return this;
    }

    public Scenario withLogGroup(Logs.LogGroup logGroup) {
        logGroups.put(logGroup.name(), logGroup);
        return this;
    }

    public Scenario withBucket(S3.BucketEncryption bucket) {
        buckets.put(bucket.bucket(), bucket);
        return this;
    }

    /** Reading the KMS key, log group or bucket named {@code key} failed with {@code reason}. */
    public Scenario unreadableSessionResource(String key, String reason) {
        kmsKeys.remove(key);
        logGroups.remove(key);
        return unreadable(buckets, unreadableSessionResources, key, reason);
    }

    private Scenario unreadable(Map<String, ?> found, Map<String, String> reads, String key, String reason) {
        found.remove(key);
        reads.put(key, reason);
        return this;
    }

    /** Drops what was found under {@code key}, whatever kind of resource it names. */
    private void forget(String key) {
        List.of(taskDefinitions, containerInstances, roles, networkInterfaces, instances, subnets, vpcs, kmsKeys,
                logGroups, buckets)
                .forEach(found -> found.remove(key));
    }

    // ---- read-only views ---------------------------------------------------------------------------------

    public Ecs.Cluster cluster() {
        return cluster;
    }

    public Ecs.Service service() {
        return service;
    }

    public List<Ecs.Service> otherServices() {
        return Collections.unmodifiableList(otherServices);
    }

    public List<Ecs.Task> tasks() {
        return Collections.unmodifiableList(tasks);
    }

    public Map<String, Ecs.TaskDefinition> taskDefinitions() {
        return Collections.unmodifiableMap(taskDefinitions);
    }

    public Map<String, Ecs.ContainerInstance> containerInstances() {
        return Collections.unmodifiableMap(containerInstances);
    }

    public Map<String, Iam.Role> roles() {
        return Collections.unmodifiableMap(roles);
    }

    public Map<String, Ec2.NetworkInterface> networkInterfaces() {
        return Collections.unmodifiableMap(networkInterfaces);
    }

    public Map<String, Ec2.Instance> instances() {
        return Collections.unmodifiableMap(instances);
    }

    public Map<String, Ec2.Subnet> subnets() {
        return Collections.unmodifiableMap(subnets);
    }

    public Map<String, VpcNetwork> vpcs() {
        return Collections.unmodifiableMap(vpcs);
    }

    public Map<String, Dns.VpcResolution> nameResolution() {
        return Collections.unmodifiableMap(nameResolution);
    }

    public Map<String, List<Ec2.NetworkAcl>> networkAcls() {
        return Collections.unmodifiableMap(networkAcls);
    }

    public Map<String, Kms.Key> kmsKeys() {
        return Collections.unmodifiableMap(kmsKeys);
    }

    public Map<String, Logs.LogGroup> logGroups() {
        return Collections.unmodifiableMap(logGroups);
    }

    public Map<String, S3.BucketEncryption> buckets() {
        return Collections.unmodifiableMap(buckets);
    }

    // ---- as the collector would have read it -------------------------------------------------------------

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
                        readings(vpcs, unreadableVpcs), readings(nameResolution, unreadableNameResolution),
                        readings(networkAcls, unreadableNetworkAcls)),
                new SessionResources(readings(kmsKeys, unreadableSessionResources),
                        readings(logGroups, unreadableSessionResources),
                        readings(buckets, unreadableSessionResources)),
                List.of(), false, capacity.build(), serviceControlPolicies,
                tagBasedExecIdentitiesNotRead != null ? Iam.TagBasedExecIdentities.notRead(tagBasedExecIdentitiesNotRead)
                        : Iam.TagBasedExecIdentities.read(tagBasedExecIdentities));
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
