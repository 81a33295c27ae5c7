package io.github.ecsexecreadiness.memory;

import io.github.ecsexecreadiness.aws.SdkShapes;
import io.github.ecsexecreadiness.collect.IamReader.RoleDetail;
import io.github.ecsexecreadiness.model.Dns;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.moto.SdkSeeder;
import io.github.ecsexecreadiness.seed.AccountSeeder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ManagedAgent;
import software.amazon.awssdk.services.ecs.model.ManagedAgentName;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The {@link AccountSeeder} steps stored in an {@link InMemoryAccount} as AWS would create them: generated ids
 * and ARNs in AWS's formats, a VPC's main route table and default security group, a new security group's
 * all-egress rule, task definition revisions, a service's deployment (IN_PROGRESS until as many tasks run as are
 * desired), Fargate's LATEST platform version, RUNNING tasks with a RUNNING ExecuteCommandAgent in each container.
 * ECS resources are built as the SDK answer DescribeX would give and translated by the SDK readers' own mapping
 * ({@link SdkShapes}), so memory and moto are read alike. Writing goes through the account's {@code put*} methods
 * only; reading it back costs no counted call.
 */
public final class InMemorySeeder implements AccountSeeder {
    /** The ECS container agent version a freshly launched ECS-optimized AMI reports (ECS Exec needs 1.50.2). */
    public static final String AGENT_VERSION = "1.89.3";
    /** Seeded ids count from here, apart from the ids InMemoryAccount's own writers give. */
    private static final long FIRST_ID = 0x5eed_0000_0000L;

    private final InMemoryAccount account;
    private final String region;
    private long nextId = FIRST_ID;

    private final Map<String, Ec2.Vpc> vpcs = new HashMap<>();
    private final Map<String, String> mainRouteTables = new HashMap<>();
    private final Map<String, Ec2.Subnet> subnets = new HashMap<>();
    private final Map<String, Ec2.RouteTable> routeTables = new HashMap<>();
    private final Map<String, Ec2.SecurityGroup> securityGroups = new HashMap<>();
    private final Map<String, Ec2.NetworkAcl> networkAcls = new HashMap<>();
    private final Map<String, Integer> revisions = new HashMap<>();
    private final Map<String, TaskDefinition> taskDefinitions = new HashMap<>();
    private final Map<String, Service> services = new HashMap<>();
    /** Container instance ARNs by cluster ARN, in registration order. */
    private final Map<String, List<String>> clusterInstances = new LinkedHashMap<>();

    public InMemorySeeder(InMemoryAccount account) {
        this.account = account;
        this.region = account.readers().region();
    }

    private String id(String prefix) {
        return prefix + "-%017x".formatted(++nextId);
    }

    /** The 32 hex digits ECS gives tasks and container instances. */
    private String ecsId() {
        return "%032x".formatted(++nextId);
    }

    // ---- EC2 ------------------------------------------------------------------------------------------------

    /** DNS attributes left null: the AWS defaults (support on, hostnames off), as InMemoryAccount answers them. */
    @Override
    public String vpc(String cidr) {
        String vpc = id("vpc");
        putVpc(new Ec2.Vpc(vpc, account.accountId(), cidr, null, null));
        String main = id("rtb");
        mainRouteTables.put(vpc, main);
        putRouteTable(new Ec2.RouteTable(main, vpc, true, List.of(), List.of(local(cidr))));
        // The default group admits all traffic from its own members and allows all egress.
        String defaultGroup = id("sg");
        putSecurityGroup(new Ec2.SecurityGroup(defaultGroup, vpc,
                List.of(new Ec2.SecurityGroupRule("-1", null, null, List.of(), List.of(defaultGroup), List.of())),
                List.of(allEgress())));
        return vpc;
    }

    @Override
    public void vpcDnsHostnames(String vpc) {
        Ec2.Vpc old = existing(vpcs, vpc);
        putVpc(new Ec2.Vpc(vpc, old.ownerId(), old.cidrBlock(), true, true));
    }

    @Override
    public String subnet(String vpc, String cidr) {
        existing(vpcs, vpc);
        Ec2.Subnet subnet = new Ec2.Subnet(id("subnet"), vpc, region + "a", account.accountId(), cidr, false);
        subnets.put(subnet.id(), subnet);
        account.putSubnet(subnet);
        return subnet.id();
    }

    @Override
    public String securityGroup(String vpc, String name) {
        existing(vpcs, vpc);
        String group = id("sg");
        putSecurityGroup(new Ec2.SecurityGroup(group, vpc, List.of(), List.of(allEgress())));
        return group;
    }

