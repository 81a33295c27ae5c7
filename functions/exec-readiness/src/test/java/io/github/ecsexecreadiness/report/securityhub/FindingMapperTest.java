package io.github.ecsexecreadiness.report.securityhub;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.EcsServiceBuilder;
import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.container.ReadonlyRootCheck;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.report.securityhub.Finding.ComplianceStatus;
import io.github.ecsexecreadiness.report.securityhub.Finding.RecordState;
import io.github.ecsexecreadiness.report.securityhub.Finding.WorkflowStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FindingMapperTest {
    static final Instant NOW = Instant.parse("2026-11-29T09:00:00.123Z");
    static final FindingMapper MAPPER = new FindingMapper(Scenario.ACCOUNT, Scenario.REGION, "aws",
            Set.of("exec.service-flag")::contains);

    static Ecs.Service service() {
        return Scenario.ready().service();
    }

    static Finding map(Ecs.Service service, Check check, Status status, String reason, Instant now) {
        return MAPPER.findings(new ServiceReport(service, List.of(new CheckResult(check.metadata(), status, reason))),
                now).get(0);
    }

    static Stream<Arguments> everyCheckAndStatus() {
        return Checks.ALL.stream().flatMap(check -> Arrays.stream(Status.values()).map(s -> Arguments.of(check, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyCheckAndStatus")
    void everyCheckGivesACompleteFindingWithinLimits(Check check, Status status) {
        Finding f = map(service(), check, status, "task 0123 of web: the reason names values", NOW);
        boolean resolved = status == Status.PASS || status == Status.NOT_APPLICABLE;
        assertAll(
                () -> assertTrue(f.id().length() <= 512 && f.id().contains(check.metadata().id()), f.id()),
                () -> assertEquals("arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default",
                        f.productArn()),
                () -> assertEquals("ecs-exec-readiness/" + check.metadata().id(), f.generatorId()),
                () -> assertEquals(Scenario.ACCOUNT, f.awsAccountId()),
                () -> assertTrue(f.types().get(0).startsWith("Software and Configuration Checks")),
                () -> assertEquals(NOW, f.createdAt()),
                () -> assertEquals(NOW, f.updatedAt()),
                () -> assertTrue(!f.title().isEmpty() && f.title().length() <= 256),
                () -> assertTrue(f.title().contains(check.metadata().title()), f.title()),
                () -> assertTrue(!f.description().isEmpty() && f.description().length() <= 1024),
                () -> assertTrue(f.description().contains("the reason names values"), f.description()),
                () -> assertTrue(f.remediationText().length() <= 512),
                () -> assertEquals(check.metadata().documentation().toString(), f.remediationUrl()),
                () -> assertEquals("AwsEcsService", f.resource().type()),
                () -> assertEquals(Scenario.SERVICE_ARN, f.resource().id()),
                () -> assertEquals("aws", f.resource().partition()),
                () -> assertEquals(Scenario.REGION, f.resource().region()),
                () -> assertEquals("web", f.resource().details().name()),
                () -> assertEquals(Scenario.CLUSTER_ARN, f.resource().details().cluster()),
                () -> assertEquals(check.metadata().id(), f.productFields().get(FindingMapper.FIELD_CHECK_ID)),
                () -> assertEquals(Scenario.CLUSTER_ARN, f.productFields().get(FindingMapper.FIELD_CLUSTER)),
                () -> assertEquals(Scenario.TASK_DEFINITION_ARN,
                        f.productFields().get(FindingMapper.FIELD_TASK_DEFINITION)),
                () -> assertEquals(Boolean.toString(check.metadata().id().equals("exec.service-flag")),
                        f.productFields().get(FindingMapper.FIELD_AUTO_FIXABLE)),
                () -> assertTrue(f.productFields().size() <= 50),
                () -> f.productFields().forEach((k, v) -> assertTrue(k.length() <= 128 && v.length() <= 2048)),
                () -> assertEquals(RecordState.ACTIVE, f.recordState()),
                () -> assertEquals(resolved, f.resolved()),
                () -> assertEquals(resolved ? Severity.INFORMATIONAL : FindingMapper.severity(
                        check.metadata().severity(), check.metadata().stopsSession(), status), f.severity()),
                () -> assertEquals(resolved ? WorkflowStatus.RESOLVED : WorkflowStatus.NEW, f.workflowStatus()),
                () -> assertTrue(FindingMapper.bytes(f) <= SecurityHubApi.FINDING_BYTES_MAX));
    }

    @ParameterizedTest
    @CsvSource({"PASS, PASSED", "NOT_APPLICABLE, PASSED", "FAIL, FAILED", "WARN, WARNING", "UNKNOWN, NOT_AVAILABLE"})
    void complianceFollowsTheStatus(Status status, ComplianceStatus compliance) {
        assertEquals(compliance, map(service(), Checks.ALL.get(0), status, "r", NOW).complianceStatus());
    }

    @ParameterizedTest
    @CsvSource({
            "HIGH, true, FAIL, HIGH", "MEDIUM, true, FAIL, MEDIUM", "LOW, false, FAIL, LOW",
            "CRITICAL, true, WARN, HIGH", "HIGH, true, WARN, MEDIUM", "MEDIUM, false, WARN, LOW", "LOW, false, WARN, LOW",
            "INFORMATIONAL, false, WARN, INFORMATIONAL", "HIGH, false, UNKNOWN, LOW",
            "HIGH, true, UNKNOWN, MEDIUM", "MEDIUM, true, UNKNOWN, MEDIUM", "LOW, true, UNKNOWN, LOW",
            "HIGH, true, PASS, INFORMATIONAL", "HIGH, true, NOT_APPLICABLE, INFORMATIONAL"})
    void severityFollowsCheckAndStatus(Severity declared, boolean stopsSession, Status status, Severity expected) {
        assertEquals(expected, FindingMapper.severity(declared, stopsSession, status));
    }

    @Test
    void idsAreStableAcrossRunsAndDistinctAcrossServicesAndChecks() {
        Check flag = Checks.byId("exec.service-flag");
        Check agent = Checks.byId("exec.agent");
        Ecs.Service other = EcsServiceBuilder.builder(service()).arn(
                "arn:aws:ecs:eu-west-1:111122223333:service/shop/api").build();
        String id = map(service(), flag, Status.FAIL, "a", NOW).id();
        assertEquals(id, map(service(), flag, Status.PASS, "b", NOW.plusSeconds(3600)).id());
        assertEquals(id, new FindingMapper(Scenario.ACCOUNT, Scenario.REGION, "aws", c -> false)
                .findings(new ServiceReport(service(), List.of(new CheckResult(flag.metadata(), Status.WARN, "c"))),
                        NOW).get(0).id());
        assertNotEquals(id, map(other, flag, Status.FAIL, "a", NOW).id());
        assertNotEquals(id, map(service(), agent, Status.FAIL, "a", NOW).id());
    }

    @Test
    void oversizedNamesAndReasonsAreCutWithAMarker() {
        String longName = "s".repeat(255);
        Ecs.Service service = EcsServiceBuilder.builder(service()).name(longName).arn(
                "arn:aws:ecs:eu-west-1:111122223333:service/shop/" + longName).build();
        Finding f = map(service, Checks.byId("iam.ssmmessages"), Status.FAIL, "role ".repeat(2000), NOW);
        assertAll(
                () -> assertEquals(256, f.title().length()),
                () -> assertTrue(f.title().endsWith(io.github.ecsexecreadiness.report.Texts.CUT)),
                () -> assertTrue(f.description().length() <= 1024),
                () -> assertTrue(f.description().contains(io.github.ecsexecreadiness.report.Texts.CUT)),
                () -> assertEquals(2048, f.productFields().get(FindingMapper.FIELD_REASON).length()),
                () -> assertTrue(f.id().length() <= 512));
    }

    @Test
    void readonlyRootExplainsTheTradeOffWhateverTheReason() {
        Finding f = map(service(), new ReadonlyRootCheck(), Status.FAIL, "container web ".repeat(300), NOW);
        for (String expected : List.of("ECS.5", "/managed-agents", "/var/lib/amazon/ssm", "/var/log/amazon/ssm",
                "never flips")) {
            assertTrue(f.description().contains(expected), expected + " missing: " + f.description());
        }
        assertFalse(f.productFields().get(FindingMapper.FIELD_AUTO_FIXABLE).equals("true"));
    }

    @Test
    void aFindingOverTheSizeLimitLosesDetailsThenTheReason() {
        ServiceReport report = new ServiceReport(service(), List.of(
                new CheckResult(Checks.ALL.get(0).metadata(), Status.FAIL, "x".repeat(2000))));
        Finding full = MAPPER.findings(report, NOW).get(0);
        int size = FindingMapper.bytes(full);
        Finding withoutDetails = new FindingMapper(Scenario.ACCOUNT, Scenario.REGION, "aws", c -> false, size - 1)
                .findings(report, NOW).get(0);
        assertNull(withoutDetails.resource().details());
        assertNotNull(withoutDetails.productFields().get(FindingMapper.FIELD_REASON));
        Finding withoutReason = new FindingMapper(Scenario.ACCOUNT, Scenario.REGION, "aws", c -> false,
                FindingMapper.bytes(withoutDetails) - 1).findings(report, NOW).get(0);
        assertNull(withoutReason.productFields().get(FindingMapper.FIELD_REASON));
        assertEquals(full.id(), withoutReason.id());
    }

    @Test
    void theTypeIsTheChecksDeclaredFindingType() {
        assertEquals(List.of("Software and Configuration Checks/AWS Security Best Practices"),
                map(service(), Checks.byId("iam.exec-kms"), Status.FAIL, "r", NOW).types());
        assertEquals(List.of("Software and Configuration Checks"),
                map(service(), Checks.byId("exec.agent"), Status.FAIL, "r", NOW).types());
    }

    private static Finding withAdvice(List<String> advice) {
        CheckResult result = new CheckResult(Checks.byId("exec.service-flag").metadata(), Status.FAIL, "off", advice);
        return MAPPER.findings(new ServiceReport(service(), List.of(result)), NOW).get(0);
    }

    @Test
    void theRemediationTextIsTheAdviceWithTheRealNames() {
        String command = "aws ecs update-service --cluster shop --service web --enable-execute-command "
                + "--force-new-deployment --region eu-west-1";
        assertEquals("Run: " + command, withAdvice(List.of(command)).remediationText());
        assertEquals("Run: " + command + "; " + command, withAdvice(List.of(command, command)).remediationText());
    }

    @Test
    void adviceOverTheLimitKeepsWholeCommandsAndSaysHowManyAreLeft() {
        String command = "aws iam put-role-policy --role-name web-task --policy-document '" + "x".repeat(150) + "'";
        String text = withAdvice(List.of(command, command, command)).remediationText();
        assertTrue(text.length() <= 512, text);
        assertEquals("Run: " + command + "; " + command
                + " (and 1 more command: ecs-exec-readiness scan lists them)", text);

        // Not even one whole command fits: the check's general text, as without advice.
        String huge = "aws iam put-role-policy --policy-document '" + "x".repeat(600) + "'";
        assertEquals(io.github.ecsexecreadiness.report.Texts.fit(
                Checks.byId("exec.service-flag").metadata().remediation(), 512),
                withAdvice(List.of(huge)).remediationText());
    }

    @Test
    void archivedFormClosesAFindingOfAGoneService() {
        Instant created = NOW.minusSeconds(86_400);
        Finding f = MAPPER.archived(new StoredFinding("the-id", Scenario.SERVICE_ARN, "exec.agent", created,
                ComplianceStatus.FAILED, WorkflowStatus.NEW), NOW);
        assertAll(
                () -> assertEquals("the-id", f.id()),
                () -> assertEquals(RecordState.ARCHIVED, f.recordState()),
                () -> assertEquals(ComplianceStatus.NOT_AVAILABLE, f.complianceStatus()),
                () -> assertEquals(Severity.INFORMATIONAL, f.severity()),
                () -> assertEquals(created, f.createdAt()),
                () -> assertEquals(NOW, f.updatedAt()),
                () -> assertEquals("ecs-exec-readiness/exec.agent", f.generatorId()),
                () -> assertEquals(Scenario.SERVICE_ARN, f.resource().id()));
    }
}
