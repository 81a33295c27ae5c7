package io.github.ecsexecreadiness.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.collect.Scope;
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

    /** The service as it stands now, then its remediation. */
    private Remediation.Result remediate(Remediation remediation) {
        ReadinessScan.Evaluation evaluation = new ReadinessScan(account.readers())
                .evaluate(new Scope(List.of(Scenario.CLUSTER_ARN), Scenario.SERVICE_ARN));
        return remediation.remediate(evaluation, evaluation.service(Scenario.SERVICE_ARN).orElseThrow(), "test");
    }

    @Test
    void reportsWhatNowPassesAndWhatStillFails() {
        // Only the network and the redeploy are planned: the task role still lacks ssmmessages afterwards.
        List<PlannedFix> plan = List.of(Broken.plan().get(2), Broken.plan().get(3));

        Remediation.Result result = remediate(remediation(plan));

        assertEquals(Status.FAIL, planned.getFirst().result("network.ssmmessages").status(), "planned on fresh state");
        assertEquals(Set.of("network.ssmmessages", "exec.service-flag", "exec.task-flag", "exec.agent"),
                result.nowPassing().stream().map(Remediation.CheckChange::checkId)
                        .filter(id -> id.startsWith("network") || id.startsWith("exec")).collect(Collectors.toSet()));
        assertEquals(List.of("iam.ssmmessages"),
                result.stillFailing().stream().map(Remediation.CheckChange::checkId).toList());
        assertEquals(2, result.fixes().size());
    }

    /**
     * An endpoint with private DNS answers ssmmessages for the whole VPC: after it is created, every service of
     * the VPC is evaluated again and named with its verdict, not only the one fixed.
     */
    @Test
    void afterAnEndpointEveryServiceOfItsVpcIsEvaluatedAgain() {
        InMemoryAccount vpcAccount = new InMemoryAccount().put(Broken.scenario()
                .withOtherService("worker", b -> b)).putPolicy(Broken.SSM_POLICY_ARN, Broken.SSM_POLICY);
        Applier applier = new Applier(vpcAccount.writers(), new InMemoryRemediationLedger(), Broken.SETTINGS,
                new Telemetry("Test", "test", Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream())),
                Clock.systemUTC());
        ReadinessScan scan = new ReadinessScan(vpcAccount.readers());
        ReadinessScan.Evaluation evaluation = scan.evaluate(new Scope(List.of(Scenario.CLUSTER_ARN), Scenario.SERVICE_ARN));

        Remediation.Result result = new Remediation(scan, (report, facts) -> List.of(Broken.plan().get(2)), applier)
                .remediate(evaluation, evaluation.service(Scenario.SERVICE_ARN).orElseThrow(), "test");

        assertEquals(List.of("web " + Scenario.VPC + " PASS", "worker " + Scenario.VPC + " PASS"),
                result.vpcServices().stream().map(s -> s.serviceName() + " " + s.vpcId() + " " + s.ssmmessages())
                        .sorted().toList(), result.vpcServices().toString());
        assertEquals(List.of(), remediate(remediation(List.of(Broken.plan().get(0)))).vpcServices(),
                "no endpoint created: only the fixed service is evaluated again");
    }

    /** Each evaluation describes the cluster once. */
    @Test
    void onlyAnAppliedFixIsVerifiedByASecondEvaluation() {
        remediate(remediation(List.of(Broken.plan().get(5))));
        assertEquals(1L, account.apiCalls().snapshot().get("ECS.DescribeClusters"), "a manual fix changes nothing");

        Remediation.Result result = remediate(remediation(List.of(Broken.plan().get(0))));

        assertEquals(3L, account.apiCalls().snapshot().get("ECS.DescribeClusters"));
        assertEquals(List.of("iam.ssmmessages"), result.nowPassing().stream().map(Remediation.CheckChange::checkId)
                .toList());
    }

}
