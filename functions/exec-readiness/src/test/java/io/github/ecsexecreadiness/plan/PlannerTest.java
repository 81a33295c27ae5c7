package io.github.ecsexecreadiness.plan;

import io.github.ecsexecreadiness.fix.Fix;
import io.github.ecsexecreadiness.EcsTaskDefinitionBuilder;
import static io.github.ecsexecreadiness.check.Scenario.ACCOUNT;
import static io.github.ecsexecreadiness.check.Scenario.CLUSTER_ARN;
import static io.github.ecsexecreadiness.check.Scenario.PRIVATE_SUBNET;
import static io.github.ecsexecreadiness.check.Scenario.SERVICE_ARN;
import static io.github.ecsexecreadiness.check.Scenario.TASK_ROLE_ARN;
import static io.github.ecsexecreadiness.check.Scenario.TASK_SG;
import static io.github.ecsexecreadiness.check.Scenario.VPC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.Ec2RouteTableBuilder;
import io.github.ecsexecreadiness.RemediationSettingsBuilder;
import io.github.ecsexecreadiness.check.ReadinessEngine;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.container.ReadonlyRootCheck;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Kms;
import io.github.ecsexecreadiness.model.Iam;
import io.github.ecsexecreadiness.fix.Fix.AttachSsmmessagesPolicy;
import io.github.ecsexecreadiness.fix.Fix.AuthorizeEndpointIngress;
import io.github.ecsexecreadiness.fix.Fix.CreateSsmmessagesEndpoint;
import io.github.ecsexecreadiness.fix.Fix.EnableExecAndRedeploy;
import io.github.ecsexecreadiness.fix.Fix.GrantSessionPermissions;
import io.github.ecsexecreadiness.fix.Fix.Manual;
import io.github.ecsexecreadiness.plan.PlannedFix.Decision;
import io.github.ecsexecreadiness.plan.RemediationSettings.Mode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {
    static final String POLICY_ARN = "arn:aws:iam::111122223333:policy/ecs-exec-readiness-ssmmessages";
    /** Every switch on: what the guardrail cases start from, so that only the case's condition stops a fix. */
    static final RemediationSettings ALL_ON = RemediationSettingsBuilder.builder(RemediationSettings.defaults(
            POLICY_ARN)).vpcEndpoints(true).sessionGrants(true).build();
    static final String CONTAINER_INSTANCE = "arn:aws:ecs:eu-west-1:111122223333:container-instance/shop/ci1";
    static final String OLD_INSTANCE = "arn:aws:ecs:eu-west-1:111122223333:container-instance/shop/ci0";
    static final String OTHER_ROLE = "arn:aws:iam::111122223333:role/web-task-old";
    static final String LOGS_ONLY = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"logs:DescribeLogGroups","Resource":"*"},
              {"Effect":"Allow","Action":["logs:CreateLogStream","logs:DescribeLogStreams","logs:PutLogEvents"],
               "Resource":"arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web:*"}]}""";
    static final String ENDPOINT_SG = "sg-0vpce";
    static final String SSMMESSAGES = "com.amazonaws.eu-west-1.ssmmessages";

    // ----- scenarios -------------------------------------------------------------------------------------

    /** Service and tasks without ECS Exec: exec.service-flag and exec.task-flag FAIL. */
    static Scenario execOff() {
        return Scenario.ready().withService(b -> b.enableExecuteCommand(false))
                .withTasks(b -> b.enableExecuteCommand(false));
    }

    /** The task role lacks the ssmmessages actions. */
    static Scenario noSsmmessages() {
        return Scenario.ready().withTaskRolePolicies(LOGS_ONLY);
    }

    /** The private subnet loses its NAT route, and the VPC has no ssmmessages endpoint. */
    static Scenario noRoute() {
        Scenario s = Scenario.ready();
        var tables = s.vpcs().get(VPC).routeTables().stream().map(table -> table.id().equals("rtb-0private")
                ? Ec2RouteTableBuilder.builder(table).routes(List.of(new Ec2.Route("10.0.0.0/16", null, "local",
                        "active"))).build()
                : table).toList();
        return s.withVpc(b -> b.routeTables(tables));
    }

    /** No NAT route, and an ssmmessages endpoint with private DNS whose security group admits nothing. */
    static Scenario endpointBlocks() {
        Scenario s = noRoute();
        Map<String, Ec2.SecurityGroup> groups = new HashMap<>(s.vpcs().get(VPC).securityGroups());
        groups.put(ENDPOINT_SG, new Ec2.SecurityGroup(ENDPOINT_SG, VPC, List.of(), List.of()));
        return s.withVpc(b -> b.securityGroups(groups)).withVpc(b -> b.endpoints(List.of(new Ec2.VpcEndpoint(
                "vpce-0ssm", VPC,
                SSMMESSAGES, "Interface", "available", true, List.of(ENDPOINT_SG), List.of(PRIVATE_SUBNET)))));
    }

    static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/k1";

    /** Sessions encrypted with a key of the account whose default policy lets IAM decide; the task role lacks it. */
    static Scenario accountKey() {
        return Scenario.ready().withCluster(b -> b.executeCommandConfiguration(
                new Ecs.ExecuteCommandConfiguration(KEY_ARN, "NONE", null, false, null, false, null)))
                .withKmsKey(KEY_ARN, new Kms.Key(KEY_ARN, "Enabled", Scenario.DEFAULT_KEY_POLICY));
    }

    /** Exec off on an EC2 service whose one task runs on a container instance with the exec capability. */
    static Scenario execOffOnEc2() {
        Scenario s = execOff().withService(b -> b.launchType("EC2")).withTasks(b -> b.launchType("EC2"))
                .withTasks(b -> b.containerInstanceArn(CONTAINER_INSTANCE));
        s.withContainerInstance(new Ecs.ContainerInstance(CONTAINER_INSTANCE, "i-0abc", "1.90.0",
                true, "ACTIVE", Set.of(Guardrail.EXEC_CAPABILITY, "ecs.capability.task-eni"), null, "linux"));
        return s;
    }

    /** An opted-out service batch whose own task definition names this task role (an ARN or a role name). */
    static Scenario withBatch(Scenario s, String taskRole) {
        String definition = "arn:aws:ecs:eu-west-1:111122223333:task-definition/batch:1";
        s.withTaskDefinition(EcsTaskDefinitionBuilder.builder(s.taskDefinitions().get(
                Scenario.TASK_DEFINITION_ARN)).arn(definition).taskRoleArn(taskRole).build());
        return s.withOtherService("batch", b -> b.taskDefinitionArn(definition)
                .tags(Map.of("ecs-exec-readiness:auto-fix", "false")));
    }

    static Plan plan(Scenario scenario, RemediationSettings settings, boolean reviewed) {
        var facts = scenario.facts();
        return new Planner().plan(new ReadinessEngine().evaluate(facts), facts, settings, reviewed);
    }

    static Plan plan(Scenario scenario) {
        return plan(scenario, ALL_ON, false);
    }

    static PlannedFix only(Plan plan, Class<? extends Fix> type) {
        var matching = plan.fixes().stream().filter(f -> type.isInstance(f.fix())).toList();
        assertEquals(1, matching.size(), "expected one " + type.getSimpleName() + " in " + plan);
        return matching.getFirst();
    }

    // ----- guardrails: each case passes with every switch on, and is stopped by exactly its condition --------

    record GuardrailCase(Guardrail guardrail, String name, Supplier<Scenario> base, UnaryOperator<Scenario> trigger,
                         UnaryOperator<RemediationSettings> settings, Class<? extends Fix> fix, Decision decision,
                         String reason) {
        @Override
        public String toString() {
            return guardrail + ": " + name;
        }
    }

    static UnaryOperator<RemediationSettings> set(UnaryOperator<RemediationSettingsBuilder> change) {
        return settings -> change.apply(RemediationSettingsBuilder.builder(settings)).build();
    }

    static final List<GuardrailCase> GUARDRAIL_CASES = List.of(
            new GuardrailCase(Guardrail.TASK_ROLE_SWITCH, "FixTaskRolePermissions=false", PlannerTest::noSsmmessages,
                    s -> s, set(b -> b.taskRolePermissions(false)), AttachSsmmessagesPolicy.class, Decision.BLOCKED,
                    "FixTaskRolePermissions is false"),
            new GuardrailCase(Guardrail.EXEC_REDEPLOY_SWITCH, "FixExecRedeploy=false", PlannerTest::execOff,
                    s -> s, set(b -> b.execRedeploy(false)), EnableExecAndRedeploy.class, Decision.BLOCKED,
                    "FixExecRedeploy is false"),
            new GuardrailCase(Guardrail.VPC_ENDPOINT_SWITCH, "FixVpcEndpoints=false (create)", PlannerTest::noRoute,
                    s -> s, set(b -> b.vpcEndpoints(false)), CreateSsmmessagesEndpoint.class, Decision.BLOCKED,
                    "FixVpcEndpoints is false"),
            new GuardrailCase(Guardrail.VPC_ENDPOINT_SWITCH, "FixVpcEndpoints=false (ingress)",
                    PlannerTest::endpointBlocks, s -> s, set(b -> b.vpcEndpoints(false)),
                            AuthorizeEndpointIngress.class,
                    Decision.BLOCKED, "FixVpcEndpoints is false"),
            new GuardrailCase(Guardrail.SESSION_GRANTS_SWITCH, "FixSessionGrants=false", PlannerTest::accountKey,
                    s -> s, set(b -> b.sessionGrants(false)), GrantSessionPermissions.class, Decision.BLOCKED,
                    "FixSessionGrants is false"),
            new GuardrailCase(Guardrail.SESSION_GRANT_SHAPE, "a bucket, whose ARN names no owner",
                    PlannerTest::accountKey, s -> s.withCluster(b -> b.executeCommandConfiguration(
                            new Ecs.ExecuteCommandConfiguration(null, "OVERRIDE", null, false, "audit", true, "exec/"))),
                    s -> s, GrantSessionPermissions.class, Decision.MANUAL, "a bucket's ARN names no account"),
            new GuardrailCase(Guardrail.OPT_OUT, "service tag", PlannerTest::execOff,
                    s -> s.withService(b -> b.tags(Map.of("ecs-exec-readiness:auto-fix", "false"))), s -> s,
                    EnableExecAndRedeploy.class, Decision.BLOCKED,
                    "service web is tagged ecs-exec-readiness:auto-fix=false"),
            new GuardrailCase(Guardrail.OPT_OUT, "cluster tag, any case", PlannerTest::noSsmmessages,
                    s -> s.withCluster(b -> b.tags(Map.of("ecs-exec-readiness:auto-fix", "FALSE"))), s -> s,
                    AttachSsmmessagesPolicy.class, Decision.BLOCKED,
                    "cluster shop is tagged ecs-exec-readiness:auto-fix=FALSE"),
            new GuardrailCase(Guardrail.PROTECTED_ENVIRONMENT, "service environment=production", PlannerTest::execOff,
                    s -> s.withService(b -> b.tags(Map.of("environment", "production"))), s -> s,
                    EnableExecAndRedeploy.class, Decision.BLOCKED, "service web is tagged environment=production"),
            new GuardrailCase(Guardrail.PROTECTED_ENVIRONMENT, "cluster Environment=Prod", PlannerTest::noSsmmessages,
                    s -> s.withCluster(b -> b.tags(Map.of("Environment", "Prod"))), s -> s,
                    AttachSsmmessagesPolicy.class, Decision.BLOCKED, "cluster shop is tagged Environment=Prod"),
            new GuardrailCase(Guardrail.PROTECTED_ENVIRONMENT, "configured list", PlannerTest::noRoute,
                    s -> s.withService(b -> b.tags(Map.of("environment", "staging"))),
                    set(b -> b.protectedEnvironments(Set.of("staging"))), CreateSsmmessagesEndpoint.class,
                    Decision.BLOCKED, "environment=staging"),
            new GuardrailCase(Guardrail.SHARED_TASK_ROLE, "role shared with a protected service",
                    () -> noSsmmessages().withOtherService("api", b -> b.tags(Map.of("environment", "staging"))),
                    s -> s.withOtherService("payments", b -> b.tags(Map.of("environment", "production"))), s -> s,
                    AttachSsmmessagesPolicy.class, Decision.BLOCKED, "task role " + TASK_ROLE_ARN
                    + " also serves service payments, and service payments is tagged environment=production"),
            new GuardrailCase(Guardrail.SHARED_TASK_ROLE, "role named by its name in another service's definition",
                    () -> withBatch(noSsmmessages(), OTHER_ROLE), s -> withBatch(s, "web-task"), s -> s,
                    AttachSsmmessagesPolicy.class, Decision.BLOCKED,
                    "also serves service batch, and service batch is tagged ecs-exec-readiness:auto-fix=false"),
            new GuardrailCase(Guardrail.DEPLOYMENT_CONTROLLER, "CODE_DEPLOY", PlannerTest::execOff,
                    s -> s.withService(b -> b.deploymentController("CODE_DEPLOY")), s -> s, EnableExecAndRedeploy.class,
                    Decision.BLOCKED, "deployment controller is CODE_DEPLOY"),
            new GuardrailCase(Guardrail.DEPLOYMENT_CONTROLLER, "EXTERNAL", PlannerTest::execOff,
                    s -> s.withService(b -> b.deploymentController("EXTERNAL")), s -> s, EnableExecAndRedeploy.class,
                    Decision.BLOCKED, "deployment controller is EXTERNAL"),
            new GuardrailCase(Guardrail.DEPLOYMENT_IN_PROGRESS, "rollout IN_PROGRESS", PlannerTest::execOff,
                    s -> s.withService(b -> b.deployments(List.of(new Ecs.Deployment("ecs-svc/2", "PRIMARY",
                            "IN_PROGRESS",
                            Scenario.TASK_DEFINITION_ARN)))), s -> s, EnableExecAndRedeploy.class, Decision.BLOCKED,
                    "ecs-svc/2 PRIMARY rolloutState IN_PROGRESS"),
            new GuardrailCase(Guardrail.DEPLOYMENT_IN_PROGRESS, "two deployments", PlannerTest::execOff,
                    s -> s.withService(b -> b.deployments(List.of(
                            new Ecs.Deployment("ecs-svc/2", "PRIMARY", "COMPLETED", Scenario.TASK_DEFINITION_ARN),
                            new Ecs.Deployment("ecs-svc/1", "ACTIVE", "COMPLETED", Scenario.TASK_DEFINITION_ARN)))),
                    s -> s, EnableExecAndRedeploy.class, Decision.BLOCKED, "ecs-svc/1 ACTIVE"),
            new GuardrailCase(Guardrail.CONTAINER_INSTANCES, "instance without the capability",
                    PlannerTest::execOffOnEc2, s -> {
                        s.withContainerInstance(CONTAINER_INSTANCE, b -> b.attributeNames(Set.of()));
                        return s;
                    }, s -> s, EnableExecAndRedeploy.class, Decision.BLOCKED,
                    "lack ecs.capability.execute-command: i-0abc"),
            new GuardrailCase(Guardrail.CONTAINER_INSTANCES, "no ACTIVE instance left", PlannerTest::execOffOnEc2, s -> {
                s.withoutContainerInstances();
                s.missing(CONTAINER_INSTANCE);
                return s;
            }, s -> s, EnableExecAndRedeploy.class, Decision.BLOCKED, "no ACTIVE container instance in cluster shop"),
            new GuardrailCase(Guardrail.CONTAINER_INSTANCES, "an idle instance of the cluster lacks it",
                    PlannerTest::execOffOnEc2, s -> {
                        s.withContainerInstance(new Ecs.ContainerInstance(OLD_INSTANCE, "i-0old",
                                "1.40.0", true, "ACTIVE", Set.of()));
                        return s;
                    }, s -> s, EnableExecAndRedeploy.class, Decision.BLOCKED,
                    "container instances new tasks may be placed on lack ecs.capability.execute-command: i-0old"),
            new GuardrailCase(Guardrail.TASK_ROLE, "no task role", PlannerTest::execOff,
                    s -> s.withTaskDefinition(b -> b.taskRoleArn(null)), s -> s, EnableExecAndRedeploy.class,
                    Decision.BLOCKED, "iam.task-role is FAIL (no task role in task definition web:3"),
            new GuardrailCase(Guardrail.REPORT_ONLY, "RemediationMode=report-only", PlannerTest::noSsmmessages,
                    s -> s, set(b -> b.mode(Mode.REPORT_ONLY)), AttachSsmmessagesPolicy.class, Decision.DRY_RUN,
                    "report-only mode"),
            new GuardrailCase(Guardrail.DRY_RUN, "DryRun=true", PlannerTest::execOff, s -> s, set(b -> b.dryRun(true)),
                    EnableExecAndRedeploy.class, Decision.DRY_RUN, "dry run (DryRun=true)"));

    static Stream<GuardrailCase> guardrailCases() {
        return GUARDRAIL_CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guardrailCases")
    void eachGuardrailStopsExactlyItsCase(GuardrailCase c) {
        PlannedFix allowed = only(plan(c.base().get()), c.fix());
        assertEquals(Decision.APPLY, allowed.decision(), "without the condition: " + allowed.reason());

        PlannedFix stopped = only(plan(c.trigger().apply(c.base().get()), c.settings().apply(ALL_ON), false), c.fix());
        assertEquals(c.decision(), stopped.decision(), stopped.reason());
        assertTrue(stopped.reason().contains(c.reason()), stopped.reason());
    }

    /** A reviewed run lifts the protected-environment and VPC-endpoint guardrails, and no other. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("guardrailCases")
    void reviewedLiftsOnlyTheProtectedEnvironmentAndVpcEndpointSwitch(GuardrailCase c) {
        PlannedFix reviewed = only(plan(c.trigger().apply(c.base().get()), c.settings().apply(ALL_ON), true), c.fix());
        if (c.guardrail().liftedWhenReviewed()) {
            assertEquals(Decision.APPLY, reviewed.decision(), reviewed.reason());
            assertTrue(reviewed.reason().contains("reviewed, so allowed although " ), reviewed.reason());
            assertTrue(reviewed.reason().contains(c.reason()), reviewed.reason());
        } else {
            assertEquals(c.decision(), reviewed.decision(), reviewed.reason());
        }
    }

    @Test
    void everyGuardrailHasACaseAndExactlyThreeAreLiftedOnReview() {
        assertEquals(EnumSet.allOf(Guardrail.class),
                GUARDRAIL_CASES.stream().map(GuardrailCase::guardrail).collect(Collectors.toCollection(
                        () -> EnumSet.noneOf(Guardrail.class))));
        assertEquals(EnumSet.of(Guardrail.VPC_ENDPOINT_SWITCH, Guardrail.SESSION_GRANTS_SWITCH,
                        Guardrail.PROTECTED_ENVIRONMENT),
                Arrays.stream(Guardrail.values()).filter(Guardrail::liftedWhenReviewed)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Guardrail.class))));
    }

    /**
     * With a capacity provider strategy, new tasks go only to its providers' instances: an old instance of
     * another provider does not stop the redeployment, one of the service's own does.
     */
    @Test
    void capacityIsTheServicesCapacityProviders() {
        Scenario s = execOffOnEc2().withService(b -> b.launchType(null)).withService(b -> b.capacityProviders(List.of("cp-new")));
        s.withContainerInstances(b -> b.capacityProviderName("cp-new"));
        s.withContainerInstance(new Ecs.ContainerInstance(OLD_INSTANCE, "i-0old", "1.40.0", true,
                "ACTIVE", Set.of(), "cp-old", null));
        assertEquals(Decision.APPLY, only(plan(s), EnableExecAndRedeploy.class).decision());

        s.withService(b -> b.capacityProviders(List.of("cp-new", "cp-old")));
        PlannedFix blocked = only(plan(s), EnableExecAndRedeploy.class);
        assertEquals(Decision.BLOCKED, blocked.decision());
        assertTrue(blocked.reason().contains("i-0old"), blocked.reason());
    }

    /** A draining instance takes no new task: only ACTIVE ones count. */
    @Test
    void drainingInstancesAreNotCapacity() {
        Scenario s = execOffOnEc2();
        s.withContainerInstance(new Ecs.ContainerInstance(OLD_INSTANCE, "i-0old", "1.40.0", true,
                "DRAINING", Set.of()));
        s.withClusterCapacity(CONTAINER_INSTANCE, OLD_INSTANCE);
        assertEquals(Decision.APPLY, only(plan(s), EnableExecAndRedeploy.class).decision());
    }

    @Test
    void defaultsBlockEndpointsButApplyTheRest() {
        var defaults = RemediationSettings.defaults(POLICY_ARN);
        assertEquals(Decision.BLOCKED, only(plan(noRoute(), defaults, false), CreateSsmmessagesEndpoint.class)
                .decision());
        assertEquals(Decision.APPLY, only(plan(noSsmmessages(), defaults, false), AttachSsmmessagesPolicy.class)
                .decision());
        assertEquals(Decision.APPLY, only(plan(execOff(), defaults, false), EnableExecAndRedeploy.class).decision());
    }

    @Test
    void blockedNamesEveryGuardrailThatStopsIt() {
        var settings = RemediationSettingsBuilder.builder(ALL_ON).execRedeploy(false).dryRun(true).build();
        PlannedFix fix = only(plan(execOff().withService(b -> b.deploymentController("CODE_DEPLOY")), settings, false),
                EnableExecAndRedeploy.class);
        assertEquals(Decision.BLOCKED, fix.decision());
        assertTrue(fix.reason().contains("FixExecRedeploy is false") && fix.reason().contains("CODE_DEPLOY"),
                fix.reason());
    }

    // ----- fail closed ----------------------------------------------------------------------------------

    static Stream<Arguments> unreadable() {
        return Stream.of(
                Arguments.of("cluster tags throttled", (UnaryOperator<Scenario>) s -> {
                    s.unreadableCluster(CLUSTER_ARN, "ThrottlingException: Rate exceeded");
                    return s;
                }, execOff(), "ThrottlingException: Rate exceeded"),
                Arguments.of("container instance never read", (UnaryOperator<Scenario>) s -> {
                    s.withClusterCapacity(CONTAINER_INSTANCE);
                    s.withoutContainerInstances();
                    return s;
                }, execOffOnEc2(), CONTAINER_INSTANCE + " was not read"),
                Arguments.of("cluster's instances not listed", (UnaryOperator<Scenario>) s -> {
                    s.unreadableCapacity("AccessDeniedException: ecs:ListContainerInstances");
                    return s;
                }, execOffOnEc2(), "could not read " + CLUSTER_ARN + ": AccessDeniedException"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void guardrailThatCannotBeEvaluatedBlocks(String name, UnaryOperator<Scenario> change, Scenario base, String why) {
        PlannedFix fix = only(plan(change.apply(base)), EnableExecAndRedeploy.class);
        assertEquals(Decision.BLOCKED, fix.decision());
        assertTrue(fix.reason().contains("guardrail could not be evaluated: ") && fix.reason().contains(why),
                fix.reason());
    }

    /** One role the plan can fix; the other unreadable (blocked), then of another account (a person's task). */
    @Test
    void eachTaskRoleIsPlannedOnItsOwn() {
        Scenario s = noSsmmessages().withExtraTask("old", b -> b.taskRoleArnOverride(OTHER_ROLE));
        s.withRole(new Iam.Role(OTHER_ROLE, "web-task-old",
                List.of(new Iam.Policy("inline policy logs", LOGS_ONLY)), null, Map.of()));
        s.unreadableRole(TASK_ROLE_ARN, "AccessDenied: iam:GetRole");

        Plan plan = plan(s);
        assertEquals(List.of(
                        new PlannedFix(new AttachSsmmessagesPolicy(TASK_ROLE_ARN, POLICY_ARN), Decision.BLOCKED,
                                "task role could not be read: could not read " + TASK_ROLE_ARN
                                        + ": AccessDenied: iam:GetRole"),
                        new PlannedFix(new AttachSsmmessagesPolicy(OTHER_ROLE, POLICY_ARN), Decision.APPLY,
                                "every guardrail allows it")),
                plan.fixes().stream().filter(f -> f.fix() instanceof AttachSsmmessagesPolicy).toList());

        String foreign = "arn:aws:iam::999988887777:role/web-task";
        Plan other = plan(noSsmmessages().withExtraTask("old", b -> b.taskRoleArnOverride(foreign)));
        PlannedFix manual = other.manual().stream().filter(f -> f.fix().checkId().equals("iam.ssmmessages"))
                .findFirst().orElseThrow();
        assertTrue(manual.fix().description().contains(foreign + " in its own account"), manual.toString());
    }

    static Stream<Arguments> ownedRoles() {
        return Stream.of(
                Arguments.of(Map.of("aws:cloudformation:stack-name", "shop-roles", "aws:cloudformation:stack-id",
                        "arn:aws:cloudformation:eu-west-1:111122223333:stack/shop-roles/1"),
                        "CloudFormation stack shop-roles (tag aws:cloudformation:stack-name)"),
                Arguments.of(Map.of("ManagedBy", "Terraform"), "its tag ManagedBy=Terraform"),
                Arguments.of(Map.of("managed-by", "pulumi"), "its tag managed-by=pulumi"),
                Arguments.of(Map.of("terraform", "true"), "its tag terraform=true"),
                Arguments.of(Map.of("aws-cdk:app", "shop"), "its tag aws-cdk:app=shop"));
    }

    /** A role owned by infrastructure code would drift: a person adds the exact statement to that code. */
    @ParameterizedTest
    @MethodSource("ownedRoles")
    void aRoleOwnedByInfrastructureCodeIsForAPersonWithTheStatement(Map<String, String> tags, String owner) {
        Scenario s = noSsmmessages();
        s.withRole(TASK_ROLE_ARN, b -> b.tags(tags));
        Plan plan = plan(s, ALL_ON, true);
        assertEquals(List.of(), plan.fixes().stream().filter(f -> f.fix() instanceof AttachSsmmessagesPolicy).toList());
        PlannedFix manual = plan.manual().getFirst();
        assertTrue(manual.fix().description().startsWith("Add this statement to the policy of task role "
                + TASK_ROLE_ARN + " in "), manual.fix().description());
        assertTrue(manual.fix().description().contains(owner), manual.fix().description());
        assertTrue(manual.fix().description().endsWith(Permission.allowDocument(
                io.github.ecsexecreadiness.check.iam.SsmmessagesCheck.REQUIRED)), manual.fix().description());
        assertTrue(manual.reason().contains("would drift from it and be reverted"), manual.reason());
    }

    @Test
    void otherTagsLeaveTheRoleToTheTool() {
        Scenario s = noSsmmessages();
        s.withRole(TASK_ROLE_ARN, b -> b.tags(Map.of("team", "shop", "ManagedBy", "platform-team")));
        assertEquals(Decision.APPLY, only(plan(s), AttachSsmmessagesPolicy.class).decision());
    }

    @Test
    void withoutTheStackPolicyArnAttachingIsBlocked() {
        PlannedFix fix = only(plan(noSsmmessages(), RemediationSettingsBuilder.builder(ALL_ON).ssmmessagesPolicyArn("")
                .build(), false),
                AttachSsmmessagesPolicy.class);
        assertEquals(Decision.BLOCKED, fix.decision());
        assertTrue(fix.reason().contains("SSMMESSAGES_POLICY_ARN is not set"), fix.reason());
    }

    // ----- what each failing check becomes -----------------------------------------------------------------

    @Test
    void readyServicePlansNothing() {
        assertTrue(plan(Scenario.ready()).isEmpty());
    }

    @Test
    void bothExecFlagsMakeOneRedeployment() {
        Plan plan = plan(execOff());
        assertEquals(List.of(new EnableExecAndRedeploy("exec.service-flag", CLUSTER_ARN, SERVICE_ARN)),
                plan.toApply().stream().map(PlannedFix::fix).toList());
        assertEquals(SERVICE_ARN, plan.serviceArn());
        assertEquals(1, plan.fixes().size(), plan.toString());
    }

    @Test
    void taskFlagAloneRedeploysToo() {
        Plan plan = plan(Scenario.ready().withTasks(b -> b.enableExecuteCommand(false)));
        assertEquals(List.of(new EnableExecAndRedeploy("exec.task-flag", CLUSTER_ARN, SERVICE_ARN)),
                plan.fixes().stream().map(PlannedFix::fix).toList());
    }

    @Test
    void orderIsTaskRoleThenNetworkThenRedeployThenManual() {
        Scenario s = noRoute().withTaskRolePolicies(LOGS_ONLY).withService(b -> b.enableExecuteCommand(false))
                .withTasks(b -> b.enableExecuteCommand(false)).withContainers(b -> b.readonlyRootFilesystem(true));
        assertEquals(List.of(AttachSsmmessagesPolicy.class, CreateSsmmessagesEndpoint.class,
                        EnableExecAndRedeploy.class, Manual.class),
                plan(s).fixes().stream().map(f -> f.fix().getClass()).toList());
    }

    @Test
    void explicitDenyIsForAPerson() {
        String denied = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ssmmessages:OpenDataChannel","Resource":"*"}]}""";
        Plan plan = plan(Scenario.ready().withTaskRolePolicies(Scenario.READY_TASK_ROLE_POLICY, denied));
        assertEquals(List.of(), plan.toApply());
        PlannedFix manual = plan.manual().getFirst();
        assertEquals("iam.ssmmessages", manual.fix().checkId());
        assertTrue(manual.reason().contains("ssmmessages:OpenDataChannel on * (denied by inline policy p1)"),
                manual.reason());
    }

    @Test
    void sessionLoggingGrantsExactlyTheMissingPermissionsThroughAClusterPolicy() {
        PlannedFix fix = only(plan(accountKey()), GrantSessionPermissions.class);
        var missing = List.of(new Permission("kms:Decrypt", KEY_ARN));
        assertEquals(new GrantSessionPermissions("iam.exec-kms", TASK_ROLE_ARN,
                GrantSessionPermissions.policyName("kms", "shop", missing), missing), fix.fix());
        assertEquals(Decision.APPLY, fix.decision());
    }

    /**
     * A bucket's ARN names no account: a session grant on it is a person's change even on review, and the reason
     * gives the exact statement to add.
     */
    @Test
    void aSessionGrantOnABucketIsManualWithTheStatementEvenOnReview() {
        var s3 = new Ecs.ExecuteCommandConfiguration(null, "OVERRIDE", null, false, "audit", true, "exec/");
        PlannedFix fix = only(plan(Scenario.ready().withCluster(b -> b.executeCommandConfiguration(s3)), ALL_ON, true),
                GrantSessionPermissions.class);
        var missing = List.of(new Permission("s3:GetBucketLocation", "*"),
                new Permission("s3:PutObject", "arn:aws:s3:::audit/exec/*"),
                new Permission("s3:GetEncryptionConfiguration", "arn:aws:s3:::audit"));
        assertEquals(missing, ((GrantSessionPermissions) fix.fix()).permissions());
        assertEquals(Decision.MANUAL, fix.decision(), fix.reason());
        assertTrue(fix.reason().contains("add this statement to task role " + TASK_ROLE_ARN + ": "
                + Permission.allowDocument(missing)), fix.reason());
    }

    @Test
    void kmsIsGrantedWhereTheKeyPolicyDelegatesAndLeftToAPersonElse() {
        String keyArn = "arn:aws:kms:eu-west-1:111122223333:key/k1";
        var kms = new Ecs.ExecuteCommandConfiguration(keyArn, "NONE", null, false, null, false, null);
        String deny = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"kms:Decrypt","Resource":"*"}]}""";
        Scenario deniedScenario = Scenario.ready().withCluster(b -> b.executeCommandConfiguration(kms))
                .withTaskRolePolicies(Scenario.READY_TASK_ROLE_POLICY, deny);
        deniedScenario.withKmsKey(keyArn, new Kms.Key(keyArn, "Enabled", Scenario.DEFAULT_KEY_POLICY));
        Plan denied = plan(deniedScenario);
        assertEquals(List.of("iam.exec-kms"), denied.fixes().stream().map(f -> f.fix().checkId()).toList());
        assertEquals(Decision.MANUAL, denied.fixes().getFirst().decision());

        // The default key policy lets IAM decide and no identity policy grants it: grant it.
        Scenario lacking = Scenario.ready().withCluster(b -> b.executeCommandConfiguration(kms));
        lacking.withKmsKey(keyArn, new Kms.Key(keyArn, "Enabled", Scenario.DEFAULT_KEY_POLICY));
        PlannedFix grant = only(plan(lacking), GrantSessionPermissions.class);
        assertEquals(List.of(new Permission("kms:Decrypt", keyArn)), ((GrantSessionPermissions) grant.fix()).permissions());

        // A key policy that neither names the role nor delegates: an identity policy would not help.
        Scenario notDelegated = Scenario.ready().withCluster(b -> b.executeCommandConfiguration(kms));
        notDelegated.withKmsKey(keyArn, new Kms.Key(keyArn, "Enabled", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::111122223333:role/key-admin"},"Action":"kms:*","Resource":"*"}]}"""));
        Plan manual = plan(notDelegated);
        assertEquals(List.of(Decision.MANUAL), manual.fixes().stream().map(PlannedFix::decision).toList());
    }

    @Test
    void warningsPlanNothing() {
        // DEFAULT logging to the awslogs group without the logs actions only loses the log: WARN.
        var plan = plan(Scenario.ready().withTaskRolePolicies("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssmmessages:CreateControlChannel",
                "ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],
                "Resource":"*"}]}"""));
        assertTrue(plan.isEmpty(), plan.toString());
    }

    @Test
    void neverAutomaticStaysManualWhateverTheFlags() {
        Plan plan = plan(Scenario.ready().withContainers(b -> b.readonlyRootFilesystem(true)), ALL_ON, true);
        PlannedFix fix = plan.fixes().getFirst();
        assertEquals(Decision.MANUAL, fix.decision());
        assertEquals(new Manual("container.readonly-root", ReadonlyRootCheck.METADATA.remediation()), fix.fix());
        assertTrue(fix.reason().startsWith("readonlyRootFilesystem is true for web"), fix.reason());
    }

    @Test
    void endpointGetsOneSubnetPerZoneInAStableOrder() {
        Scenario s = noRoute();
        s.withSubnet(new Ec2.Subnet("subnet-0c", VPC, "eu-west-1b", ACCOUNT, "10.0.3.0/24", false));
        s.withSubnet(new Ec2.Subnet("subnet-0b", VPC, "eu-west-1a", ACCOUNT, "10.0.2.0/24", false));
        s.withSubnet(new Ec2.Subnet("subnet-0a", VPC, "eu-west-1c", ACCOUNT, "10.0.4.0/24", false));
        var config = new Ecs.AwsVpcConfiguration(List.of("subnet-0c", "subnet-0b", PRIVATE_SUBNET, "subnet-0a"),
                List.of(TASK_SG), false);
        PlannedFix fix = only(plan(s.withService(b -> b.awsvpcConfiguration(config))), CreateSsmmessagesEndpoint.class);
        // eu-west-1a has subnet-0b and subnet-0private: the lower id wins; zones a, b, c in order.
        assertEquals(new CreateSsmmessagesEndpoint(VPC, List.of("subnet-0b", "subnet-0c", "subnet-0a"),
                List.of(TASK_SG), List.of("10.0.0.0/16")), fix.fix());
    }

    @Test
    void existingEndpointGetsOneIngressRule() {
        PlannedFix fix = only(plan(endpointBlocks()), AuthorizeEndpointIngress.class);
        assertEquals(new AuthorizeEndpointIngress("vpce-0ssm", ENDPOINT_SG, List.of(TASK_SG)), fix.fix());
        assertEquals(Decision.APPLY, fix.decision());
    }

    @Test
    void unreadDnsAttributesAreNamedInTheEndpointFix() {
        Scenario s = noRoute().withVpc(b -> b.vpc(new Ec2.Vpc(VPC, ACCOUNT, "10.0.0.0/16", null, null)));
        PlannedFix fix = only(plan(s), CreateSsmmessagesEndpoint.class);
        assertEquals(Decision.APPLY, fix.decision());
        assertTrue(fix.reason().contains("the DNS attributes of vpc-0a1 were not read"), fix.reason());
    }

    static Stream<Arguments> networkForAPerson() {
        return Stream.of(
                Arguments.of("task security group allows no egress", (UnaryOperator<Scenario>) s ->
                        s.withVpc(b -> b.securityGroups(Map.of(TASK_SG, new Ec2.SecurityGroup(TASK_SG, VPC, List.of(),
                                List.of())))), "allow no TCP 443 egress to the endpoint"),
                Arguments.of("VPC DNS hostnames off", (UnaryOperator<Scenario>) s -> endpointBlocks()
                        .withVpc(b -> b.vpc(new Ec2.Vpc(VPC, ACCOUNT, "10.0.0.0/16", true, false))),
                        "enableDnsHostnames=false"),
                Arguments.of("endpoint without private DNS", (UnaryOperator<Scenario>) s -> s.withVpc(b -> b.endpoints(
                        List.of(new Ec2.VpcEndpoint("vpce-0ssm", VPC, SSMMESSAGES, "Interface", "available", false,
                                List.of(TASK_SG), List.of(PRIVATE_SUBNET))))), "modify-vpc-endpoint"),
                Arguments.of("no awsvpc configuration", (UnaryOperator<Scenario>) s ->
                        s.withService(b -> b.awsvpcConfiguration(null)), "no awsvpc subnets"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networkForAPerson")
    void networkFailureNoEndpointFixesIsForAPerson(String name, UnaryOperator<Scenario> change, String says) {
        Plan plan = plan(change.apply(noRoute()), ALL_ON, true);
        List<PlannedFix> network = plan.fixes().stream()
                .filter(f -> f.fix().checkId().equals("network.ssmmessages")).toList();
        assertEquals(1, network.size(), plan.toString());
        assertEquals(Decision.MANUAL, network.getFirst().decision());
        String text = network.getFirst().reason() + " " + network.getFirst().fix().description();
        assertTrue(text.contains(says), text);
    }

    @Test
    void policyNamesAreDeterministicDistinctAndWithinIamLimits() {
        var one = List.of(new Permission("kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/k1"));
        var other = List.of(new Permission("kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/k2"));
        assertEquals(GrantSessionPermissions.policyName("kms", "shop", one), GrantSessionPermissions.policyName("kms", "shop", one));
        assertTrue(!GrantSessionPermissions.policyName("kms", "shop", one).equals(GrantSessionPermissions.policyName("kms", "shop", other)));

        String longName = GrantSessionPermissions.policyName("logging", "c".repeat(255), one);
        assertEquals(GrantSessionPermissions.MAX_POLICY_NAME, longName.length());
        assertTrue(longName.matches("[\\w+=,.@-]+"), longName);
        assertTrue(GrantSessionPermissions.policyName("logging", "a b/c", one).startsWith("ecs-exec-logging-a-b-c-"));
    }
}
