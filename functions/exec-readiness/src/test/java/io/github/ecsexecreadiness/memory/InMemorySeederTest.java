package io.github.ecsexecreadiness.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/** The in-memory seeder must create what AWS creates for each step, or a test seeded alike proves nothing. */
class InMemorySeederTest {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";

    private final InMemoryAccount account = new InMemoryAccount(ACCOUNT, REGION);
    private final InMemorySeeder seeder = new InMemorySeeder(account);

    @Test
    void aVpcComesWithItsMainRouteTableItsDefaultGroupAndAwsDnsDefaults() {
        String vpc = seeder.vpc("10.0.0.0/16");
        String group = seeder.securityGroup(vpc, "tasks");

        Ec2.RouteTable main = account.describeRouteTables(List.of(vpc)).getFirst();
        List<Ec2.SecurityGroup> groups = account.describeSecurityGroups(List.of(vpc));
        Ec2.SecurityGroup defaultGroup = groups.stream().filter(g -> !g.id().equals(group)).findFirst().orElseThrow();
        Ec2.SecurityGroup tasks = groups.stream().filter(g -> g.id().equals(group)).findFirst().orElseThrow();
        var allOut = new Ec2.SecurityGroupRule("-1", null, null, List.of("0.0.0.0/0"), List.of(), List.of());
        assertTrue(vpc.matches("vpc-[0-9a-f]{17}"), vpc);
        assertEquals(seeder.mainRouteTable(vpc), main.id());
        assertTrue(main.main());
        assertEquals(List.of(new Ec2.Route("10.0.0.0/16", null, "local", "active")), main.routes());
        assertEquals(2, groups.size());
        assertEquals(List.of(new Ec2.SecurityGroupRule("-1", null, null, List.of(), List.of(defaultGroup.id()),
                List.of())), defaultGroup.ingress());
        assertEquals(List.of(allOut), defaultGroup.egress());
        assertEquals(List.of(), tasks.ingress());
        assertEquals(List.of(allOut), tasks.egress());
        assertTrue(account.describeVpcAttribute(vpc, "enableDnsSupport"));
        assertFalse(account.describeVpcAttribute(vpc, "enableDnsHostnames"));
        seeder.vpcDnsHostnames(vpc);
        assertTrue(account.describeVpcAttribute(vpc, "enableDnsHostnames"));
    }

    @Test
    void aSubnetLeavesItsRouteTableForANewOneAndRoutesNameTheirGateway() {
        String vpc = seeder.vpc("10.0.0.0/16");
        String subnet = seeder.subnet(vpc, "10.0.1.0/24");
        String nat = seeder.natGateway(seeder.subnet(vpc, "10.0.0.0/24"));
        String first = seeder.routeTable(vpc, subnet);
        String second = seeder.routeTable(vpc, subnet);
        seeder.route(second, "0.0.0.0/0", nat);

        Map<String, Ec2.RouteTable> tables = account.describeRouteTables(List.of(vpc)).stream()
                .collect(Collectors.toMap(Ec2.RouteTable::id, t -> t));
        assertEquals(List.of(), tables.get(first).subnetIds());
        assertEquals(List.of(subnet), tables.get(second).subnetIds());
        assertEquals(new Ec2.Route("0.0.0.0/0", null, nat, "active"), tables.get(second).routes().get(1));
        assertEquals(List.of(), tables.get(seeder.mainRouteTable(vpc)).subnetIds());
        Ec2.NatGateway gateway = account.describeNatGateways(List.of(vpc)).getFirst();
        assertEquals(List.of("available", "public"), List.of(gateway.state(), gateway.connectivityType()));
        assertEquals(REGION + "a", account.describeSubnets(List.of(subnet)).getFirst().availabilityZone());
    }

    @Test
    void taskDefinitionsGetRevisionsAndAFamilyNamesItsLatest() {
        seeder.cluster("shop");
        seeder.taskDefinition(r -> r.family("web").containerDefinitions(c -> c.name("app").image("nginx")));
        seeder.taskDefinition(r -> r.family("web").taskRoleArn("arn:aws:iam::123456789012:role/web-task")
                .containerDefinitions(c -> c.name("app").image("nginx")));
        seeder.service("shop", "web", false, r -> r.taskDefinition("web").desiredCount(1));

        Ecs.Service service = account.describeServices("shop", List.of("web")).found().getFirst();
        assertEquals("arn:aws:ecs:eu-west-1:123456789012:service/shop/web", service.arn());
        assertEquals("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:2", service.taskDefinitionArn());
        assertEquals("arn:aws:iam::123456789012:role/web-task",
                account.describeTaskDefinition(service.taskDefinitionArn()).taskRoleArn());
        assertNull(account.describeTaskDefinition(account.taskDefinitionArn("web:1")).taskRoleArn());
        // Neither a launch type nor a capacity provider: EC2, and no platform version (Fargate only).
        assertEquals("EC2", service.launchType());
        assertNull(service.platformVersion());
        assertFalse(service.enableExecuteCommand());
        assertEquals("ECS", service.deploymentController());
    }