    @Override
    public void tcpIngress(String group, int port, String sourceGroup) {
        Ec2.SecurityGroup old = existing(securityGroups, group);
        List<Ec2.SecurityGroupRule> ingress = new ArrayList<>(old.ingress());
        ingress.add(new Ec2.SecurityGroupRule("tcp", port, port, List.of(), List.of(sourceGroup), List.of()));
        putSecurityGroup(new Ec2.SecurityGroup(group, old.vpcId(), ingress, old.egress()));
    }

    @Override
    public String networkAcl(String vpc, String subnet) {
        existing(vpcs, vpc);
        existing(subnets, subnet);
        String acl = id("acl");
        List<Ec2.NetworkAclEntry> finalRules = List.of(
                new Ec2.NetworkAclEntry(32767, false, "-1", "deny", "0.0.0.0/0", null, null, null),
                new Ec2.NetworkAclEntry(32767, true, "-1", "deny", "0.0.0.0/0", null, null, null));
        putNetworkAcl(new Ec2.NetworkAcl(acl, vpc, false, List.of(subnet), finalRules));
        return acl;
    }

    @Override
    public void networkAclEntry(String networkAcl, int ruleNumber, boolean egress, String cidr, int fromPort,
                                int toPort) {
        Ec2.NetworkAcl old = existing(networkAcls, networkAcl);
        List<Ec2.NetworkAclEntry> entries = new ArrayList<>(old.entries());
        entries.add(new Ec2.NetworkAclEntry(ruleNumber, egress, "6", "allow", cidr, null, fromPort, toPort));
        putNetworkAcl(new Ec2.NetworkAcl(old.id(), old.vpcId(), old.isDefault(), old.subnetIds(), entries));
    }

    @Override
    public String internetGateway(String vpc) {
        existing(vpcs, vpc);
        String igw = id("igw");
        account.putInternetGateway(new Ec2.InternetGateway(igw, vpc, "available"));
        return igw;
    }

    @Override
    public String natGateway(String publicSubnet) {
        String nat = id("nat");
        account.putNatGateway(new Ec2.NatGateway(nat, existing(subnets, publicSubnet).vpcId(), publicSubnet,
                "available", "public"));
        return nat;
    }

    @Override
    public String mainRouteTable(String vpc) {
        return existing(mainRouteTables, vpc);
    }

    /** A subnet has one explicit association: it leaves any table it had. */
    @Override
    public String routeTable(String vpc, String subnet) {
        existing(subnets, subnet);
        List.copyOf(routeTables.values()).stream().filter(t -> t.subnetIds().contains(subnet)).forEach(t -> {
            List<String> kept = new ArrayList<>(t.subnetIds());
            kept.remove(subnet);
            putRouteTable(new Ec2.RouteTable(t.id(), t.vpcId(), t.main(), kept, t.routes()));
        });
        String table = id("rtb");
        putRouteTable(new Ec2.RouteTable(table, vpc, false, List.of(subnet),
                List.of(local(existing(vpcs, vpc).cidrBlock()))));
        return table;
    }

    @Override
    public void route(String routeTable, String destinationCidr, String target) {
        Ec2.RouteTable old = existing(routeTables, routeTable);
        List<Ec2.Route> routes = new ArrayList<>(old.routes());
        routes.add(new Ec2.Route(destinationCidr, null, target, "active"));
        putRouteTable(new Ec2.RouteTable(old.id(), old.vpcId(), old.main(), old.subnetIds(), routes));
    }

    /** Fixture choice: {@code available} at once (AWS answers {@code pending} for a minute or two). */
    @Override
    public String interfaceEndpoint(String vpc, String serviceName, String subnet, String securityGroup) {
        existing(vpcs, vpc);
        String endpoint = id("vpce");
        account.putVpcEndpoint(new Ec2.VpcEndpoint(endpoint, vpc, serviceName, "Interface", "available", true,
                List.of(securityGroup), List.of(subnet)));
        return endpoint;
    }

    /** Route 53 answers the zone's name fully qualified, with the final dot. */
    @Override
    public String privateHostedZone(String name, String vpc) {
        existing(vpcs, vpc);
        String id = "Z%020X".formatted(++nextId);
        account.putPrivateHostedZone(new Dns.PrivateHostedZone(id, name.endsWith(".") ? name : name + "."), vpc);
        return id;
    }

    private static Ec2.Route local(String vpcCidr) {
        return new Ec2.Route(vpcCidr, null, "local", "active");
    }

