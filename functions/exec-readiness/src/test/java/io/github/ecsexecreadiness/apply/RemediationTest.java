package io.github.ecsexecreadiness.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.plan.PlannedFix;
import io.github.ecsexecreadiness.report.Telemetry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RemediationTest {
    private final InMemoryAccount account = Broken.account();
    private final List<ServiceReport> planned = new ArrayList<>();

    private Remediation remediation(List<PlannedFix> plan) {
        Applier applier = new Applier(account.writers(), new InMemoryRemediationLedger(),
                Broken.SETTINGS,
                new Telemetry("Test", "test", Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream())),
                Clock.systemUTC());
        return new Remediation(new ReadinessScan(account.readers()), (report, facts) -> {
            planned.add(report);
            assertEquals(report.service(), facts.service());
            return plan;
        }, applier);
    }

    @Test
    void reportsWhatNowPassesAndWhatStillFails() {
        // Only the network and the redeploy are planned: the task role still lacks ssmmessages afterwards.
        List<PlannedFix> plan = List.of(Broken.plan().get(2), Broken.plan().get(3));

        Remediation.Result result = remediation(plan).remediate(Scenario.CLUSTER_ARN, Scenario.SERVICE_ARN, "test");

        assertEquals(Status.FAIL, planned.getFirst().result("network.ssmmessages").status(), "planned on fresh state");
        assertEquals(Set.of("network.ssmmessages", "exec.service-flag", "exec.task-flag", "exec.agent"),
                result.nowPassing().stream().map(Remediation.CheckChange::checkId)
                        .filter(id -> id.startsWith("network") || id.startsWith("exec")).collect(Collectors.toSet()));
        assertEquals(List.of("iam.ssmmessages"),
                result.stillFailing().stream().map(Remediation.CheckChange::checkId).toList());
        assertEquals(2, result.fixes().size());
    }

    /** Each evaluation describes the cluster once. */
    @Test
    void onlyAnAppliedFixIsVerifiedByASecondEvaluation() {
        remediation(List.of(Broken.plan().get(5))).remediate(Scenario.CLUSTER_ARN, Scenario.SERVICE_ARN, "test");
        assertEquals(1L, account.apiCalls().snapshot().get("ECS.DescribeClusters"), "a manual fix changes nothing");

        Remediation.Result result = remediation(List.of(Broken.plan().get(0)))
                .remediate(Scenario.CLUSTER_ARN, Scenario.SERVICE_ARN, "test");

        assertEquals(3L, account.apiCalls().snapshot().get("ECS.DescribeClusters"));
        assertEquals(List.of("iam.ssmmessages"), result.nowPassing().stream().map(Remediation.CheckChange::checkId)
                .toList());
    }

    @Test
    void aServiceThatIsGoneGetsNoPlan() {
        account.deleteService(Scenario.SERVICE_ARN);

        Remediation.Result result = remediation(List.of()).remediate(Scenario.CLUSTER_ARN, Scenario.SERVICE_ARN, "t");

        assertEquals(List.of(), planned);
        assertEquals(List.of(), result.fixes());
        assertTrue(result.notes().contains("service not found, nothing planned"), result.notes().toString());
    }
}
