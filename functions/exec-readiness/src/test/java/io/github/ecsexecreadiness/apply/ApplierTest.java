package io.github.ecsexecreadiness.apply;

import static io.github.ecsexecreadiness.apply.FixResult.Outcome.ALREADY_DONE;
import static io.github.ecsexecreadiness.apply.FixResult.Outcome.APPLIED;
import static io.github.ecsexecreadiness.apply.FixResult.Outcome.FAILED;
import static io.github.ecsexecreadiness.apply.FixResult.Outcome.SKIPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.EcsServiceBuilder;
import io.github.ecsexecreadiness.RemediationSettingsBuilder;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.fix.Fix;
import io.github.ecsexecreadiness.plan.PlannedFix;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.Telemetry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApplierTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T09:30:00Z"), ZoneOffset.UTC);
    private static final String WHO = "arn:aws:sts::111122223333:assumed-role/remediator/deployment-event";
    private static final String ENDPOINT_SERVICE = "com.amazonaws." + Scenario.REGION + ".ssmmessages";

    private final InMemoryAccount account = Broken.account();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final RemediationLedger ledger = new InMemoryRemediationLedger();

    private Applier applier(RemediationLedger ledger) {
        return applier(ledger, Broken.SETTINGS);
    }

    private Applier applier(RemediationLedger ledger, RemediationSettings settings) {
        Telemetry telemetry = new Telemetry("Test", "deployment-event", CLOCK,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        return new Applier(account.writers(), ledger, settings, telemetry, CLOCK);
    }

    private static List<FixResult.Outcome> outcomes(List<FixResult> results) {
        return results.stream().map(FixResult::outcome).toList();
    }

    @Test
    void appliesThePlanInOrderAndTheFixedChecksThenPass() {
        Map<String, Status> before = Broken.evaluate(account);
        assertEquals(Status.FAIL, before.get("iam.ssmmessages"));
        assertEquals(Status.WARN, before.get("iam.exec-logging"));
        assertEquals(Status.FAIL, before.get("network.ssmmessages"));
        assertEquals(Status.FAIL, before.get("exec.service-flag"));
        assertEquals(Status.FAIL, before.get("exec.task-flag"));

        List<FixResult> results = applier(ledger).apply(Broken.plan(), WHO);

        assertEquals(List.of(APPLIED, APPLIED, APPLIED, APPLIED, ALREADY_DONE, SKIPPED), outcomes(results),
                results.toString());
        Map<String, Status> after = Broken.evaluate(account);
        for (String id : List.of("iam.ssmmessages", "iam.exec-logging", "network.ssmmessages", "exec.service-flag",
                "exec.task-flag", "exec.agent")) {
            assertEquals(Status.PASS, after.get(id), id);
        }
        assertEquals(1L, Broken.writes(account).get("ECS.UpdateService"), "one deployment for two redeploy fixes");
    }

    @Test
    void createsTheLoggingPolicyUnderTheProjectPathWithExactlyThePermissionsAsked() {
        applier(ledger).apply(List.of(Broken.plan().get(1)), WHO);

        String arn = "arn:aws:iam::111122223333:policy/ecs-exec-readiness/" + Broken.LOGGING_POLICY_NAME;
        assertTrue(account.listAttachedRolePolicies("web-task").contains(arn));
        assertEquals(Permission.allowDocument(Broken.loggingPermissions()), account.managedPolicyDocument(arn));
    }

    @Test
    void theEndpointAndItsGroupAreTaggedAndAdmitHttpsFromTheServiceGroups() {
        applier(ledger).apply(List.of(Broken.plan().get(2)), WHO);

        Ec2.VpcEndpoint endpoint = account.findVpcEndpoints(Scenario.VPC, ENDPOINT_SERVICE).getFirst();
        assertTrue(endpoint.privateDnsEnabled());
        assertEquals(List.of(Scenario.PRIVATE_SUBNET), endpoint.subnetIds());
        String group = account.findSecurityGroup(Scenario.VPC, Applier.ENDPOINT_GROUP_NAME).orElseThrow();
        assertEquals(List.of(group), endpoint.securityGroupIds());
        Map<String, String> createdBy = Map.of(RemediationSettings.CREATED_BY_TAG, Applier.CREATED_BY);
        assertEquals(createdBy, account.tagsOf(endpoint.id()));
        assertEquals(createdBy, account.tagsOf(group));
        assertFalse(account.authorizeTcpIngress(group, 443, Scenario.TASK_SG), "the rule exists already");
    }

    @Test
    void aSecondRunOfTheSamePlanChangesNothing() {
        applier(ledger).apply(Broken.plan(), WHO);
        Map<String, Long> writesAfterFirst = Broken.writes(account);

        List<FixResult> second = applier(ledger).apply(Broken.plan(), WHO);

        assertEquals(writesAfterFirst, Broken.writes(account));
        assertEquals(List.of(ALREADY_DONE, ALREADY_DONE, ALREADY_DONE, SKIPPED, SKIPPED, SKIPPED), outcomes(second),
                second.toString());
        assertTrue(second.get(3).reason().startsWith("cooldown"), second.get(3).reason());
    }

    @Test
    void aRunThatFailedHalfWayReusesTheSecurityGroupItCreated() {
        account.fail("EC2.CreateVpcEndpoint", "RequestLimitExceeded");
        PlannedFix endpoint = Broken.plan().get(2);
        assertEquals(FAILED, applier(ledger).apply(List.of(endpoint), WHO).getFirst().outcome());
        account.heal();

        FixResult retried = applier(ledger).apply(List.of(endpoint), WHO).getFirst();

        assertEquals(APPLIED, retried.outcome(), retried.toString());
        assertEquals(1L, Broken.writes(account).get("EC2.CreateSecurityGroup"));
        assertTrue(retried.reason().contains("existing security group"), retried.reason());
    }

    @Test
    void aFailedFixIsReportedTheOthersStillRunButNothingIsRedeployed() {
        account.fail("IAM.AttachRolePolicy", "AccessDenied");

        List<FixResult> results = applier(ledger).apply(Broken.plan(), WHO);

        assertEquals(List.of(FAILED, FAILED, APPLIED, SKIPPED, SKIPPED, SKIPPED), outcomes(results), results.toString());
        assertTrue(results.get(0).reason().contains("IAM.AttachRolePolicy: AccessDenied"), results.get(0).reason());
        assertTrue(results.get(3).reason().contains("half-fixed"), results.get(3).reason());
        assertEquals(0L, Broken.writes(account).get("ECS.UpdateService"));
        assertEquals(Status.PASS, Broken.evaluate(account).get("network.ssmmessages"));
    }

    static Stream<Arguments> ledgerRefusals() {
        return Stream.of(
                Arguments.of("cooldown", (RemediationLedger) (arn, now, cooldown, cap) -> RemediationLedger.Admission.COOLDOWN),
                Arguments.of("hourly cap", (RemediationLedger) (arn, now, cooldown, cap) -> RemediationLedger.Admission.HOURLY_CAP),
                Arguments.of("fail closed", (RemediationLedger) (arn, now, cooldown, cap) -> {
                    throw new AwsApiException("DynamoDB.TransactWriteItems", "ThrottlingException", "slow down");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ledgerRefusals")
    void noDeploymentWithoutTheLedgersAdmission(String reason, RemediationLedger refusing) {
        PlannedFix redeploy = Broken.plan().get(3);

        FixResult result = applier(refusing).apply(List.of(redeploy), WHO).getFirst();

        assertEquals(SKIPPED, result.outcome());
        assertTrue(result.reason().startsWith(reason), result.reason());
        assertEquals(0L, Broken.writes(account).get("ECS.UpdateService"));
        assertEquals(Status.FAIL, Broken.evaluate(account).get("exec.service-flag"));
    }

    @Test
    void aDeploymentAlreadyRollingOutWithExecOnIsNotRestartedNorCounted() {
        account.updateService(Scenario.SERVICE_ARN, s -> EcsServiceBuilder.builder(s).enableExecuteCommand(true)
                .deployments( List.of(new Ecs.Deployment("ecs-svc/9", "PRIMARY", "IN_PROGRESS",
                        Scenario.TASK_DEFINITION_ARN))).build());
        List<String> asked = new ArrayList<>();

        FixResult result = applier((arn, now, cooldown, cap) -> {
            asked.add(arn);
            return RemediationLedger.Admission.ALLOWED;
        }).apply(List.of(Broken.plan().get(3)), WHO).getFirst();

        assertEquals(ALREADY_DONE, result.outcome());
        assertEquals(List.of(), asked);
        assertEquals(0L, Broken.writes(account).get("ECS.UpdateService"));
    }

    @Test
    void ingressIsAddedOnceToAnExistingEndpointsGroup() {
        account.putSecurityGroup(new Ec2.SecurityGroup("sg-0vpce", Scenario.VPC, List.of(), List.of()));
        account.tagResource("sg-0vpce", Map.of(RemediationSettings.CREATED_BY_TAG, Applier.CREATED_BY));
        account.putVpcEndpoint(new Ec2.VpcEndpoint("vpce-0a1", Scenario.VPC, ENDPOINT_SERVICE, "Interface",
                "available", true, List.of("sg-0vpce"), List.of(Scenario.PRIVATE_SUBNET)));
        assertEquals(Status.FAIL, Broken.evaluate(account).get("network.ssmmessages"));
        PlannedFix authorize = Broken.apply(new Fix.AuthorizeEndpointIngress("vpce-0a1", "sg-0vpce",
                List.of(Scenario.TASK_SG)));

        FixResult first = applier(ledger).apply(List.of(authorize), WHO).getFirst();
        FixResult second = applier(ledger).apply(List.of(authorize), WHO).getFirst();

        assertEquals(APPLIED, first.outcome());
        assertEquals(ALREADY_DONE, second.outcome());
        assertEquals(Status.PASS, Broken.evaluate(account).get("network.ssmmessages"));
    }

    /**
     * The group of an endpoint someone else made is theirs: no rule is added (the IAM policy would refuse it too),
     * the person is told the command, and the service is not redeployed half-fixed.
     */
    @Test
    void noIngressIntoAGroupTheToolDidNotCreate() {
        account.putSecurityGroup(new Ec2.SecurityGroup("sg-0vpce", Scenario.VPC, List.of(), List.of()));
        account.tagResource("sg-0vpce", Map.of("team", "network"));
        account.putVpcEndpoint(new Ec2.VpcEndpoint("vpce-0a1", Scenario.VPC, ENDPOINT_SERVICE, "Interface",
                "available", true, List.of("sg-0vpce"), List.of(Scenario.PRIVATE_SUBNET)));
        PlannedFix authorize = Broken.apply(new Fix.AuthorizeEndpointIngress("vpce-0a1", "sg-0vpce",
                List.of(Scenario.TASK_SG)));
        PlannedFix redeploy = Broken.plan().stream().filter(p -> p.fix() instanceof Fix.EnableExecAndRedeploy)
                .findFirst().orElseThrow();

        List<FixResult> results = applier(ledger).apply(List.of(authorize, redeploy), WHO);

        assertEquals(List.of(SKIPPED, SKIPPED), results.stream().map(FixResult::outcome).toList());
        assertTrue(results.getFirst().reason().contains("was not created by ecs-exec-readiness")
                && results.getFirst().reason().contains("aws ec2 authorize-security-group-ingress --group-id sg-0vpce "
                + "--protocol tcp --port 443 --source-group " + Scenario.TASK_SG), results.getFirst().reason());
        assertTrue(results.get(1).reason().startsWith("not redeploying a half-fixed service"), results.get(1).reason());
        assertEquals(0L, Broken.writes(account).get("EC2.AuthorizeSecurityGroupIngress"));
        assertEquals(Status.FAIL, Broken.evaluate(account).get("network.ssmmessages"));
    }

    @Test
    void anEndpointAlreadyServingTheVpcIsNotCreatedAgain() {
        account.putVpcEndpoint(new Ec2.VpcEndpoint("vpce-0a1", Scenario.VPC, ENDPOINT_SERVICE, "Interface",
                "pending", true, List.of(), List.of(Scenario.PRIVATE_SUBNET)));

        FixResult result = applier(ledger).apply(List.of(Broken.plan().get(2)), WHO).getFirst();

        assertEquals(ALREADY_DONE, result.outcome());
        assertTrue(result.before().contains("vpce-0a1 (pending"), result.before());
        assertEquals(0L, Broken.writes(account).get("EC2.CreateSecurityGroup"));
    }

    @Test
    void plansNotMarkedApplyAreReportedAndNotMade() {
        List<PlannedFix> plan = Broken.plan().stream()
                .map(p -> new PlannedFix(p.fix(), PlannedFix.Decision.DRY_RUN, "dry run")).toList();

        List<FixResult> results = applier(ledger).apply(plan, WHO);

        assertTrue(results.stream().allMatch(r -> r.outcome() == SKIPPED && r.reason().equals("dry_run: dry run")));
        assertTrue(Broken.writes(account).values().stream().allMatch(n -> n == 0), Broken.writes(account)::toString);
    }

    static Stream<Arguments> switchedOff() {
        return Stream.of(
                switchedOff("dryRun=true", b -> b.dryRun(true), "settings: dry run"),
                switchedOff("mode=REPORT_ONLY", b -> b.mode(RemediationSettings.Mode.REPORT_ONLY),
                        "settings: report only"),
                switchedOff("taskRolePermissions=false", b -> b.taskRolePermissions(false),
                        "settings: automatic TASK_ROLE_PERMISSIONS"),
                switchedOff("vpcEndpoints=false", b -> b.vpcEndpoints(false), "settings: automatic VPC_ENDPOINT"),

                switchedOff("execRedeploy=false", b -> b.execRedeploy(false), "settings: automatic EXEC_REDEPLOY"));
    }

    private static Arguments switchedOff(String name, UnaryOperator<RemediationSettingsBuilder> change, String reason) {
        return Arguments.of(Named.of(name, change), reason);
    }

    /** Without FixSessionGrants (and no review) a plan's session grant is refused; the ssmmessages attach is not. */
    @Test
    void sessionGrantsAreRefusedWithoutTheirSwitchWhateverThePlanSays() {
        RemediationSettings settings = RemediationSettingsBuilder.builder(Broken.SETTINGS).sessionGrants(false).build();
        List<FixResult> results = applier(ledger, settings).apply(Broken.plan().subList(0, 2), WHO);

        assertEquals(List.of(APPLIED, SKIPPED), results.stream().map(FixResult::outcome).toList());
        assertTrue(results.get(1).reason().startsWith("settings: automatic TASK_ROLE_PERMISSIONS"), results.toString());
        assertEquals(0L, Broken.writes(account).get("IAM.CreatePolicy"));
        assertEquals(APPLIED, applier(ledger, settings.reviewed()).apply(Broken.plan().subList(1, 2), WHO)
                .getFirst().outcome());
    }

    /** A plan that says APPLY still cannot make what the settings turn off. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("switchedOff")
    void theSettingsAreCheckedAgainWhateverThePlanSays(UnaryOperator<RemediationSettingsBuilder> change,
            String reason) {
        RemediationSettings settings = change.apply(RemediationSettingsBuilder.builder(Broken.SETTINGS)).build();

        List<FixResult> results = applier(ledger, settings).apply(Broken.plan(), WHO);

        List<FixResult> refused = results.stream().filter(r -> r.reason().startsWith("settings")).toList();
        assertFalse(refused.isEmpty(), results.toString());
        for (FixResult r : refused) {
            assertEquals(SKIPPED, r.outcome());
            assertTrue(r.reason().startsWith(reason), r.reason());
            Broken.writes(account).forEach((operation, n) -> assertTrue(n == 0
                    || !writtenBy(r.planned().fix().kind(), operation), operation + " called for " + r));
        }
    }

    private static boolean writtenBy(Fix.Kind kind, String operation) {
        return switch (kind) {
            case TASK_ROLE_PERMISSIONS -> operation.startsWith("IAM.");
            case VPC_ENDPOINT -> operation.startsWith("EC2.");
            case EXEC_REDEPLOY -> operation.startsWith("ECS.");
            case MANUAL -> false;
        };
    }

    @Test
    void everyPlannedFixLeavesOneAuditLineWithWhoWhatBeforeAndAfter() throws Exception {
        applier(ledger).apply(Broken.plan(), WHO);

        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertEquals(Broken.plan().size(), lines.size());
        JsonNode attach = lines.getFirst();
        assertEquals(WHO, attach.path("who").asText());
        assertEquals(Broken.plan().getFirst().fix().description(), attach.path("what").asText());
        assertEquals("APPLIED", attach.path("outcome").asText());
        assertFalse(attach.path("before").asText().contains(Broken.SSM_POLICY_ARN), attach.path("before").asText());
        assertTrue(attach.path("after").asText().contains(Broken.SSM_POLICY_ARN), attach.path("after").asText());
        JsonNode redeploy = lines.get(3);
        assertTrue(redeploy.path("before").asText().startsWith("enableExecuteCommand=false"));
        assertTrue(redeploy.path("after").asText().startsWith("enableExecuteCommand=true"));
        assertEquals("INFO", redeploy.path("level").asText());
    }

    @Test
    void eachOutcomeIsCountedAsAMetric() throws Exception {
        Telemetry telemetry = new Telemetry("Test", "deployment-event", CLOCK,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        account.fail("EC2.CreateVpcEndpoint", "UnauthorizedOperation");
        new Applier(account.writers(), ledger, Broken.SETTINGS, telemetry, CLOCK).apply(Broken.plan(), WHO);
        log.reset();

        telemetry.flush();

        JsonNode metrics = new ObjectMapper().readTree(log.toString(StandardCharsets.UTF_8).lines().findFirst()
                .orElseThrow());
        assertEquals(2, metrics.path("FixesApplied").asInt());
        assertEquals(1, metrics.path("FixesFailed").asInt());
        assertEquals(3, metrics.path("FixesSkipped").asInt());
    }

    @Test
    void theSessionPolicyHasOneAllowStatementPerResource() {
        String document = Permission.allowDocument(List.of(new Permission("logs:DescribeLogGroups", "*"),
                new Permission("logs:PutLogEvents", "arn:aws:logs:eu-west-1:1:log-group:/ecs/web:*"),
                new Permission("logs:CreateLogStream", "arn:aws:logs:eu-west-1:1:log-group:/ecs/web:*")));

        assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"logs:DescribeLogGroups\"],\"Resource\":\"*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":[\"logs:PutLogEvents\",\"logs:CreateLogStream\"],"
                + "\"Resource\":\"arn:aws:logs:eu-west-1:1:log-group:/ecs/web:*\"}]}", document);
    }

    @Test
    void theEndpointClientTokenDependsOnlyOnVpcServiceAndSubnets() {
        String token = Applier.clientToken("vpc-1", ENDPOINT_SERVICE, List.of("subnet-a", "subnet-b"));

        assertTrue(token.length() <= 64, token);
        assertEquals(token, Applier.clientToken("vpc-1", ENDPOINT_SERVICE, List.of("subnet-b", "subnet-a")));
        assertFalse(token.equals(Applier.clientToken("vpc-1", ENDPOINT_SERVICE, List.of("subnet-a"))));
        assertFalse(token.equals(Applier.clientToken("vpc-2", ENDPOINT_SERVICE, List.of("subnet-a", "subnet-b"))));
    }
}
