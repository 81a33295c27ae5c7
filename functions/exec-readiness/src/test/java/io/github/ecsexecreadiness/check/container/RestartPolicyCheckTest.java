package io.github.ecsexecreadiness.check.container;

import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.Verdicts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestartPolicyCheckTest {

    @ParameterizedTest(name = "restartPolicyEnabled={0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "false | PASS | no container of web:3",
        "true  | WARN | restart policy enabled for web in web:3",
    })
    void decidesFromTheRestartPolicy(boolean enabled, Status expected, String inReason) {
        Verdicts.assertVerdict(new RestartPolicyCheck(), s -> s.withContainers(b -> b.restartPolicyEnabled(enabled)),
                expected, inReason);
    }
}
