package io.github.ecsexecreadiness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.flow.Outcome;
import io.github.ecsexecreadiness.flow.ReadinessFlow;
import io.github.ecsexecreadiness.flow.Remediator;
import io.github.ecsexecreadiness.flow.Request;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.Telemetry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which services should have ECS Exec: every one (the default), or only those tagged expected=true. */
class ExecScopeTest {
    /** The task role lacks ssmmessages: iam.ssmmessages FAILs wherever it is evaluated. */
    static final String LOGS_ONLY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}""";

    static Scenario execOff() {
        return Scenario.ready().withService(b -> b.enableExecuteCommand(false)).withTasks(b -> b.enableExecuteCommand(false))
                .withTaskRolePolicies(LOGS_ONLY);
    }

    static ServiceReport evaluate(Scenario scenario, ExecScope scope) {
        return new ReadinessEngine(scope).evaluate(scenario.facts());
    }

    @Test
    void everyServiceIsTheDefaultAndHoldsAnUntaggedServiceToExec() {
        ServiceReport report = new ReadinessEngine().evaluate(execOff().facts());
        assertEquals(Status.FAIL, report.result("exec.service-flag").status());
        assertEquals(report, evaluate(execOff(), ExecScope.EVERY_SERVICE));
    }

    @Test
    void taggedModeLeavesAnUntaggedServiceWithExecOffAlone() {
        ServiceReport report = evaluate(execOff(), ExecScope.TAGGED);
        assertTrue(report.results().stream().allMatch(r -> r.status() == Status.NOT_APPLICABLE), report.toString());
        assertTrue(report.result("exec.service-flag").reason().contains("ECS Exec is off and not expected for "
                + "service web: only services tagged ecs-exec-readiness:expected=true are (ExecExpected=tagged)"),
                report.result("exec.service-flag").reason());
    }

    @Test
    void taggedModeHoldsATaggedServiceToExec() {
        ServiceReport report = evaluate(execOff().withService(b -> b.tags(Map.of(ExecScope.EXPECTED_TAG, "TRUE"))),
                ExecScope.TAGGED);
        assertEquals(Status.FAIL, report.result("exec.service-flag").status());
        assertEquals(Status.FAIL, report.result("iam.ssmmessages").status());

        ServiceReport notTrue = evaluate(execOff().withService(b -> b.tags(Map.of(ExecScope.EXPECTED_TAG, "false"))),
                ExecScope.TAGGED);
        assertEquals(Status.NOT_APPLICABLE, notTrue.result("exec.service-flag").status());
    }

    /** A team that turned exec on for an untagged service still learns whether it works. */
    @Test
    void anUntaggedServiceWithExecOnIsCheckedButForItsFlag() {
        ServiceReport report = evaluate(Scenario.ready().withTaskRolePolicies(LOGS_ONLY), ExecScope.TAGGED);
        assertEquals(Status.NOT_APPLICABLE, report.result("exec.service-flag").status());
        assertEquals(Status.FAIL, report.result("iam.ssmmessages").status());
        assertEquals(Status.PASS, report.result("exec.task-flag").status());
    }

    /** The whole flow, with automatic fixes: nothing is written for the untagged service, the tagged one is fixed. */
    @Test
    void nothingTurnsExecOnForAServiceThatIsNotExpected() {
        InMemoryAccount account = new InMemoryAccount();
        Scenario execOff = Scenario.ready().withService(b -> b.enableExecuteCommand(false))
                .withTasks(b -> b.enableExecuteCommand(false));
        account.put(execOff);
        Telemetry telemetry = new Telemetry("Test", "test", Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
        var flow = new ReadinessFlow(account.readers(), Optional.of(new Remediator(account.writers(),
                new InMemoryRemediationLedger(), RemediationSettings.defaults("arn:aws:iam::111122223333:policy/p"),
                "/stack/", Clock.systemUTC())), ExecScope.TAGGED);
        var request = Request.wholeRegion(null, null, "test", Request.Fixes.AUTOMATIC);

        Outcome outcome = flow.run(request, telemetry, List.of());

        assertTrue(outcome.services().getFirst().before().ready());
        assertEquals(Optional.empty(), outcome.services().getFirst().remediation());
        assertFalse(account.apiCalls().snapshot().containsKey("ECS.UpdateService"));
        assertFalse(account.apiCalls().snapshot().containsKey("IAM.AttachRolePolicy"));

        account.put(execOff.withService(b -> b.tags(Map.of(ExecScope.EXPECTED_TAG, "true"))));
        Outcome expected = flow.run(request, telemetry, List.of());
        assertEquals(Status.PASS, expected.services().getFirst().latest().result("exec.service-flag").status(),
                expected.services().getFirst().remediation().toString());
    }

    @Test
    void namesAreTheTemplatesValues() {
        assertEquals(ExecScope.TAGGED, ExecScope.named("tagged"));
        assertEquals(ExecScope.EVERY_SERVICE, ExecScope.named("every-service"));
        assertThrows(IllegalArgumentException.class, () -> ExecScope.named("Tagged"));
    }
}
