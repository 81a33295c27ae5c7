package io.github.ecsexecreadiness.scenario;

import static io.github.ecsexecreadiness.scenario.EmulatorBackend.CONFIG;
import static io.github.ecsexecreadiness.scenario.EmulatorBackend.EC2;
import static io.github.ecsexecreadiness.scenario.EmulatorBackend.ECS;
import static io.github.ecsexecreadiness.scenario.EmulatorBackend.IAM;
import static io.github.ecsexecreadiness.scenario.EmulatorBackend.SECURITY_HUB;
import static io.github.ecsexecreadiness.scenario.Verdicts.byName;
import static io.github.ecsexecreadiness.scenario.Verdicts.check;
import static io.github.ecsexecreadiness.scenario.Verdicts.failing;
import static io.github.ecsexecreadiness.scenario.Verdicts.ready;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.aws.SdkSecurityHubApi;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.cli.CommandLine;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.flow.ReadinessFlow;
import io.github.ecsexecreadiness.flow.Request;
import io.github.ecsexecreadiness.moto.MotoAccount;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation.ComplianceType;
import io.github.ecsexecreadiness.report.config.ConfigRuleApi;
import io.github.ecsexecreadiness.report.config.ConfigRuleInvocation;
import io.github.ecsexecreadiness.report.config.ConfigRuleReport;
import io.github.ecsexecreadiness.report.securityhub.Finding;
import io.github.ecsexecreadiness.report.securityhub.FindingMapper;
import io.github.ecsexecreadiness.report.securityhub.FindingsPublisher;
import io.github.ecsexecreadiness.report.securityhub.StoredFinding;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * The end-to-end scenarios, written once against an endpoint and run on every emulator backend: each dynamic test
 * is named "{@code <scenario> on <backend>}", so the test report says which backend ran which scenario.
 *
 * <p>A backend that is not there (moto not installed, no Docker engine for LocalStack) has every scenario
 * skipped with its reason; a scenario that needs a service the backend lacks (LocalStack's free tier has no ECS,
 * no tier has Security Hub) is skipped with the reason. Nothing passes by skipping: moto is required in CI
 * ({@code CI=true} or {@code -Dmoto.required=true}), where its absence fails the run.
 *
 * <p>Each backend's account is seeded by {@link MotoAccount} (SDK calls only) on first use and shared by the
 * scenarios in order; the fix scenario runs last because it changes the account.
 */
@StartsEmulator
class ScenarioSuiteTest {
    @RegisterExtension
    static final MotoBackend MOTO = new MotoBackend();
    @RegisterExtension
    static final LocalStackBackend LOCALSTACK = new LocalStackBackend();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");
    private static final Set<String> SERVICES = Set.of("web", "api", "static-creds", "isolated", "no-role",
            "no-permissions", "readonly", "exec-off", "worker");
    /** The ready services of the seeded account; every other one has a defect. */
    private static final Set<String> READY = Set.of("web", "api", "static-creds");

    /** A scenario: what it is called, the AWS services it needs, and what it does with a seeded account. */
    private record Scenario(String name, Set<String> needs, Body body) {}

