package io.github.ecsexecreadiness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.cluster.ExecAuditCheck;
import io.github.ecsexecreadiness.check.container.InitProcessCheck;
import io.github.ecsexecreadiness.check.container.PidModeCheck;
import io.github.ecsexecreadiness.check.container.ReadonlyRootCheck;
import io.github.ecsexecreadiness.check.container.RestartPolicyCheck;
import io.github.ecsexecreadiness.check.exec.AgentCheck;
import io.github.ecsexecreadiness.check.exec.TaskFlagCheck;
import io.github.ecsexecreadiness.check.platform.PlatformVersionCheck;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ids and severities are public contracts (finding ids, suppressions): pinned here, and each check reports its own. */
class CheckContractTest {

    static Stream<Arguments> checks() {
        return Stream.of(
                Arguments.of(new TaskFlagCheck(), "exec.task-flag", Severity.HIGH),
                Arguments.of(new AgentCheck(), "exec.agent", Severity.HIGH),
                Arguments.of(new PlatformVersionCheck(), "platform.version", Severity.HIGH),
                Arguments.of(new ReadonlyRootCheck(), "container.readonly-root", Severity.HIGH),
                Arguments.of(new InitProcessCheck(), "container.init-process", Severity.LOW),
                Arguments.of(new PidModeCheck(), "container.pid-mode", Severity.LOW),
                Arguments.of(new RestartPolicyCheck(), "container.restart-policy", Severity.LOW),
                Arguments.of(new ExecAuditCheck(), "cluster.exec-audit", Severity.MEDIUM));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("checks")
    void declaresItsContract(Check check, String id, Severity severity) {
        assertEquals(id, check.metadata().id());
        assertEquals(severity, check.metadata().severity());
        assertTrue(check.metadata().documentation().toString().startsWith("https://docs.aws.amazon.com/AmazonECS/latest/"));
        assertEquals(id, check.evaluate(Scenario.ready().facts()).id());
    }
}
