package io.github.ecsexecreadiness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ecsexecreadiness.check.cluster.ExecAuditCheck;
import io.github.ecsexecreadiness.check.iam.SsmmessagesCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceReportTest {

    /** {@code stopping} is the status of iam.ssmmessages (can stop a session), {@code other} of cluster.exec-audit. */
    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
        "PASS,           PASS,    READY",
        "PASS,           UNKNOWN, READY",
        "PASS,           WARN,    READY",
        "NOT_APPLICABLE, UNKNOWN, READY",
        "WARN,           PASS,    READY",
        "UNKNOWN,        PASS,    UNDETERMINED",
        "UNKNOWN,        WARN,    UNDETERMINED",
        "FAIL,           PASS,    NOT_READY",
        "UNKNOWN,        FAIL,    NOT_READY",
        "PASS,           FAIL,    NOT_READY",
    })
    void readinessIsDecidedByFailuresThenByUnknownsThatCanStopASession(Status stopping, Status other,
                                                                       Readiness expected) {
        ServiceReport report = new ServiceReport(Scenario.ready().service(), List.of(
                new CheckResult(SsmmessagesCheck.METADATA, stopping, "r"),
                new CheckResult(ExecAuditCheck.METADATA, other, "r")));

        assertEquals(expected, report.readiness());
        assertEquals(expected == Readiness.READY, report.ready(), "ready is READY only, never UNDETERMINED");
    }

    @ParameterizedTest(name = "{0} and {1} -> {2}")
    @CsvSource({
        "READY,        READY,        READY",
        "READY,        UNDETERMINED, UNDETERMINED",
        "UNDETERMINED, NOT_READY,    NOT_READY",
        "NOT_READY,    READY,        NOT_READY",
    })
    void theWorseOfTwoDecidesForSeveralServices(Readiness a, Readiness b, Readiness expected) {
        assertEquals(expected, a.worse(b));
        assertEquals(expected, b.worse(a));
    }

    /**
     * Which checks can stop a session is a decision per check (exec-agent-behaviour.md): pinned here, so that
     * changing one is deliberate.
     */
    @Test
    void theChecksThatCanStopASession() {
        Set<String> stopping = Checks.ALL.stream().filter(check -> check.metadata().stopsSession())
                .map(check -> check.metadata().id()).collect(Collectors.toCollection(java.util.TreeSet::new));
        List<String> expected = new ArrayList<>(List.of("cluster.exec-log-destination", "container.readonly-root",
                "exec.agent",
                "exec.service-flag", "exec.task-flag", "iam.exec-kms", "iam.exec-logging", "iam.ssmmessages",
                "iam.task-role", "iam.trust-policy", "network.acls", "network.proxy", "network.ssmmessages", "platform.version"));
        assertEquals(expected, List.copyOf(stopping));
    }
}
