package io.github.ecsexecreadiness.report.securityhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.EcsServiceBuilder;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.memory.InMemorySecurityHub;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.Finding.ComplianceStatus;
import io.github.ecsexecreadiness.report.securityhub.Finding.RecordState;
import io.github.ecsexecreadiness.report.securityhub.Finding.WorkflowStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Fail, fix, fail again, delete: what Security Hub holds after each evaluation. */
class FindingsReportTest {
    static final String CHECK = "exec.service-flag";
    final FindingMapper mapper = FindingMapperTest.MAPPER;
    final InMemorySecurityHub hub = new InMemorySecurityHub(mapper.productArn());
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
    final FindingsReport report = new FindingsReport(hub, mapper, clock, duration -> {});
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final Telemetry telemetry = new Telemetry("ns", "test", clock, new PrintStream(log, true, StandardCharsets.UTF_8));
    final String id = mapper.findingId(Scenario.SERVICE_ARN, CHECK);

    static ServiceReport web(Status status) {
        return new ServiceReport(Scenario.ready().service(),
                List.of(new CheckResult(Checks.byId(CHECK).metadata(), status, "enableExecuteCommand is false")));
    }

    InMemorySecurityHub.Stored evaluate(ServiceReport service, boolean sweepComplete) {
        clock.advance();
        report.publish(List.of(service), sweepComplete, telemetry);
        return hub.get(id).orElseThrow();
    }

    @Test
    void failFixFailAgainDelete() {
        var failed = evaluate(web(Status.FAIL), true);
        assertEquals(ComplianceStatus.FAILED, failed.finding().complianceStatus());
        assertEquals(Severity.HIGH, failed.finding().severity());
        assertEquals(WorkflowStatus.NEW, failed.workflow());
        Instant created = failed.finding().createdAt();

        var fixed = evaluate(web(Status.NOT_APPLICABLE), true);
        assertEquals(ComplianceStatus.PASSED, fixed.finding().complianceStatus());
        assertEquals(Severity.INFORMATIONAL, fixed.finding().severity());
        assertEquals(WorkflowStatus.RESOLVED, fixed.workflow(), "set by BatchUpdateFindings");
        assertTrue(fixed.finding().updatedAt().isAfter(failed.finding().updatedAt()));
        assertEquals(created, fixed.finding().createdAt());

        var reopened = evaluate(web(Status.FAIL), true);
        assertEquals(ComplianceStatus.FAILED, reopened.finding().complianceStatus());
        assertEquals(WorkflowStatus.NEW, reopened.workflow(), "Security Hub resets RESOLVED when PASSED is left");
        assertEquals(RecordState.ACTIVE, reopened.finding().recordState());

        clock.advance();
        report.publish(List.of(), true, telemetry);
        var archived = hub.get(id).orElseThrow();
        assertEquals(RecordState.ARCHIVED, archived.finding().recordState());
        assertEquals(ComplianceStatus.NOT_AVAILABLE, archived.finding().complianceStatus());
        assertEquals(created, archived.finding().createdAt());
    }

    @Test
    void aCheckThatNeverFailedWritesNothingAndAClosedOneIsNotRewritten() {
        clock.advance();
        report.publish(List.of(web(Status.PASS), web(Status.NOT_APPLICABLE)), true, telemetry);
        assertTrue(hub.all().isEmpty());

        evaluate(web(Status.FAIL), true);
        Instant closedAt = evaluate(web(Status.PASS), true).finding().updatedAt();
        assertEquals(closedAt, evaluate(web(Status.PASS), true).finding().updatedAt());
        assertEquals(RecordState.ACTIVE, hub.get(id).orElseThrow().finding().recordState(),
                "a passing service's finding is current: never archived");
    }

    @Test
    void aSuppressedExceptionStaysSuppressed() {
        evaluate(web(Status.FAIL), false);
        hub.setWorkflow(id, WorkflowStatus.SUPPRESSED);
        assertEquals(WorkflowStatus.SUPPRESSED, evaluate(web(Status.PASS), false).workflow());
        assertEquals(WorkflowStatus.SUPPRESSED, evaluate(web(Status.FAIL), false).workflow());
    }

    @Test
    void aPartialSweepArchivesNothing() {
        evaluate(web(Status.FAIL), true);
        clock.advance();
        report.publish(List.of(), false, telemetry);
        assertEquals(RecordState.ACTIVE, hub.get(id).orElseThrow().finding().recordState());
    }

    @Test
    void aSingleServiceEvaluationLeavesOtherServicesAlone() {
        Ecs.Service api = EcsServiceBuilder.builder(Scenario.ready().service()).arn(
                "arn:aws:ecs:eu-west-1:111122223333:service/shop/api").build();
        clock.advance();
        report.publish(List.of(new ServiceReport(api, web(Status.FAIL).results())), false, telemetry);
        evaluate(web(Status.FAIL), false);
        assertEquals(RecordState.ACTIVE, hub.get(mapper.findingId(api.arn(), CHECK)).orElseThrow().finding()
                .recordState());
    }

    @Test
    void aGoneServiceIsArchived() {
        evaluate(web(Status.FAIL), false);
        clock.advance();
        report.serviceGone(Scenario.SERVICE_ARN, telemetry);
        assertEquals(RecordState.ARCHIVED, hub.get(id).orElseThrow().finding().recordState());
    }

    @Test
    void manyServicesGoInCallsOfAtMost100() {
        List<ServiceReport> services = IntStream.range(0, 7).mapToObj(i -> new ServiceReport(
                EcsServiceBuilder.builder(Scenario.ready().service()).arn(Scenario.SERVICE_ARN + i).build(),
                Checks.ALL.stream().map(c -> new CheckResult(c.metadata(), Status.FAIL, "r")).toList())).toList();
        report.publish(services, true, telemetry);
        // One finding per service and check: 7 services of the whole catalogue, over 100 and under 200.
        assertEquals(List.of(100, 7 * Checks.ALL.size() - 100), hub.importSizes());
        assertEquals(1, hub.getFindingsCalls(), "one paginated read for a sweep");
    }

    @Test
    void aSecurityHubErrorIsLoggedAndCountedButNotThrown() {
        hub.failNextCall("InvalidAccessException");
        report.publish(List.of(web(Status.FAIL)), true, telemetry);
        telemetry.flush();
        String out = log.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\"level\":\"ERROR\"") && out.contains("InvalidAccessException"), out);
        assertTrue(out.contains("\"FindingsFailed\":1"), out);
        assertTrue(hub.all().isEmpty());
    }

    @Test
    void disabledPublishesNothing() {
        FindingsReport.disabled().publish(List.of(web(Status.FAIL)), true, telemetry);
        FindingsReport.disabled().serviceGone(Scenario.SERVICE_ARN, telemetry);
        assertTrue(log.toString(StandardCharsets.UTF_8).isEmpty());
    }

    /** Each evaluation happens a second after the last: UpdatedAt must grow. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance() {
            now = now.plusSeconds(1);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
