package io.github.ecsexecreadiness.check.container;

import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.Verdicts;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PidModeCheckTest {

    @ParameterizedTest(name = "pidMode={0} -> {1}")
    @CsvSource(nullValues = "null", delimiter = '|', value = {
        "null | PASS | web:3 set no pidMode",
        "task | WARN | web:3 (pidMode task) share a PID namespace: one ECS Exec session at a time",
        "host | WARN | web:3 (pidMode host) share a PID namespace",
    })
    void decidesFromThePidMode(String pidMode, Status expected, String inReason) {
        Verdicts.assertVerdict(new PidModeCheck(), s -> s.withTaskDefinition(b -> b.pidMode(pidMode)), expected,
                inReason);
    }

    /** Only the first container of a shared namespace takes sessions: the others are named, and it stays a WARN. */
    @ParameterizedTest(name = "pidMode={0} with a sidecar -> {1}")
    @CsvSource(nullValues = "null", delimiter = '|', value = {
        "null | PASS | web:3 set no pidMode",
        "task | WARN | web:3 (pidMode task; containers otel cannot take a session) share a PID namespace",
    })
    void namesTheContainersASharedNamespaceLeavesOut(String pidMode, Status expected, String inReason) {
        Verdicts.assertVerdict(new PidModeCheck(), s -> s.withTaskDefinition(b -> b.pidMode(pidMode)
                .containerDefinitions(List.of(Scenario.container("web"), Scenario.container("otel")))), expected, inReason);
    }
}
