package io.github.ecsexecreadiness.plan;

import io.github.ecsexecreadiness.fix.Fix;
import static io.github.ecsexecreadiness.plan.PlannerTest.ALL_ON;
import static io.github.ecsexecreadiness.plan.PlannerTest.LOGS_ONLY;
import static io.github.ecsexecreadiness.plan.PlannerTest.execOff;
import static io.github.ecsexecreadiness.plan.PlannerTest.noRoute;
import static io.github.ecsexecreadiness.plan.PlannerTest.only;
import static io.github.ecsexecreadiness.plan.PlannerTest.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.RemediationSettingsBuilder;
import io.github.ecsexecreadiness.check.ReadinessEngine;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Iam;
import io.github.ecsexecreadiness.fix.Fix.AttachSsmmessagesPolicy;
import io.github.ecsexecreadiness.fix.Fix.CreateSsmmessagesEndpoint;
import io.github.ecsexecreadiness.fix.Fix.EnableExecAndRedeploy;
import io.github.ecsexecreadiness.plan.PlannedFix.Decision;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A redeployment that cannot help is BLOCKED, naming the check that would still fail; its twin, where the plan
 * repairs everything, goes through. Every case starts from a service with ECS Exec off (the flag fix is planned).
 */
class ReadyAfterPlanTest {
    static final String DENY_OPEN_DATA_CHANNEL = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ssmmessages:OpenDataChannel","Resource":"*"}]}""";
    static final String BOUNDARY_WITHOUT_SSMMESSAGES = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}""";
    static final String BOUNDARY_WITH_SSMMESSAGES = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:*","ssmmessages:*"],"Resource":"*"}]}""";

    record Case(String name, UnaryOperator<Scenario> harm, UnaryOperator<Scenario> twin,
                UnaryOperator<RemediationSettings> harmSettings, String blockingCheck) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Scenario boundary(Scenario s, String document) {
        return s.withRole(Scenario.TASK_ROLE_ARN, b -> b
                .permissionsBoundary(new Iam.Policy("arn:aws:iam::111122223333:policy/boundary", document)));
    }

    static Stream<Case> blockers() {
        return Stream.of(
                new Case("Fargate 1.3.0 pinned",
                        s -> s.withService(b -> b.platformVersion("1.3.0")).withTasks(b -> b.platformVersion("1.3.0")),
                        s -> s.withService(b -> b.platformVersion("1.4.0")), settings -> settings, "platform.version"),
                new Case("read-only root on the only container",
                        s -> s.withContainers(b -> b.readonlyRootFilesystem(true)),
                        // The known workaround (writable SSM paths) is a WARN: the redeployment helps.
                        s -> s.withContainers(c -> c.readonlyRootFilesystem(true)
                                .mountPoints(List.of(new Ecs.MountPoint("agents", "/managed-agents", false),
                                        new Ecs.MountPoint("ssm", "/var/lib/amazon/ssm", false),
                                        new Ecs.MountPoint("ssm-log", "/var/log/amazon/ssm", false)))),
                        settings -> settings, "container.readonly-root"),
                new Case("explicit Deny on ssmmessages",
                        s -> s.withTaskRolePolicies(Scenario.READY_TASK_ROLE_POLICY, DENY_OPEN_DATA_CHANNEL),
                        // Merely missing, the permission is granted by the plan before the redeployment.
                        s -> s.withTaskRolePolicies(LOGS_ONLY), settings -> settings, "iam.ssmmessages"),
                new Case("permissions boundary without ssmmessages",
                        s -> boundary(s, BOUNDARY_WITHOUT_SSMMESSAGES),
                        s -> boundary(s, BOUNDARY_WITH_SSMMESSAGES), settings -> settings, "iam.ssmmessages"),
                new Case("no network path with endpoint fixes off",
                        s -> noRouteWithExecOff(), s -> noRouteWithExecOff(),
                        settings -> RemediationSettingsBuilder.builder(settings).vpcEndpoints(false).build(), "network.ssmmessages"),
                new Case("role fix blocked by FixTaskRolePermissions=false",
                        s -> s.withTaskRolePolicies(LOGS_ONLY), s -> s.withTaskRolePolicies(LOGS_ONLY),
                        settings -> RemediationSettingsBuilder.builder(settings).taskRolePermissions(false).build(), "iam.ssmmessages"));
    }

    static Scenario noRouteWithExecOff() {
        return noRoute().withService(b -> b.enableExecuteCommand(false)).withTasks(b -> b.enableExecuteCommand(false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockers")
    void redeploymentThatCannotHelpIsBlockedNamingTheCheck(Case c) {
        Plan plan = plan(c.harm().apply(execOff()), c.harmSettings().apply(ALL_ON), false);
        PlannedFix redeploy = only(plan, EnableExecAndRedeploy.class);
        assertEquals(Decision.BLOCKED, redeploy.decision(), redeploy.reason());
        assertTrue(redeploy.reason().contains(c.blockingCheck() + " ("), redeploy.reason());
        assertTrue(redeploy.reason().contains("would not be ready after it"), redeploy.reason());
        assertEquals(List.of(), plan.toApply(), "nothing runs for the new tasks alone: " + plan);
    }

    /** The twin: the same service where the plan repairs every FAIL (with the reviewed endpoint, for the network). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("blockers")
    void twinWhereThePlanRepairsEverythingGoesThrough(Case c) {
        Plan plan = plan(c.twin().apply(execOff()), ALL_ON, c.name().startsWith("no network path"));
        PlannedFix redeploy = only(plan, EnableExecAndRedeploy.class);
        assertEquals(Decision.APPLY, redeploy.decision(), redeploy.reason());
        assertEquals(List.of(), plan.blocked(), plan.toString());
        assertEquals(List.of(), plan.manual(), plan.toString());
    }

    @Test
    void fixesServingOnlyTheNewTasksAreBlockedWithTheRedeployment() {
        Scenario s = noRouteWithExecOff().withTaskRolePolicies(LOGS_ONLY).withContainers(b -> b.readonlyRootFilesystem(true));
        Plan plan = plan(s);
        for (Class<? extends Fix> type : List.of(AttachSsmmessagesPolicy.class, CreateSsmmessagesEndpoint.class)) {
            PlannedFix fix = only(plan, type);
            assertEquals(Decision.BLOCKED, fix.decision(), fix.reason());
            assertTrue(fix.reason().contains("only the new tasks of the redeployment could use it")
                    && fix.reason().contains("container.readonly-root"), fix.reason());
        }
    }

    /** Tasks already running with exec use the role's permissions at once: that grant is not held back. */
    @Test
    void grantForTasksThatAlreadyHaveExecIsNotHeldBack() {
        Scenario s = Scenario.ready().withService(b -> b.enableExecuteCommand(false)).withTaskRolePolicies(LOGS_ONLY)
                .withContainers(b -> b.readonlyRootFilesystem(true));
        Plan plan = plan(s);
        assertEquals(Decision.BLOCKED, only(plan, EnableExecAndRedeploy.class).decision());
        assertEquals(Decision.APPLY, only(plan, AttachSsmmessagesPolicy.class).decision());
    }

    /** A reviewed fix that keeps only the redeployment cannot count on the grant it left out. */
    @Test
    void fixesLeftOutOfASelectionRepairNothing() {
        Scenario s = execOff().withTaskRolePolicies(LOGS_ONLY);
        var facts = s.facts();
        Plan plan = new Planner().plan(new ReadinessEngine().evaluate(facts), facts, ALL_ON, true,
                fix -> fix instanceof EnableExecAndRedeploy);
        PlannedFix redeploy = only(plan, EnableExecAndRedeploy.class);
        assertEquals(Decision.BLOCKED, redeploy.decision());
        assertTrue(redeploy.reason().contains("iam.ssmmessages ("), redeploy.reason());
        assertEquals(1, plan.fixes().size(), plan.toString());
    }

    static Stream<Arguments> dryRunCounts() {
        return Stream.of(Arguments.of(true), Arguments.of(false));
    }

    /** A dry run shows what a real run would do: an allowed grant counts as made. */
    @ParameterizedTest
    @MethodSource("dryRunCounts")
    void dryRunPlansLikeARealRun(boolean dryRun) {
        Plan plan = plan(execOff().withTaskRolePolicies(LOGS_ONLY), RemediationSettingsBuilder.builder(ALL_ON).dryRun(dryRun).build(), false);
        Decision expected = dryRun ? Decision.DRY_RUN : Decision.APPLY;
        assertEquals(expected, only(plan, EnableExecAndRedeploy.class).decision());
        assertEquals(expected, only(plan, AttachSsmmessagesPolicy.class).decision());
    }
}