    @Test
    void aFargateServiceRunsLatestAndItsRolloutWaitsForItsTasks() {
        Subnet net = subnetWithGroup();
        String subnet = net.id();
        String group = net.group();
        seeder.cluster("shop");
        seeder.taskDefinition(r -> r.family("web").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilitiesWithStrings("FARGATE").containerDefinitions(c -> c.name("app").image("nginx")));
        seeder.service("shop", "web", true, r -> r.taskDefinition("web").desiredCount(2).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet).securityGroups(group))));

        Ecs.Service service = account.describeServices("shop", List.of("web")).found().getFirst();
        assertEquals("LATEST", service.platformVersion());
        assertTrue(service.enableExecuteCommand());
        assertEquals(new Ecs.AwsVpcConfiguration(List.of(subnet), List.of(group), false),
                service.awsvpcConfiguration());
        assertEquals("IN_PROGRESS", service.deployments().getFirst().rolloutState());
        // RunTask of an awsvpc task definition needs a network configuration, which the step does not give.
        assertThrows(IllegalStateException.class, () -> seeder.serviceTask("shop", "web", "web"));
        seeder.containerInstance("shop", subnet, group);
        assertThrows(IllegalArgumentException.class, () -> seeder.serviceTask("shop", "web", "web"));
    }

    @Test
    void aServiceTaskRunsOnAContainerInstanceWithExecAndItsAgentRunning() {
        Subnet net = subnetWithGroup();
        String cluster = seeder.cluster("legacy");
        String instanceArn = seeder.containerInstance("legacy", net.id(), net.group());
        seeder.taskDefinition(r -> r.family("worker").networkMode(NetworkMode.BRIDGE).containerDefinitions(
                c -> c.name("worker").image("busybox"), c -> c.name("sidecar").image("busybox")));
        seeder.service("legacy", "worker", true, r -> r.taskDefinition("worker").desiredCount(1)
                .launchType(LaunchType.EC2));
        assertEquals("IN_PROGRESS", service("worker").deployments().getFirst().rolloutState());

        String taskArn = seeder.serviceTask("legacy", "worker", "worker:1");

        Ecs.Task task = account.describeTasks("legacy", List.of(taskArn)).found().getFirst();
        assertTrue(taskArn.matches("arn:aws:ecs:eu-west-1:123456789012:task/legacy/[0-9a-f]{32}"), taskArn);
        assertEquals(List.of(taskArn), account.listTasks("legacy", "worker"));
        assertEquals(List.of(cluster, "service:worker", "RUNNING", "EC2", instanceArn), List.of(task.clusterArn(),
                task.group(), task.lastStatus(), task.launchType(), task.containerInstanceArn()));
        assertTrue(task.enableExecuteCommand());
        assertEquals(List.of("worker", "sidecar"), task.containers().stream().map(Ecs.Container::name).toList());
        assertTrue(task.containers().stream().allMatch(c -> c.managedAgents()
                .equals(List.of(new Ecs.ManagedAgent("ExecuteCommandAgent", "RUNNING", null)))));
        Ecs.ContainerInstance instance = account.describeContainerInstances("legacy", List.of(instanceArn)).found()
                .getFirst();
        assertEquals(Set.of("ecs.capability.execute-command", "ecs.os-type"), instance.attributeNames());
        assertEquals(List.of("linux", InMemorySeeder.AGENT_VERSION, "ACTIVE"),
                List.of(instance.osType(), instance.agentVersion(), instance.status()));
        Ec2.Instance host = account.describeInstances(List.of(instance.ec2InstanceId())).getFirst();
        assertEquals(List.of(net.id(), net.vpc()), List.of(host.subnetId(), host.vpcId()));
        assertEquals(List.of(1, "COMPLETED"), List.of(service("worker").runningCount(),
                service("worker").deployments().getFirst().rolloutState()));
    }

    @Test
    void rolesAndManagedPoliciesAreReadAsIamGivesThem() {
        String role = seeder.taskRole("web-task", "exec", "{\"Statement\":[]}");
        String policy = seeder.managedPolicy("channels", "{\"Statement\":[{}]}");
        seeder.attachRolePolicy("web-task", policy);

        var detail = account.role("web-task").orElseThrow();
        assertEquals("arn:aws:iam::123456789012:role/web-task", role);
        assertEquals("arn:aws:iam::123456789012:policy/channels", policy);
        assertEquals(Map.of("exec", "{\"Statement\":[]}"), detail.inlinePolicies());
        assertEquals(List.of(policy), detail.attachedPolicyArns());
        assertEquals("{\"Statement\":[{}]}", account.managedPolicyDocument(policy));
    }

    private record Subnet(String vpc, String id, String group) {}

    /** A subnet of a new VPC, and a security group of that VPC. */
    private Subnet subnetWithGroup() {
        String vpc = seeder.vpc("10.0.0.0/16");
        return new Subnet(vpc, seeder.subnet(vpc, "10.0.1.0/24"), seeder.securityGroup(vpc, "tasks"));
    }

    private Ecs.Service service(String name) {
        return account.describeServices("legacy", List.of(name)).found().getFirst();
    }
}
