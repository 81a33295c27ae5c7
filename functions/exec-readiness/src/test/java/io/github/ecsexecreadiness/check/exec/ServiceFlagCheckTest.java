package io.github.ecsexecreadiness.check.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceFlagCheckTest {

    @ParameterizedTest(name = "enableExecuteCommand={0} -> {1}")
    @CsvSource({
        "true,  PASS",
        "false, FAIL",
    })
    void decidesFromTheServiceFlag(boolean enabled, Status expected) {
        Scenario scenario = Scenario.ready().withService(b -> b.enableExecuteCommand(enabled));

        CheckResult result = new ServiceFlagCheck().evaluate(scenario.facts());

        assertEquals(expected, result.status());
        assertTrue(result.reason().contains("web"), result.reason());
    }
}