    @FunctionalInterface
    private interface Body {
        void run(Seeded account) throws Exception;
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("scan verdicts of the seeded account", Set.of(ECS, IAM, EC2), ScenarioSuiteTest::scan),
            new Scenario("findings imported to Security Hub and read back", Set.of(ECS, IAM, EC2, SECURITY_HUB),
                    ScenarioSuiteTest::findings),
            new Scenario("Config evaluations of a scheduled sweep", Set.of(ECS, IAM, EC2, CONFIG),
                    ScenarioSuiteTest::configEvaluations),
            new Scenario("fix --apply then scan again", Set.of(ECS, IAM, EC2), ScenarioSuiteTest::fixThenScan));

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return Stream.of(MOTO, LOCALSTACK).flatMap(backend -> {
            var account = new Seeded(backend);
            return SCENARIOS.stream().map(scenario -> dynamicTest(scenario.name() + " on " + backend.name(),
                    () -> run(scenario, account)));
        });
    }

    private static void run(Scenario scenario, Seeded account) throws Exception {
        EmulatorBackend backend = account.backend;
        backend.unavailable().ifPresent(reason -> Assumptions.abort(backend.name() + " unavailable: " + reason));
        Set<String> missing = new TreeSet<>(scenario.needs());
        missing.removeAll(backend.services());
        Assumptions.assumeTrue(missing.isEmpty(), () -> missing.stream().map(backend::whyMissing)
                .collect(Collectors.joining("; ", backend.name() + " lacks " + missing + ": ", "")));
        scenario.body().run(account);
    }

    /** A backend's account, seeded by the first scenario that runs on it. */
    private static final class Seeded {
        final EmulatorBackend backend;
        private final InMemoryRemediationLedger ledger = new InMemoryRemediationLedger();
        private MotoAccount seeded;

        Seeded(EmulatorBackend backend) {
            this.backend = backend;
        }

        MotoAccount account() throws Exception {
            if (seeded == null) {
                backend.reset();
                try (AwsClients clients = backend.newClients()) {
                    seeded = MotoAccount.seed(clients, backend::holdTaskStatus);
                }
            }
            return seeded;
        }

        /** The command line against the backend; fix records its deployments in this account's ledger. */
        CommandLine.Run cli(String command, String... args) {
            CommandLine.Run run = CommandLine.run(backend.endpoint(), backend.region(), backend.credentials(), ledger,
                    command, args);
            assertFalse(run.out().startsWith("error"), run.out());
            return run;
        }

        /** The scan's service reports, through the SDK readers as the Lambda handlers read them. */
        List<ServiceReport> reports(AwsClients clients) {
            return new ReadinessScan(new SdkAccount(clients).readers()).scan(Scope.wholeRegion()).services();
        }
    }

    /** (a) {@code scan --output json}: one verdict per seeded defect, named with the concrete resource. */
    private static void scan(Seeded seeded) throws Exception {
        MotoAccount account = seeded.account();
        CommandLine.Run run = seeded.cli("scan", "--output", "json");

        assertEquals(1, run.exitCode(), run.err());
        Map<String, JsonNode> services = byName(JSON.readTree(run.out()).path("services"));
        assertEquals(SERVICES, services.keySet());
        List<Executable> expectations = new ArrayList<>();
        // Ready services: nothing FAILs; what they WARN about is named.
        expectations.add(failing(services, "web"));
        expectations.add(check(services, "web", "network.ssmmessages", "PASS",
                "subnet " + account.natPrivateSubnet, "through NAT gateway " + account.natGateway));
        expectations.add(check(services, "web", "iam.ssmmessages", "PASS", account.appTaskRole));
        expectations.add(check(services, "web", "exec.service-flag", "PASS", "service web"));
        expectations.add(check(services, "web", "platform.version", "PASS", "1.4.0"));
        expectations.add(failing(services, "api"));
        expectations.add(check(services, "api", "network.ssmmessages", "PASS",
                "subnet " + account.endpointSubnet, "through interface endpoint " + account.ssmmessagesEndpoint));
        // The permission comes from a customer managed policy, read with GetAccountAuthorizationDetails.
        expectations.add(check(services, "api", "iam.ssmmessages", "PASS", account.managedTaskRole));
        expectations.add(check(services, "api", "iam.exec-logging", "WARN", account.managedTaskRole,
                MotoAccount.EXEC_LOG_GROUP));
        expectations.add(failing(services, "static-creds"));
        expectations.add(check(services, "static-creds", "iam.static-credentials", "WARN",
                "AWS_ACCESS_KEY_ID (environment)", "AWS_SECRET_ACCESS_KEY (environment)"));
        // One defect each.
        expectations.add(failing(services, "isolated", "network.ssmmessages"));
        expectations.add(check(services, "isolated", "network.ssmmessages", "FAIL",
                "subnet " + account.isolatedSubnet, "no route to ssmmessages"));
        expectations.add(failing(services, "no-role", "iam.task-role", "iam.trust-policy", "iam.ssmmessages",
                "iam.exec-logging"));
        expectations.add(check(services, "no-role", "iam.task-role", "FAIL",
                "no task role in task definition no-role:1"));
        expectations.add(failing(services, "no-permissions", "iam.ssmmessages"));
        expectations.add(check(services, "no-permissions", "iam.ssmmessages", "FAIL", account.bareTaskRole,
                "ssmmessages:CreateControlChannel"));
        expectations.add(failing(services, "readonly", "container.readonly-root"));
        expectations.add(check(services, "readonly", "container.readonly-root", "FAIL", "app in readonly:1"));
        expectations.add(failing(services, "exec-off", "exec.service-flag"));
        expectations.add(check(services, "exec-off", "exec.service-flag", "FAIL",
                "enableExecuteCommand is false on service exec-off"));
        // The bridge task of the EC2 worker uses its host's network: the instance in the NAT subnet. (What the
        // emulator's gaps make of the rest of the worker is backend-specific: see ScanMotoTest.)
        expectations.add(check(services, "worker", "network.ssmmessages", "PASS",
                "task " + account.workerTask.substring(account.workerTask.lastIndexOf('/') + 1),
                "through NAT gateway " + account.natGateway));
        assertAll(expectations);
    }

    /**
     * (c) The scan's findings (one per service and check) imported with BatchImportFindings in chunks of at most
     * 100, then read back with GetFindings: every finding is there, ACTIVE, with the compliance it was sent with.
     */
    private static void findings(Seeded seeded) throws Exception {
        seeded.account();
        try (AwsClients clients = seeded.backend.newClients()) {
            List<ServiceReport> reports = seeded.reports(clients);
            clients.securityHub().enableSecurityHub(r -> r.enableDefaultStandards(false));
            var mapper = new FindingMapper(seeded.backend.accountId(), seeded.backend.region().id(), "aws",
                    Set.of("exec.service-flag", "iam.ssmmessages")::contains);
            List<Finding> sent = reports.stream().flatMap(report -> mapper.findings(report, NOW).stream()).toList();
            var hub = new SdkSecurityHubApi(clients.securityHub(), mapper.productArn());

            assertEquals(List.of(), new FindingsPublisher(hub, duration -> {}).publish(sent, quietTelemetry()));
            List<StoredFinding> stored = hub.activeFindings(FindingMapper.GENERATOR_PREFIX, Optional.empty());

            long imports = clients.apiCalls().snapshot().getOrDefault("SecurityHub.BatchImportFindings", 0L);
            Map<String, Finding.ComplianceStatus> expected = sent.stream()
                    .collect(Collectors.toMap(Finding::id, Finding::complianceStatus));
            Map<String, Finding.ComplianceStatus> readBack = stored.stream()
                    .collect(Collectors.toMap(StoredFinding::id, StoredFinding::complianceStatus));
            assertAll(
                    () -> assertEquals(SERVICES.size(), reports.size()),
                    () -> assertTrue(sent.size() > 100, "more than one BatchImportFindings chunk: " + sent.size()),
                    () -> assertEquals((sent.size() + 99) / 100, imports, "chunks of at most 100"),
                    () -> assertEquals(expected, readBack),
                    () -> assertTrue(readBack.containsValue(Finding.ComplianceStatus.FAILED), readBack.toString()),
                    () -> assertTrue(readBack.containsValue(Finding.ComplianceStatus.PASSED), readBack.toString()));
        }
    }

    /**
     * (d) A scheduled Config rule sweep through the real handler: every service evaluated, COMPLIANT exactly
     * when ready, sent with PutEvaluations in TestMode. Emulators record no AWS::ECS::Service in Config (moto
     * records S3, IAM and SNS only), so Config's inventory is stood in for: every service, its ARN as resource id.
     */
    private static void configEvaluations(Seeded seeded) throws Exception {
        seeded.account();
        try (AwsClients clients = seeded.backend.newClients()) {
            Set<String> arns = seeded.reports(clients).stream().map(r -> r.service().arn())
                    .collect(Collectors.toSet());
            ConfigRuleApi sdk = new SdkAccount(clients).configRule(true);
            var rule = new ConfigRuleReport(new RecordingEverything(sdk, arns),
                    new ConfigRuleInvocation.Scheduled("result-token", null, NOW));

            new ReadinessFlow(new SdkAccount(clients).readers(), Optional.empty()).run(
                    Request.wholeRegion(null, null, "config-rule", Request.Fixes.NONE), quietTelemetry(),
                    List.of(rule));

            Map<String, ComplianceType> byService = rule.sent().stream().collect(Collectors.toMap(
                    e -> e.resourceId().substring(e.resourceId().lastIndexOf('/') + 1),
                    ConfigEvaluation::complianceType));
            assertAll(
                    () -> assertEquals(List.of(), rule.unrecorded()),
                    () -> assertEquals(SERVICES, byService.keySet()),
                    () -> assertEquals(READY, byService.entrySet().stream()
                            .filter(e -> e.getValue() == ComplianceType.COMPLIANT).map(Map.Entry::getKey)
                            .collect(Collectors.toSet())),
                    () -> assertEquals((SERVICES.size() + ConfigRuleApi.PUT_EVALUATIONS_MAX - 1)
                                    / ConfigRuleApi.PUT_EVALUATIONS_MAX,
                            clients.apiCalls().snapshot().get("Config.PutEvaluations")),
                    () -> assertTrue(rule.sent().stream().allMatch(e -> e.annotation() != null
                            && e.annotation().length() <= ConfigEvaluation.ANNOTATION_MAX)));
        }
    }

    /** The SDK Config API, with an inventory in which Config records every given service under its ARN. */
    private record RecordingEverything(ConfigRuleApi sdk, Set<String> serviceArns) implements ConfigRuleApi {
        @Override
        public List<ConfigEvaluation> putEvaluations(List<ConfigEvaluation> evaluations, String resultToken) {
            return sdk.putEvaluations(evaluations, resultToken);
        }

        @Override
        public Map<String, String> recordedServices() {
            return serviceArns.stream().collect(Collectors.toMap(Function.identity(), Function.identity()));
        }

        @Override
        public Set<String> evaluatedResourceIds(String configRuleName) {
            return sdk.evaluatedResourceIds(configRuleName);
        }

        @Override
        public Optional<String> clusterOf(String resourceId) {
            return sdk.clusterOf(resourceId);
        }
    }

    /**
     * (b) {@code fix --apply}: the fixable defects are fixed, protected and opted-out services and never-automatic
     * defects are left alone, a second run writes nothing, and {@code scan} then shows the fixed services ready.
     */
    private static void fixThenScan(Seeded seeded) throws Exception {
        MotoAccount account = seeded.account();
        try (AwsClients clients = seeded.backend.newClients()) {
            // moto keeps every service's rollout IN_PROGRESS unless it runs as many tasks as desired (it starts
            // none), and the guardrail rightly never redeploys during a rollout: a service with desiredCount 0 has
            // a COMPLETED rollout, so it is the one that can be redeployed here.
            clients.ecs().createService(r -> r.cluster(MotoAccount.PROD).serviceName("drifted").taskDefinition("web")
                    .desiredCount(0).launchType("FARGATE").networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                            .subnets(account.natPrivateSubnet).securityGroups(account.natTaskGroup))));
            // Two more services with a fixable defect that the guardrails must protect.
            for (var protectedService : Map.of("web", "environment=production",
                    "api", "ecs-exec-readiness:auto-fix=false").entrySet()) {
                String name = protectedService.getKey();
                String[] tag = protectedService.getValue().split("=");
                String arn = clients.ecs().describeServices(r -> r.cluster(MotoAccount.PROD).services(name))
                        .services().getFirst().serviceArn();
                clients.ecs().updateService(r -> r.cluster(MotoAccount.PROD).service(arn).enableExecuteCommand(false));
                clients.ecs().tagResource(r -> r.resourceArn(arn).tags(t -> t.key(tag[0]).value(tag[1])));
            }
        }
        CommandLine.Run first = seeded.cli("fix", "--apply", "--cluster", MotoAccount.PROD);
        CommandLine.Run second = seeded.cli("fix", "--apply", "--cluster", MotoAccount.PROD);
        CommandLine.Run scan = seeded.cli("scan", "--cluster", MotoAccount.PROD, "--output", "json");
        Map<String, JsonNode> services = byName(JSON.readTree(scan.out()).path("services"));

        assertAll(
                // The first run fixes and writes: one forced deployment, one policy created.
                () -> assertTrue(first.writes() > 0, first.out()),
                () -> assertEquals(1, first.apiCalls().get("ECS.UpdateService"), first.out()),
                () -> assertTrue(first.apiCalls().containsKey("IAM.CreatePolicy"), first.apiCalls().toString()),
                // drifted is ready: exec turned on and redeployed.
                ready(services, "drifted"),
                // exec-off is not redeployed while its rollout is in progress.
                check(services, "exec-off", "exec.service-flag", "FAIL"),
                () -> assertTrue(first.out().contains("wait for the rollout to complete"), first.out()),
                // no-permissions is ready: the ssmmessages policy attached.
                ready(services, "no-permissions"),
                // The protected and opted-out services are untouched.
                check(services, "web", "exec.service-flag", "FAIL"),
                check(services, "api", "exec.service-flag", "FAIL"),
                // Never-automatic defects are left to a person.
                check(services, "readonly", "container.readonly-root", "FAIL"),
                () -> assertTrue(first.out().contains("MANUAL"), first.out()),
                // A second run writes nothing.
                () -> assertEquals(0, second.writes(), second.apiCalls().toString()));
    }

    private static Telemetry quietTelemetry() {
        return new Telemetry("EcsExecReadiness", "test", Clock.fixed(NOW, ZoneOffset.UTC),
                new PrintStream(OutputStream.nullOutputStream()));
    }
}
