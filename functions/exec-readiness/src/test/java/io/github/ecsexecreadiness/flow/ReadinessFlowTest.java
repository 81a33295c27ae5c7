package io.github.ecsexecreadiness.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.Telemetry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The flow on the in-memory account: which services it repairs, what it tells its sinks, and in what order. */
class ReadinessFlowTest {
    private static final List<String> WRITES = List.of("IAM.CreatePolicy", "IAM.AttachRolePolicy",
            "EC2.CreateSecurityGroup", "EC2.AuthorizeSecurityGroupIngress", "EC2.CreateVpcEndpoint",
            "ECS.UpdateService");

    private final InMemoryAccount account = new InMemoryAccount();
    private final Telemetry telemetry = new Telemetry("Test", "test", Clock.systemUTC(),
            new PrintStream(OutputStream.nullOutputStream()));
    private final List<Outcome> reported = new ArrayList<>();
    private final Sink recorder = (outcome, telemetry) -> reported.add(outcome);

    private ReadinessFlow flow() {
        return new ReadinessFlow(account.readers(), Optional.of(new Remediator(account.writers(),
                new InMemoryRemediationLedger(), RemediationSettings.defaults("arn:aws:iam::111122223333:policy/p"),
                "/stack/", Clock.systemUTC())));
    }

    private static Request oneService(Request.Fixes fixes, String principalArn) {
        return Request.service(null, null, Scenario.CLUSTER_ARN, Scenario.SERVICE_ARN, "test", principalArn, fixes);
    }

    private long writes() {
        return WRITES.stream().mapToLong(op -> account.apiCalls().snapshot().getOrDefault(op, 0L)).sum();
    }

    @Test
    void aServiceThatIsGoneGetsNoPlanAndIsReportedGone() {
        account.put(Scenario.ready());
        account.deleteService(Scenario.SERVICE_ARN);

        Outcome outcome = flow().run(oneService(Request.Fixes.reviewed(fix -> true), null), telemetry,
                List.of(recorder));

        assertEquals(Optional.of(Scenario.SERVICE_ARN), outcome.gone());
        assertEquals(List.of(), outcome.services());
        assertEquals(List.of(outcome), reported);
        assertEquals(0, writes());
    }

    @Test
    void aServiceThatIsNotReadyIsRepairedAndReportedAsItIsAfterwards() {
        account.put(Scenario.ready().withService(b -> b.enableExecuteCommand(false)));

        Outcome outcome = flow().run(oneService(Request.Fixes.AUTOMATIC, null), telemetry, List.of(recorder));

        Outcome.Service service = outcome.service().orElseThrow();
        assertFalse(service.before().ready());
        assertTrue(service.latest().ready(), "the report after the fix");
        assertEquals(List.of(service.latest()), reported.get(0).latest());
    }

    @Test
    void reportOnlyRequestsAndTheRemediatorsOwnChangesAreNotRepaired() {
        account.put(Scenario.ready().withService(b -> b.enableExecuteCommand(false)));

        Outcome reportOnly = flow().run(oneService(Request.Fixes.NONE, null), telemetry, List.of());
        Outcome ownChange = flow().run(oneService(Request.Fixes.AUTOMATIC,
                "arn:aws:iam::111122223333:role/stack/DeploymentEventFunctionRole"), telemetry, List.of());

        assertEquals(Optional.empty(), reportOnly.service().orElseThrow().remediation());
        assertEquals(Optional.empty(), ownChange.service().orElseThrow().remediation());
        assertEquals(0, writes());
    }

    @Test
    void aReadyServiceIsPlannedOnlyWhenAPersonAsked() {
        account.put(Scenario.ready());

        Outcome automatic = flow().run(oneService(Request.Fixes.AUTOMATIC, null), telemetry, List.of());
        Outcome reviewed = flow().run(oneService(Request.Fixes.reviewed(fix -> true), null), telemetry, List.of());

        assertEquals(Optional.empty(), automatic.service().orElseThrow().remediation());
        assertEquals(List.of(), reviewed.service().orElseThrow().remediation().orElseThrow().fixes());
    }

    @Test
    void everySinkReportsThenTheFirstFailureIsThrown() {
        account.put(Scenario.ready());
        RuntimeException first = new IllegalStateException("first");
        RuntimeException second = new IllegalStateException("second");

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> flow().run(
                oneService(Request.Fixes.NONE, null), telemetry, List.<Sink>of((o, t) -> {
                    throw first;
                }, (o, t) -> {
                    throw second;
                }, (o, t) -> reported.add(o))));

        assertSame(first, thrown);
        assertEquals(List.of(second), List.of(thrown.getSuppressed()));
        assertEquals(1, reported.size(), "the last sink reported all the same");
    }

    @Test
    void aBatchWithoutClustersReadsNothingAndStillReports() {
        Request none = new Request(null, null, new Request.Services.Clusters(List.of()), Optional.empty(), "test",
                null, Request.Fixes.AUTOMATIC);

        Outcome outcome = flow().run(none, telemetry, List.of(recorder));

        assertEquals(0, account.apiCalls().total());
        assertTrue(outcome.scan().complete());
        assertEquals(List.of(outcome), reported);
    }
}