    private static Ec2.SecurityGroupRule allEgress() {
        return new Ec2.SecurityGroupRule("-1", null, null, List.of("0.0.0.0/0"), List.of(), List.of());
    }

    private void putVpc(Ec2.Vpc vpc) {
        vpcs.put(vpc.id(), vpc);
        account.putVpc(vpc);
    }

    private void putNetworkAcl(Ec2.NetworkAcl acl) {
        networkAcls.put(acl.id(), acl);
        account.putNetworkAcl(acl);
    }

    private void putRouteTable(Ec2.RouteTable table) {
        routeTables.put(table.id(), table);
        account.putRouteTable(table);
    }

    private void putSecurityGroup(Ec2.SecurityGroup group) {
        securityGroups.put(group.id(), group);
        account.putSecurityGroup(group);
    }

    // ---- IAM ------------------------------------------------------------------------------------------------

    /** The trust policy ({@link SdkSeeder#TASK_ROLE_TRUST}) is not kept: the readers do not read it. */
    @Override
    public String taskRole(String name, String policyName, String policyDocument) {
        Map<String, String> inline = policyName == null ? Map.of() : Map.of(policyName, policyDocument);
        return account.putRole(name, inline, List.of(), null);
    }

    @Override
    public String managedPolicy(String name, String document) {
        String arn = account.policyArn(name);
        account.putPolicy(arn, document);
        return arn;
    }

    @Override
    public void attachRolePolicy(String roleName, String policyArn) {
        account.attachRolePolicy(roleName, policyArn);
    }

    // ---- ECS ------------------------------------------------------------------------------------------------

    @Override
    public String cluster(String name, Consumer<CreateClusterRequest.Builder> cluster) {
        CreateClusterRequest request = CreateClusterRequest.builder().applyMutation(cluster).clusterName(name).build();
        return account.putCluster(SdkShapes.cluster(Cluster.builder().clusterArn(account.clusterArn(name))
                .clusterName(name).status("ACTIVE").configuration(request.configuration()).tags(request.tags())
                .build()));
    }

    /**
     * A Linux instance with no public address; its agent reports {@link #AGENT_VERSION}, connected, and the
     * attributes ecs.capability.execute-command and ecs.os-type linux.
     */
    @Override
    public String containerInstance(String cluster, String subnet, String securityGroup) {
        String clusterArn = account.clusterArn(cluster);
        Ec2.Subnet where = existing(subnets, subnet);
        String instance = id("i");
        String privateIp = where.cidrBlock().substring(0, where.cidrBlock().lastIndexOf('.') + 1)
                + (10 + clusterInstances.values().stream().mapToInt(List::size).sum());
        account.putInstance(new Ec2.Instance(instance, subnet, where.vpcId(), List.of(securityGroup), null, privateIp));
        String arn = ecsArn("container-instance/" + cluster + "/" + ecsId());
        account.putContainerInstance(clusterArn, SdkShapes.containerInstance(ContainerInstance.builder()
                .containerInstanceArn(arn).ec2InstanceId(instance).status("ACTIVE").agentConnected(true)
                .versionInfo(v -> v.agentVersion(AGENT_VERSION))
                .attributes(Attribute.builder().name("ecs.capability.execute-command").build(),
                        Attribute.builder().name("ecs.os-type").value("linux").build())
                .build()));
        clusterInstances.computeIfAbsent(clusterArn, c -> new ArrayList<>()).add(arn);
        return arn;
    }

    @Override
    public void taskDefinition(Consumer<RegisterTaskDefinitionRequest.Builder> definition) {
        RegisterTaskDefinitionRequest request = RegisterTaskDefinitionRequest.builder().applyMutation(definition)
                .build();
        int revision = revisions.merge(request.family(), 1, Integer::sum);
        TaskDefinition registered = TaskDefinition.builder()
                .taskDefinitionArn(account.taskDefinitionArn(request.family() + ":" + revision))
                .family(request.family()).revision(revision).status("ACTIVE").taskRoleArn(request.taskRoleArn())
                .executionRoleArn(request.executionRoleArn()).networkMode(request.networkMode())
                .pidMode(request.pidMode()).runtimePlatform(request.runtimePlatform())
                .requiresCompatibilities(request.requiresCompatibilities()).cpu(request.cpu())
                .memory(request.memory()).containerDefinitions(request.containerDefinitions()).build();
        taskDefinitions.put(registered.taskDefinitionArn(), registered);
        account.putTaskDefinition(SdkShapes.taskDefinition(registered));
    }

