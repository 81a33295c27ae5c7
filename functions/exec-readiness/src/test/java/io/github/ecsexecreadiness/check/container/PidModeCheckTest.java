package io.github.ecsexecreadiness.check.container;

import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.Verdicts;
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
}
