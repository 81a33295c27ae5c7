package io.github.ecsexecreadiness.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.EcsServiceBuilder;
import io.github.ecsexecreadiness.EcsTaskBuilder;
import io.github.ecsexecreadiness.EcsTaskDefinitionBuilder;
import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ReadinessEngine;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.exec.ServiceFlagCheck;
import io.github.ecsexecreadiness.collect.NetworkSnapshot.VpcNetwork;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.model.Dns;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Kms;
import io.github.ecsexecreadiness.model.Logs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnapshotCollectorTest {
    private static final String AWS_MANAGED = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";

    private final InMemoryAccount account = new InMemoryAccount();
    private final SnapshotCollector collector = new SnapshotCollector(account.readers());

    /** {@code count} ready services svc-0..n in {@code cluster}, each with its own task definition. */
    private List<Ecs.Service> services(String cluster, int count, int tasksEach) {
        List<Ecs.Service> services = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            services.add(account.putReadyFargateService(cluster, "svc-" + i,
                    account.taskDefinitionArn(cluster + "-svc-" + i + ":1"), tasksEach));
        }
        return services;
    }

    /** Services svc-0..n in cluster shop, each with its own task definition and task role role-0..n. */
    private void servicesWithOwnRoles(int count) {
        for (int i = 0; i < count; i++) {
            String taskDefinition = taskDefinitionWithRole("svc-" + i + ":1", "role-" + i);
            account.putReadyFargateService("shop", "svc-" + i, taskDefinition, 1);
        }
    }

    /** A task definition like the ready one, running as {@code roleName}. */
    private String taskDefinitionWithRole(String familyRevision, String roleName) {
        String arn = account.taskDefinitionArn(familyRevision);
        account.putRole(roleName, Map.of("exec", Scenario.READY_TASK_ROLE_POLICY), List.of(), null);
        account.putTaskDefinition(EcsTaskDefinitionBuilder.builder(readyTaskDefinition(arn)).taskRoleArn(
                account.roleArn(roleName)).build());
        return arn;
    }

    private static Ecs.TaskDefinition readyTaskDefinition(String arn) {
        return EcsTaskDefinitionBuilder.builder(Scenario.ready().taskDefinitions().get(Scenario.TASK_DEFINITION_ARN))
                .arn(arn).build();
    }

    private long calls(String operation) {
        return account.apiCalls().snapshot().getOrDefault(operation, 0L);
    }

    private static Scope sweep() {
        return Scope.wholeRegion();
    }

    // ---- fewest calls --------------------------------------------------------------------------------------

    @Test
    void describesServicesTenAtATime() {
        services("shop", 23, 1);

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(23, snapshot.services().size());
        assertEquals(3, calls("ECS.DescribeServices"));
        assertEquals(1, calls("ECS.ListServices"));
        assertEquals(1, calls("ECS.DescribeClusters"));
        assertEveryKeyRead(snapshot);
    }

    /**
     * The KMS key once per key whatever the number of clusters naming it; the log group and bucket only where the
     * agent requires their encryption; a cluster without services, nothing.
     */
    @Test
    void readsEachKeyGroupAndBucketOfTheExecConfigurationsOnce() {
        String key = "arn:aws:kms:eu-west-1:111122223333:key/k1";
        var encrypted = new Ecs.ExecuteCommandConfiguration(key, "OVERRIDE", "/exec/audit", true, "audit", true, null);
        var plain = new Ecs.ExecuteCommandConfiguration(key, "OVERRIDE", "/exec/plain", false, "plain", false, null);
        account.putCluster(new Ecs.Cluster(account.clusterArn("shop"), "shop", encrypted, Map.of()));
        account.putCluster(new Ecs.Cluster(account.clusterArn("billing"), "billing", plain, Map.of()));
        account.putCluster(new Ecs.Cluster(account.clusterArn("empty"), "empty",
                new Ecs.ExecuteCommandConfiguration("alias/unused", "NONE", null, false, null, false, null), Map.of()));
        services("shop", 3, 1);
        services("billing", 2, 1);
        account.putKmsKey(new Kms.Key(key, "Enabled", Scenario.DEFAULT_KEY_POLICY));
        account.putLogGroup(new Logs.LogGroup("/exec/audit", key));

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(1, calls("KMS.DescribeKey"));
        assertEquals(1, calls("KMS.GetKeyPolicy"));
        assertEquals(1, calls("CloudWatchLogs.DescribeLogGroups"), "only the encrypted group");
        assertEquals(1, calls("S3.GetBucketEncryption"), "only the encrypted bucket");
        var resources = snapshot.sessionResources();
        assertEquals("Enabled", resources.keys().find(key).orElseThrow().keyState());
        assertEquals(key, resources.logGroups().find("/exec/audit").orElseThrow().kmsKeyId());
        assertTrue(resources.bucketEncryption().find("audit").isEmpty(), "a bucket that does not exist");
        assertThrows(Unreadable.class, () -> resources.logGroups().find("/exec/plain"), "never read");
    }

    @Test
    void aRefusedKeyReadIsUnreadableWithTheOperationNamed() {
        String key = "arn:aws:kms:eu-west-1:111122223333:key/k1";
        account.putCluster(new Ecs.Cluster(account.clusterArn("shop"), "shop",
                new Ecs.ExecuteCommandConfiguration(key, "NONE", null, false, null, false, null), Map.of()));
        services("shop", 1, 1);
        account.putKmsKey(new Kms.Key(key, "Enabled", Scenario.DEFAULT_KEY_POLICY));
        account.fail("KMS.GetKeyPolicy", key, "AccessDeniedException");

        AccountSnapshot snapshot = collector.collect(sweep());

        Unreadable e = assertThrows(Unreadable.class, () -> snapshot.sessionResources().keys().find(key));
        assertTrue(e.getMessage().contains("KMS.GetKeyPolicy: AccessDeniedException"), e.getMessage());
    }

    @Test
    void sweepListsTasksOncePerClusterAndGroupsThemByService() {
        services("shop", 5, 2);
        services("billing", 4, 1);
        account.putReadyFargateService("billing", "idle", account.taskDefinitionArn("idle:1"), 0);

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(2, calls("ECS.ListTasks"));
        assertEquals(2, calls("ECS.DescribeTasks"));
        for (Ecs.Service service : snapshot.services()) {
            List<Ecs.Task> tasks = snapshot.runningTasks().find(service.arn()).orElseThrow();
            assertEquals(service.desiredCount(), tasks.size(), service.name());
            tasks.forEach(task -> assertEquals("service:" + service.name(), task.group()));
        }
        assertEquals(List.of(), snapshot.runningTasks().find(account.serviceArn("billing", "idle")).orElseThrow());
    }

    @Test
    void pagesListTasksAndDescribesTasksHundredAtATime() {
        services("shop", 5, 50);

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(3, calls("ECS.ListTasks"), "250 task ARNs = 3 pages");
        assertEquals(3, calls("ECS.DescribeTasks"));
        assertEquals(2, calls("EC2.DescribeNetworkInterfaces"), "250 ENIs in chunks of 200");
        assertEquals(250, snapshot.runningTasks().found().values().stream().mapToInt(List::size).sum());
    }

    @Test
    void singleServiceScopeReadsOnlyThatService() {
        services("shop", 12, 1);

        AccountSnapshot snapshot = collector.collect(new Scope(List.of("shop"), "svc-3"));

        assertEquals(List.of("svc-3"), snapshot.services().stream().map(Ecs.Service::name).toList());
        assertEquals(0, calls("ECS.ListClusters"));
        assertEquals(0, calls("ECS.ListServices"));
        assertEquals(1, calls("ECS.ListTasks"));
        assertEquals(1, snapshot.runningTasks().find(account.serviceArn("shop", "svc-3")).orElseThrow().size());
        assertEquals(1, snapshot.taskDefinitions().found().size());
        assertEveryKeyRead(snapshot);
    }

    @Test
    void serviceArnScopeFindsItsCluster() {
        services("shop", 2, 1);

        AccountSnapshot snapshot = collector.collect(new Scope(List.of(), account.serviceArn("shop", "svc-1")));

        assertEquals(List.of("svc-1"), snapshot.services().stream().map(Ecs.Service::name).toList());
        assertEquals(Scenario.ACCOUNT, snapshot.accountId());
    }

    @Test
    void readsEachTaskDefinitionOnceAcrossServicesAndCollections() {
        String shared = account.taskDefinitionArn("web:7");
        for (int i = 0; i < 6; i++) {
            account.putReadyFargateService("shop", "web-" + i, shared, 1);
        }

        collector.collect(sweep());
        assertEquals(1, calls("ECS.DescribeTaskDefinition"));

        account.putReadyFargateService("shop", "new", account.taskDefinitionArn("new:1"), 1);
        AccountSnapshot second = collector.collect(sweep());

        assertEquals(2, calls("ECS.DescribeTaskDefinition"), "only the new revision is read");
        assertTrue(second.taskDefinitions().find(shared).isPresent());
    }

    @Test
    void sweepReadsManyRolesWithOneAuthorizationDetailsCall() {
        servicesWithOwnRoles(5);

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(1, calls("IAM.GetAccountAuthorizationDetails"));
        assertEquals(0, calls("IAM.GetRole"));
        assertEquals(5, snapshot.roles().found().size());
        var role = snapshot.roles().find(account.roleArn("role-2")).orElseThrow();
        assertEquals("inline policy exec", role.identityPolicies().get(0).source());
    }

    @Test
    void singleServiceReadsItsRoleByName() {
        servicesWithOwnRoles(5);

        AccountSnapshot snapshot = collector.collect(new Scope(List.of("shop"), "svc-4"));

        assertEquals(1, calls("IAM.GetRole"));
        assertEquals("role-4", snapshot.roles().find(account.roleArn("role-4")).orElseThrow().name());
    }

    // ---- tag-based ECS Exec grants -------------------------------------------------------------------------

    private static final String TEAM_EXEC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"ecs:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
            + "{\"aws:ResourceTag/team\":\"payments\"}}}]}";

    /**
     * Role developers grants exec on tags through a customer managed policy, and carries an AWS managed one; user
     * alice through the inline policy of her group oncall. Role auditors and user bob condition other actions only.
     */
    private void developersWithTagBasedExec() {
        String customer = account.policyArn("team-exec");
        account.putPolicy(customer, TEAM_EXEC).putPolicy(AWS_MANAGED, "{\"Statement\":[]}");
        account.putRole("developers", Map.of(), List.of(customer, AWS_MANAGED), null);
        account.putRole("auditors", Map.of("read", "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"ecs:Describe*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
                + "{\"aws:ResourceTag/team\":\"payments\"}}}]}"), List.of(), null);
        account.putGroup("oncall", Map.of("exec-on-team", TEAM_EXEC), List.of()).putGroup("readers", Map.of(),
                List.of());
        account.putUser("alice", Map.of(), List.of(), List.of("readers", "oncall"));
        account.putUser("bob", Map.of(), List.of(), List.of("readers"));
    }

    @Test
    void aSingleServiceReadsTheTagBasedExecIdentitiesOnceAndKeepsThemFifteenMinutes() {
        long[] now = {0};
        SnapshotCollector warm = new SnapshotCollector(account.readers(), () -> now[0]);
        servicesWithOwnRoles(2);
        developersWithTagBasedExec();
        Scope one = new Scope(List.of("shop"), "svc-1");

        AccountSnapshot first = warm.collect(one);
        now[0] += SnapshotCollector.TAG_BASED_EXEC_IDENTITIES_KEPT.toNanos() - 1;
        AccountSnapshot second = warm.collect(one);

        assertEquals(1, calls("IAM.GetAccountAuthorizationDetails"));
        assertEquals(first.tagBasedExecIdentities(), second.tagBasedExecIdentities());
        var identities = first.tagBasedExecIdentities().identities();
        assertEquals(List.of(account.roleArn("developers"), "arn:aws:iam::" + Scenario.ACCOUNT + ":user/alice"),
                identities.stream().map(r -> r.arn()).toList(), "auditors and bob condition other actions on tags");
        assertEquals(List.of(account.policyArn("team-exec"), AWS_MANAGED),
                identities.getFirst().identityPolicies().stream().map(p -> p.source()).toList());
        assertTrue(identities.getFirst().identityPolicies().stream().allMatch(p -> p.document() != null),
                "the role is complete, so the evaluator sees every Allow and Deny");
        assertEquals(List.of("inline policy exec-on-team of group oncall"),
                identities.get(1).identityPolicies().stream().map(p -> p.source()).toList(),
                "a user holds the policies of its groups");

        now[0] += 2;
        warm.collect(one);
        assertEquals(2, calls("IAM.GetAccountAuthorizationDetails"), "read again once kept too long");
    }

    @Test
    void aSweepFindsTheTagBasedExecIdentitiesInTheRolesItReadForItsTaskRoles() {
        servicesWithOwnRoles(5);
        developersWithTagBasedExec();

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(1, calls("IAM.GetAccountAuthorizationDetails"));
        assertEquals(2, snapshot.tagBasedExecIdentities().identities().size());
    }

    @Test
    void refusedAuthorizationDetailsLeaveTheTagBasedExecIdentitiesNotReadAskedOnce() {
        servicesWithOwnRoles(5);
        account.fail("IAM.GetAccountAuthorizationDetails", "AccessDenied");

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(null, snapshot.tagBasedExecIdentities().identities());
        assertEquals("the account's roles and users could not be read: IAM.GetAccountAuthorizationDetails: "
                + "AccessDenied",
                snapshot.tagBasedExecIdentities().notRead());
        assertEquals(1, calls("IAM.GetAccountAuthorizationDetails"));
    }

    @Test
    void readsAnAwsManagedPolicyOnceAndKeepsCustomerManagedOnesFromAuthorizationDetails() {
        String customer = account.policyArn("exec");
        account.putPolicy(AWS_MANAGED, "{\"Statement\":[]}").putPolicy(customer, Scenario.READY_TASK_ROLE_POLICY);
        for (int i = 0; i < 5; i++) {
            String td = taskDefinitionWithRole("svc-" + i + ":1", "role-" + i);
            account.attachRolePolicy("role-" + i, AWS_MANAGED).attachRolePolicy("role-" + i, customer);
            account.putReadyFargateService("shop", "svc-" + i, td, 1);
        }

        AccountSnapshot first = collector.collect(sweep());
        collector.collect(sweep());

        assertEquals(1, calls("IAM.GetPolicy"), "the AWS managed policy, once for both collections");
        assertEquals(2, calls("IAM.GetAccountAuthorizationDetails"));
        var sources = first.roles().find(account.roleArn("role-0")).orElseThrow().identityPolicies().stream()
                .map(p -> p.source() + "=" + (p.document() != null)).toList();
        assertEquals(List.of("inline policy exec=true", AWS_MANAGED + "=true", customer + "=true"), sources);
    }

    @Test
    void readsThePermissionsBoundary() {
        String boundary = account.policyArn("boundary");
        account.putPolicy(boundary, "{\"Statement\":[]}");
        account.putRole("web-task", Map.of("exec", Scenario.READY_TASK_ROLE_POLICY), List.of(), boundary);
        account.putReadyFargateService("shop", "web", account.taskDefinitionArn("web:1"), 1);

        var role = collector.collect(sweep()).roles().find(Scenario.TASK_ROLE_ARN).orElseThrow();

        assertEquals(boundary, role.permissionsBoundary().source());
        assertEquals("{\"Statement\":[]}", role.permissionsBoundary().document());
    }

    @Test
    void vpcCallsDoNotGrowWithTheNumberOfServices() {
        services("shop", 3, 1);
        collector.collect(sweep());
        Map<String, Long> few = ec2Calls();

        InMemoryAccount big = new InMemoryAccount();
        for (int i = 0; i < 60; i++) {
            big.putReadyFargateService("shop", "svc-" + i, big.taskDefinitionArn("svc-" + i + ":1"), 1);
        }
        new SnapshotCollector(big.readers()).collect(sweep());

        assertEquals(few, ec2Calls(big));
        assertEquals(1L, few.get("EC2.DescribeRouteTables"));
        assertEquals(1L, few.get("EC2.DescribeSecurityGroups"));
    }

    @Test
    void assemblesTheVpcFromItsPieces() {
        account.put(Scenario.ready());

        AccountSnapshot snapshot = collector.collect(sweep());

        VpcNetwork expected = Scenario.ready().vpcs().get(Scenario.VPC);
        VpcNetwork vpc = snapshot.network().vpcs().find(Scenario.VPC).orElseThrow();
        assertEquals(Set.copyOf(expected.routeTables()), Set.copyOf(vpc.routeTables()));
        assertEquals(expected.natGateways(), vpc.natGateways());
        assertEquals(expected.internetGateways(), vpc.internetGateways());
        assertEquals(expected.securityGroups(), vpc.securityGroups());
        assertEquals(Scenario.PRIVATE_SUBNET,
                snapshot.network().networkInterfaces().find(Scenario.TASK_ENI).orElseThrow().subnetId());
        assertTrue(snapshot.network().subnets().find(Scenario.PRIVATE_SUBNET).isPresent());
    }

    @Test
    void readsTheNetworkAclsOfEveryVpcInOneCall() {
        account.put(Scenario.ready());
        account.putVpc(new Ec2.Vpc("vpc-0b2", Scenario.ACCOUNT, "10.9.0.0/16", null, null));
        account.putSubnet(new Ec2.Subnet("subnet-0b2", "vpc-0b2", "eu-west-1b", Scenario.ACCOUNT, "10.9.1.0/24",
                false));
        Ecs.Service other = account.putReadyFargateService("shop", "other", account.taskDefinitionArn("other:1"), 0);
        account.putService(EcsServiceBuilder.builder(other).awsvpcConfiguration(new Ecs.AwsVpcConfiguration(List.of("subnet-0b2"), List.of(Scenario.TASK_SG),
                        false)).build());

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(1, calls("EC2.DescribeNetworkAcls"), "both VPCs in one filtered call");
        assertEquals(Scenario.ready().networkAcls().get(Scenario.VPC),
                snapshot.network().networkAcls().find(Scenario.VPC).orElseThrow());
        assertEquals(List.of("acl-0b2"), snapshot.network().networkAcls().find("vpc-0b2").orElseThrow().stream()
                .map(Ec2.NetworkAcl::id).toList(), "CreateVpc's default ACL");
    }

    @Test
    void deniedNetworkAclsAreUnreadableWithTheOperationNamedAndLeaveTheVpcReadable() {
        account.put(Scenario.ready());
        account.fail("EC2.DescribeNetworkAcls", "UnauthorizedOperation");

        AccountSnapshot snapshot = collector.collect(sweep());

        Unreadable unreadable = assertThrows(Unreadable.class,
                () -> snapshot.network().networkAcls().find(Scenario.VPC));
        assertEquals("could not read vpc-0a1: EC2.DescribeNetworkAcls: UnauthorizedOperation", unreadable.getMessage());
        assertTrue(snapshot.network().vpcs().find(Scenario.VPC).isPresent(), "the rest of the VPC is read");
    }

    @ParameterizedTest(name = "{0} {1} privateDns={2} -> DNS attributes read: {3}")
    @CsvSource({
        "ssmmessages, available, true,  true",
        "ssmmessages, available, false, false",
        "ssmmessages, pending,   true,  false",
        "ssm,         available, true,  false",
    })
    void readsDnsAttributesOnlyForAnSsmmessagesEndpointWithPrivateDns(String service, String state, boolean privateDns,
                                                                     boolean read) {
        account.put(Scenario.ready());
        account.putVpcEndpoint(new Ec2.VpcEndpoint("vpce-0a1", Scenario.VPC,
                "com.amazonaws." + Scenario.REGION + "." + service, "Interface", state, privateDns,
                List.of(Scenario.TASK_SG), List.of(Scenario.PRIVATE_SUBNET)));

        Ec2.Vpc vpc = collector.collect(sweep()).network().vpcs().find(Scenario.VPC).orElseThrow().vpc();

        assertEquals(read ? 2 : 0, calls("EC2.DescribeVpcAttribute"));
        assertEquals(1, calls("EC2.DescribeSubnets"), "the endpoint's subnet was read already");
        assertEquals(read ? Boolean.TRUE : null, vpc.enableDnsSupport());
        assertEquals(read ? Boolean.TRUE : null, vpc.enableDnsHostnames());
    }

    @Test
    void readsTheHostedZonesOfEachVpcOnceAndTheResolverOncePerCollection() {
        account.put(Scenario.ready());
        account.putPrivateHostedZone(new Dns.PrivateHostedZone("Z0HUB", "ssmmessages.eu-west-1.amazonaws.com."),
                Scenario.VPC);
        account.putResolverRule(new Dns.ResolverRule("rslvr-rr-1", "corp.example.", "FORWARD"), true,
                Scenario.VPC);
        account.putResolverRule(new Dns.ResolverRule("rslvr-rr-2", "other.example.", "FORWARD"), true,
                "vpc-0elsewhere");
        account.putReadyFargateService("shop", "second", account.taskDefinitionArn("second:1"), 2);

        Dns.VpcResolution resolution = collector.collect(sweep()).network().nameResolution().find(Scenario.VPC)
                .orElseThrow();

        assertEquals(List.of(new Dns.PrivateHostedZone("Z0HUB", "ssmmessages.eu-west-1.amazonaws.com.")),
                resolution.privateHostedZones());
        assertEquals(List.of(new Dns.ResolverRule("rslvr-rr-1", "corp.example.", "FORWARD")),
                resolution.resolverRules(), "only the rules associated with this VPC");
        assertEquals(1, calls("Route53.ListHostedZonesByVPC"));
        assertEquals(1, calls("Route53Resolver.ListResolverRuleAssociations"));
        assertEquals(1, calls("Route53Resolver.ListResolverRules"));
    }

    @Test
    void listsNoResolverRulesWhenNoneIsAssociatedWithTheVpcs() {
        account.put(Scenario.ready());
        account.putResolverRule(new Dns.ResolverRule("rslvr-rr-2", "other.example.", "FORWARD"), true,
                "vpc-0elsewhere");

        Dns.VpcResolution resolution = collector.collect(sweep()).network().nameResolution().find(Scenario.VPC)
                .orElseThrow();

        assertEquals(Dns.VpcResolution.PUBLIC_DNS_ONLY, resolution);
        assertEquals(0, calls("Route53Resolver.ListResolverRules"));
    }

    @ParameterizedTest(name = "{0} denied")
    @CsvSource({"Route53.ListHostedZonesByVPC", "Route53Resolver.ListResolverRuleAssociations"})
    void deniedNameResolutionIsUnreadableWithTheOperationNamed(String operation) {
        account.put(Scenario.ready());
        account.fail(operation, "AccessDenied");

        AccountSnapshot snapshot = collector.collect(sweep());

        Unreadable unreadable = assertThrows(Unreadable.class,
                () -> snapshot.network().nameResolution().find(Scenario.VPC));
        assertEquals("could not read vpc-0a1: " + operation + ": AccessDenied", unreadable.getMessage());
        assertTrue(snapshot.network().vpcs().find(Scenario.VPC).isPresent(), "the rest of the VPC is read");
    }

    @Test
    void readsTheSubnetsOfAnSsmmessagesEndpointOnceMore() {
        account.put(Scenario.ready());
        account.putSubnet(new Ec2.Subnet("subnet-0vpce", Scenario.VPC, "eu-west-1b", Scenario.ACCOUNT, "10.0.9.0/24",
                false));
        account.putVpcEndpoint(new Ec2.VpcEndpoint("vpce-0a1", Scenario.VPC, "com.amazonaws.eu-west-1.ssmmessages",
                "Interface", "available", true, List.of(), List.of(Scenario.PRIVATE_SUBNET, "subnet-0vpce")));

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(2, calls("EC2.DescribeSubnets"));
        assertEquals("eu-west-1b", snapshot.network().subnets().find("subnet-0vpce").orElseThrow().availabilityZone());
        assertTrue(snapshot.network().subnets().find(Scenario.PRIVATE_SUBNET).isPresent());
    }

    @Test
    void readsContainerInstancesAndTheirHostsOnlyForBridgeTasks() {
        account.put(Scenario.ready());
        String bridgeTd = account.taskDefinitionArn("legacy:1");
        account.putTaskDefinition(EcsTaskDefinitionBuilder.builder(readyTaskDefinition(bridgeTd)).networkMode("bridge")
                .build());
        String ci = "arn:aws:ecs:eu-west-1:111122223333:container-instance/shop/ci1";
        account.putContainerInstance(Scenario.CLUSTER_ARN,
                new Ecs.ContainerInstance(ci, "i-0host", "1.80.0", true, "ACTIVE", Set.of(), null, "linux"));
        account.putInstance(new Ec2.Instance("i-0host", Scenario.PUBLIC_SUBNET, Scenario.VPC, List.of(Scenario.TASK_SG),
                "203.0.113.7", "10.0.0.5"));
        Ecs.Service legacy = EcsServiceBuilder.builder(Scenario.ready().service()).arn(
                account.serviceArn("shop", "legacy")).name("legacy").build();
        account.putService(EcsServiceBuilder.builder(legacy).taskDefinitionArn(bridgeTd).launchType("EC2").build());
        Ecs.Task task = Scenario.ready().tasks().get(0);
        account.putTask(new Ecs.Task(task.arn() + "1", Scenario.CLUSTER_ARN, "service:legacy", bridgeTd, "RUNNING",
                "RUNNING", "EC2", null, null, true, null, ci, null, task.containers(), Map.of()));

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(1, calls("ECS.DescribeContainerInstances"));
        assertEquals(1, calls("EC2.DescribeInstances"));
        assertEquals("i-0host", snapshot.containerInstances().find(ci).orElseThrow().ec2InstanceId());
        assertEquals("203.0.113.7", snapshot.network().instances().find("i-0host").orElseThrow().publicIp());
        assertTrue(snapshot.network().subnets().find(Scenario.PUBLIC_SUBNET).isPresent());
        assertEveryKeyRead(snapshot);
    }

    // ---- what AWS takes away -------------------------------------------------------------------------------

    @Test
    void skipsAServiceDeletedBetweenListAndDescribeWithANote() {
        services("shop", 3, 1);
        String gone = account.serviceArn("shop", "svc-1");
        account.afterCall("ECS.ListServices", () -> account.deleteService(gone));

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(List.of("svc-0", "svc-2"), snapshot.services().stream().map(Ecs.Service::name).sorted().toList());
        assertTrue(snapshot.notes().stream().anyMatch(note -> note.contains(gone)), snapshot.notes().toString());
    }

    @Test
    void skipsAnInactiveServiceWithANote() {
        services("shop", 1, 0);
        account.updateService(account.serviceArn("shop", "svc-0"), s -> EcsServiceBuilder.builder(s).status("INACTIVE")
                .build());

        AccountSnapshot snapshot = collector.collect(new Scope(List.of("shop"), "svc-0"));

        assertEquals(List.of(), snapshot.services());
        assertTrue(snapshot.notes().get(0).contains("INACTIVE"), snapshot.notes().toString());
    }

    @Test
    void aTaskDefinitionOrRoleThatDoesNotExistIsMissing() {
        account.putReadyFargateService("shop", "web", account.taskDefinitionArn("web:1"), 1);
        account.putService(EcsServiceBuilder.builder(Scenario.ready().service()).arn(
                        account.serviceArn("shop", "orphan")).name("orphan").taskDefinitionArn(
                account.taskDefinitionArn("deregistered:9")).build());
        account.deleteRole("web-task");

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(Optional.empty(), snapshot.taskDefinitions().find(account.taskDefinitionArn("deregistered:9")));
        assertEquals(Optional.empty(), snapshot.roles().find(Scenario.TASK_ROLE_ARN));
    }

    // ---- errors ---------------------------------------------------------------------------------------------

    /** Reads the service's running tasks, so the engine must report UNKNOWN when they could not be read. */
    private static final Check READS_TASKS = new Check(CheckMetadata.builder("test.reads-tasks").title("Reads tasks")
            .severity(Severity.LOW).findingType(FindingType.CONFIGURATION).rationale("Test check.")
            .remediation("None.").documentation(CheckMetadata.ECS_EXEC_DOC).stopsSession(true).build()) {
        @Override
        public CheckResult evaluate(ServiceFacts facts) {
            return pass("%d running", facts.runningTasks().size());
        }
    };

    @Test
    void accessDeniedOnDescribeTasksOfOneClusterLeavesOnlyItsServicesUnknown() {
        services("shop", 3, 1);
        services("billing", 2, 1);
        account.fail("ECS.DescribeTasks", account.clusterArn("shop"), "AccessDeniedException");

        AccountSnapshot snapshot = collector.collect(sweep());

        Map<String, String> unreadable = snapshot.runningTasks().unreadable();
        assertEquals(3, unreadable.size());
        unreadable.forEach((service, reason) -> {
            assertTrue(service.contains(":service/shop/"), service);
            assertEquals("ECS.DescribeTasks: AccessDeniedException", reason);
        });
        Map<String, Status> byService = new HashMap<>();
        var engine = new ReadinessEngine(List.of(READS_TASKS, new ServiceFlagCheck()));
        for (ServiceReport report : engine.evaluate(snapshot)) {
            byService.put(report.service().arn(), report.result("test.reads-tasks").status());
            assertEquals(Status.PASS, report.result(ServiceFlagCheck.METADATA.id()).status(), "needs no task");
        }
        byService.forEach((service, status) ->
                assertEquals(service.contains(":service/shop/") ? Status.UNKNOWN : Status.PASS, status, service));
        assertEquals(5, byService.size());
    }

    @Test
    void accessDeniedOnAuthorizationDetailsMakesEveryRoleUnreadable() {
        servicesWithOwnRoles(5);
        account.fail("IAM.GetAccountAuthorizationDetails", "AccessDenied");

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(5, snapshot.roles().unreadable().size());
        snapshot.roles().unreadable().values()
                .forEach(reason -> assertEquals("IAM.GetAccountAuthorizationDetails: AccessDenied", reason));
        assertTrue(snapshot.taskDefinitions().find(account.taskDefinitionArn("svc-0:1")).isPresent());
    }

    @Test
    void accessDeniedOnOneRoleOrOnePolicyMakesOnlyThoseRolesUnreadable() {
        account.putPolicy(AWS_MANAGED, "{}");
        account.putReadyFargateService("shop", "a", taskDefinitionWithRole("a:1", "role-a"), 1);
        account.putReadyFargateService("shop", "b", taskDefinitionWithRole("b:1", "role-b"), 1);
        account.putReadyFargateService("shop", "c", taskDefinitionWithRole("c:1", "role-c"), 1);
        account.attachRolePolicy("role-c", AWS_MANAGED);
        account.fail("IAM.GetRole", "role-a", "AccessDenied").fail("IAM.GetPolicy", AWS_MANAGED, "AccessDenied");

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(Map.of(account.roleArn("role-a"), "IAM.GetRole: AccessDenied",
                        account.roleArn("role-c"), "policy " + AWS_MANAGED + ": IAM.GetPolicy: AccessDenied"),
                snapshot.roles().unreadable());
        assertTrue(snapshot.roles().find(account.roleArn("role-b")).isPresent());
    }

    @Test
    void aRoleOfAnotherAccountIsUnreadable() {
        String foreign = "arn:aws:iam::444455556666:role/shared-task";
        Ecs.Task task = EcsTaskBuilder.builder(Scenario.ready().tasks().get(0)).taskRoleArnOverride(foreign).build();
        account.put(Scenario.ready()).putTask(task);

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals("role in account 444455556666, outside this account", snapshot.roles().unreadable().get(foreign));
        assertTrue(snapshot.roles().find(Scenario.TASK_ROLE_ARN).isPresent());
    }

    @Test
    void aThrottledTaskDefinitionIsUnreadableAndReadAgainNextTime() {
        account.put(Scenario.ready());
        account.fail("ECS.DescribeTaskDefinition", Scenario.TASK_DEFINITION_ARN, "ThrottlingException");

        AccountSnapshot first = collector.collect(sweep());
        account.heal();
        AccountSnapshot second = collector.collect(sweep());

        assertEquals("ECS.DescribeTaskDefinition: ThrottlingException",
                first.taskDefinitions().unreadable().get(Scenario.TASK_DEFINITION_ARN));
        assertTrue(second.taskDefinitions().find(Scenario.TASK_DEFINITION_ARN).isPresent());
    }

    @Test
    void anEc2ErrorMakesTheVpcsOfThatCallUnreadable() {
        account.put(Scenario.ready());
        account.fail("EC2.DescribeNatGateways", "UnauthorizedOperation");

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(Map.of(Scenario.VPC, "EC2.DescribeNatGateways: UnauthorizedOperation"),
                snapshot.network().vpcs().unreadable());
        assertTrue(snapshot.network().subnets().find(Scenario.PRIVATE_SUBNET).isPresent());
    }

    @Test
    void listServicesDeniedOnOneClusterIsNotedAndTheOthersAreCollected() {
        services("shop", 2, 1);
        services("billing", 3, 1);
        account.fail("ECS.ListServices", account.clusterArn("shop"), "AccessDeniedException");

        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(3, snapshot.services().size());
        snapshot.services().forEach(s -> assertEquals(account.clusterArn("billing"), s.clusterArn()));
        assertEquals(List.of("services of cluster shop not listed: ECS.ListServices: AccessDeniedException"),
                snapshot.notes());
    }

    @ParameterizedTest
    @CsvSource({"ECS.ListClusters", "ECS.DescribeClusters"})
    void failingToReadTheClustersIsFatal(String operation) {
        services("shop", 1, 1);
        account.fail(operation, "AccessDeniedException");

        AwsApiException e = assertThrows(AwsApiException.class, () -> collector.collect(sweep()));

        assertEquals(operation, e.operation());
    }

    @Test
    void anEmptyAccountGivesAnEmptySnapshot() {
        AccountSnapshot snapshot = collector.collect(sweep());

        assertEquals(List.of(), snapshot.services());
        assertEquals(List.of(), snapshot.notes());
        assertEquals(Map.of("ECS.ListClusters", 1L), account.apiCalls().snapshot());
    }

    @Test
    void explicitClusterScopeReadsOnlyThoseClusters() {
        services("shop", 2, 1);
        services("billing", 3, 1);

        AccountSnapshot snapshot = collector.collect(new Scope(List.of("billing", "nope"), null));

        assertEquals(0, calls("ECS.ListClusters"));
        assertEquals(1, calls("ECS.ListServices"));
        assertEquals(3, snapshot.services().size());
        assertEquals(List.of("cluster nope not found"), snapshot.notes());
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private Map<String, Long> ec2Calls() {
        return ec2Calls(account);
    }

    private static Map<String, Long> ec2Calls(InMemoryAccount account) {
        Map<String, Long> ec2 = new TreeMap<>(account.apiCalls().snapshot());
        ec2.keySet().removeIf(op -> !op.startsWith("EC2."));
        return ec2;
    }

    /** Every key a check may ask about a service is found, missing or unreadable: never "was not read". */
    private static void assertEveryKeyRead(AccountSnapshot snapshot) {
        for (Ecs.Service service : snapshot.services()) {
            ServiceFacts facts = new ServiceFacts(service, snapshot);
            List<Runnable> asks = new ArrayList<>();
            asks.add(facts::cluster);
            asks.add(facts::runningTasks);
            asks.add(facts::taskDefinitionsInUse);
            facts.taskRoleArns().forEach(role -> role.ifPresent(arn -> asks.add(() -> facts.role(arn))));
            Stream.concat(service.awsvpcConfiguration().subnets().stream(), facts.runningTasks().stream()
                            .filter(t -> t.networkInterface() != null).map(t -> t.networkInterface().subnetId()))
                    .forEach(subnet -> asks.add(() -> snapshot.network().subnets().find(subnet)
                            .ifPresent(s -> snapshot.network().vpcs().find(s.vpcId()))));
            for (Ecs.Task task : facts.runningTasks()) {
                if (task.networkInterface() != null) {
                    String eni = task.networkInterface().networkInterfaceId();
                    asks.add(() -> snapshot.network().networkInterfaces().find(eni));
                }
                if (task.containerInstanceArn() != null) {
                    asks.add(() -> facts.containerInstance(task.containerInstanceArn()));
                }
            }
            for (Runnable ask : asks) {
                try {
                    ask.run();
                } catch (Unreadable e) {
                    assertFalse(e.getMessage().endsWith("was not read"), e.getMessage());
                }
            }
        }
    }
}