    /**
     * With neither a launch type nor a capacity provider strategy (and no default strategy seeded), ECS uses the
     * EC2 launch type. A Fargate service's platform version is LATEST unless given.
     */
    @Override
    public void service(String cluster, String name, boolean exec, Consumer<CreateServiceRequest.Builder> service) {
        CreateServiceRequest request = CreateServiceRequest.builder()
                .applyMutation(r -> service.accept(r.cluster(cluster).serviceName(name))).build();
        String taskDefinition = taskDefinitionArn(request.taskDefinition());
        LaunchType launchType = request.launchType() == null && request.capacityProviderStrategy().isEmpty()
                ? LaunchType.EC2 : request.launchType();
        boolean fargate = launchType == LaunchType.FARGATE;
        Service created = Service.builder().serviceArn(account.serviceArn(cluster, name)).serviceName(name)
                .clusterArn(account.clusterArn(cluster)).status("ACTIVE")
                .enableExecuteCommand(exec || Boolean.TRUE.equals(request.enableExecuteCommand()))
                .launchType(launchType).capacityProviderStrategy(request.capacityProviderStrategy())
                .platformVersion(fargate ? request.platformVersion() == null ? "LATEST" : request.platformVersion()
                        : null)
                .platformFamily(fargate ? "Linux" : null)
                .taskDefinition(taskDefinition).deploymentController(request.deploymentController())
                .networkConfiguration(request.networkConfiguration()).tags(request.tags())
                .desiredCount(request.desiredCount() == null ? 0 : request.desiredCount()).runningCount(0)
                .deployments(Deployment.builder().id("ecs-svc/" + ++nextId).status("PRIMARY")
                        .taskDefinition(taskDefinition).build())
                .build();
        putService(created);
    }

    @Override
    public String serviceTask(String cluster, String service, String taskDefinition) {
        String clusterArn = account.clusterArn(cluster);
        List<String> instances = clusterInstances.getOrDefault(clusterArn, List.of());
        if (instances.isEmpty()) {
            throw new IllegalStateException("RunTask: no container instance in cluster " + cluster);
        }
        String definitionArn = taskDefinitionArn(taskDefinition);
        TaskDefinition definition = existing(taskDefinitions, definitionArn);
        if (definition.networkMode() == NetworkMode.AWSVPC) {
            throw new IllegalArgumentException("RunTask of awsvpc " + taskDefinition
                    + " needs a network configuration: describe such tasks with check/Scenario");
        }
        String arn = ecsArn("task/" + cluster + "/" + ecsId());
        account.putTask(SdkShapes.task(Task.builder().taskArn(arn).clusterArn(clusterArn).group("service:" + service)
                .taskDefinitionArn(definitionArn).lastStatus("RUNNING").desiredStatus("RUNNING")
                .launchType(LaunchType.EC2).enableExecuteCommand(true).containerInstanceArn(instances.getFirst())
                .containers(definition.containerDefinitions().stream().map(c -> Container.builder().name(c.name())
                        .managedAgents(ManagedAgent.builder().name(ManagedAgentName.EXECUTE_COMMAND_AGENT)
                                .lastStatus("RUNNING").build()).build()).toList())
                .build()));
        Service old = existing(services, account.serviceArn(cluster, service));
        putService(old.toBuilder().runningCount(old.runningCount() + 1).build());
        return arn;
    }

    /** The PRIMARY deployment's rollout completes once as many tasks run as are desired. */
    private void putService(Service service) {
        boolean steady = service.runningCount() >= service.desiredCount();
        Service withRollout = service.toBuilder().deployments(service.deployments().getFirst().toBuilder()
                .rolloutState(steady ? "COMPLETED" : "IN_PROGRESS").runningCount(service.runningCount())
                .desiredCount(service.desiredCount()).build()).build();
        services.put(withRollout.serviceArn(), withRollout);
        account.putService(SdkShapes.service(withRollout));
    }

    /** ECS takes a family (its latest revision), family:revision or an ARN. */
    private String taskDefinitionArn(String reference) {
        if (reference.startsWith("arn:")) {
            return reference;
        }
        if (reference.contains(":")) {
            return account.taskDefinitionArn(reference);
        }
        return account.taskDefinitionArn(reference + ":" + existing(revisions, reference));
    }

    private String ecsArn(String resource) {
        return "arn:aws:ecs:" + region + ":" + account.accountId() + ":" + resource;
    }

    private static <T> T existing(Map<String, T> seeded, String id) {
        T value = seeded.get(id);
        if (value == null) {
            throw new IllegalArgumentException("not seeded here: " + id);
        }
        return value;
    }
}
