package io.github.ecsexecreadiness.report.securityhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.memory.InMemorySecurityHub;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.SecurityHubApi.Failure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FindingsPublisherTest {
    final InMemorySecurityHub hub = new InMemorySecurityHub(FindingMapperTest.MAPPER.productArn());
    final List<Duration> sleeps = new ArrayList<>();
    final FindingsPublisher publisher = new FindingsPublisher(hub, sleeps::add);
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final Telemetry telemetry = new Telemetry("ns", "test", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            new PrintStream(log, true, StandardCharsets.UTF_8));
    final Finding finding = FindingMapperTest.MAPPER.findings(new ServiceReport(Scenario.ready().service(),
            List.of(new CheckResult(Checks.ALL.get(0).metadata(), Status.FAIL, "r"))), FindingMapperTest.NOW).get(0);

    @ParameterizedTest
    @ValueSource(strings = {"LimitExceededException", "TooManyRequestsException", "ThrottlingException"})
    void aThrottledFindingIsRetriedWithBackoff(String code) {
        hub.failNextFinding(code);
        assertEquals(List.of(), publisher.publish(List.of(finding), telemetry));
        assertEquals(List.of(Duration.ofMillis(500)), sleeps);
        assertTrue(hub.get(finding.id()).isPresent());
    }

    @Test
    void aThrottledCallIsRetried() {
        hub.failNextCall("LimitExceededException").failNextCall("LimitExceededException");
        assertEquals(List.of(), publisher.publish(List.of(finding), telemetry));
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), sleeps);
        assertTrue(hub.get(finding.id()).isPresent());
    }

    @Test
    void throttlingGivesUpAfterThreeAttempts() {
        hub.failNextCall("LimitExceededException").failNextCall("LimitExceededException")
                .failNextCall("LimitExceededException");
        List<Failure> failed = publisher.publish(List.of(finding), telemetry);
        assertEquals(1, failed.size());
        assertEquals(FindingsPublisher.ATTEMPTS - 1, sleeps.size());
    }

    @Test
    void invalidInputIsNotRetriedButLoggedWithTheIdAndCounted() {
        hub.failNextFinding("InvalidInput");
        List<Failure> failed = publisher.publish(List.of(finding), telemetry);
        telemetry.flush();
        assertEquals(List.of(finding.id()), failed.stream().map(Failure::id).toList());
        assertEquals(List.of(), sleeps);
        String out = log.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\"level\":\"ERROR\"") && out.contains(finding.id()) && out.contains("InvalidInput"),
                out);
        assertTrue(out.contains("\"FindingsFailed\":1"), out);
    }

    @Test
    void chunksHoldAtMost100FindingsAnd6Megabytes() {
        assertEquals(List.of(100, 100, 50), FindingsPublisher.chunks(Collections.nCopies(250, finding)).stream()
                .map(List::size).toList());
        String big = "d".repeat(230 * 1024);
        Finding large = new Finding(finding.id(), finding.productArn(), finding.generatorId(), finding.awsAccountId(),
                finding.types(), finding.createdAt(), finding.updatedAt(), finding.severity(), finding.title(), big,
                finding.remediationText(), finding.remediationUrl(), finding.resource(), finding.productFields(),
                finding.complianceStatus(), finding.recordState(), finding.workflowStatus());
        List<List<Finding>> chunks = FindingsPublisher.chunks(Collections.nCopies(30, large));
        assertEquals(2, chunks.size());
        for (List<Finding> chunk : chunks) {
            assertTrue(chunk.stream().mapToLong(FindingMapper::bytes).sum() <= SecurityHubApi.IMPORT_BYTES_MAX);
        }
    }
}
