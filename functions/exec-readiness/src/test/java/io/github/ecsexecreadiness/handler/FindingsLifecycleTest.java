package io.github.ecsexecreadiness.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.EcsServiceBuilder;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.memory.InMemorySecurityHub;
import io.github.ecsexecreadiness.memory.InMemorySweepQueue;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.Finding.ComplianceStatus;
import io.github.ecsexecreadiness.report.securityhub.Finding.RecordState;
import io.github.ecsexecreadiness.report.securityhub.Finding.WorkflowStatus;
import io.github.ecsexecreadiness.report.securityhub.FindingMapper;
import io.github.ecsexecreadiness.report.securityhub.FindingsReport;
import io.github.ecsexecreadiness.sweep.RegionSweep;
import io.github.ecsexecreadiness.sweep.SweepItem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sweep of the in-memory account, with findings on: a service fails, is fixed, fails again,
 * is deleted; and a sweep that could not list a cluster's services archives nothing.
 */
class FindingsLifecycleTest {
    private final InMemoryAccount account = new InMemoryAccount();
    private final FindingMapper mapper = new FindingMapper(Scenario.ACCOUNT, Scenario.REGION, "aws", id -> false);
    private final InMemorySecurityHub hub = new InMemorySecurityHub(mapper.productArn());
    private Instant now = Instant.parse("2026-11-29T09:00:00Z");
    private String serviceArn;
    private String flagFinding;

    @BeforeEach
    void oneReadyService() {
        serviceArn = account.putReadyFargateService("shop", "web", account.taskDefinitionArn("web:1"), 1).arn();
        flagFinding = mapper.findingId(serviceArn, "exec.service-flag");
    }

    private void sweep() throws IOException {
        now = now.plus(Duration.ofHours(1));
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        var out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        var readers = account.readers();
        var wiring = new Wiring(Scenario.ACCOUNT, Scenario.REGION, new Wiring.Target(readers,
                new FindingsReport(hub, mapper, clock, duration -> {}), Optional.empty(), () -> null), Optional.empty(),
                new Wiring.Logs("test", Telemetry.Level.INFO, clock, out), Optional.of(new Wiring.Sweeping(
                        new InMemorySweepQueue(), List.of(), null, List.of(), RegionSweep.CLUSTERS_PER_BATCH)));
        String item = HandlerFixture.sqsEvent(SweepItem.first(Scenario.ACCOUNT, Scenario.REGION, now.toString()));
        new SweepItemHandler(wiring).handleRequest(
                new ByteArrayInputStream(item.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }

    private InMemorySecurityHub.Stored flag() {
        return hub.get(flagFinding).orElseThrow();
    }

    @Test
    void failFixFailAgainDelete() throws IOException {
        sweep();
        assertTrue(hub.get(flagFinding).isEmpty(), "a check that never failed writes nothing");

        account.updateService(serviceArn, s -> EcsServiceBuilder.builder(s).enableExecuteCommand(false).build());
        sweep();
        assertEquals(ComplianceStatus.FAILED, flag().finding().complianceStatus());
        assertEquals(WorkflowStatus.NEW, flag().workflow());

        account.updateService(serviceArn, s -> EcsServiceBuilder.builder(s).enableExecuteCommand(true).build());
        sweep();
        assertEquals(ComplianceStatus.PASSED, flag().finding().complianceStatus());
        assertEquals(WorkflowStatus.RESOLVED, flag().workflow());
        assertEquals(now, flag().finding().updatedAt());

        account.deleteService(serviceArn);
        sweep();
        hub.all().values().forEach(stored -> assertEquals(RecordState.ARCHIVED, stored.finding().recordState(),
                stored.finding().id()));
    }

    @Test
    void aSweepThatCouldNotListAClusterArchivesNothing() throws IOException {
        account.updateService(serviceArn, s -> EcsServiceBuilder.builder(s).enableExecuteCommand(false).build());
        sweep();
        assertFalse(hub.all().isEmpty());
        account.deleteService(serviceArn);
        account.fail("ECS.ListServices", account.clusterArn("shop"), "AccessDeniedException");
        sweep();
        hub.all().values().forEach(stored -> assertEquals(RecordState.ACTIVE, stored.finding().recordState()));
    }
}
