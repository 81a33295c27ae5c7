package io.github.ecsexecreadiness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Check ids, severities and finding types are public contracts (Security Hub finding ids and types,
 * suppressions, docs): pinned here, in catalogue order, so renaming or reordering one is a deliberate change.
 */
class CheckContractTest {

    static Stream<Arguments> contract() {
        return Stream.of(
                Arguments.of("exec.service-flag", Severity.HIGH, FindingType.CONFIGURATION),
                Arguments.of("exec.task-flag", Severity.HIGH, FindingType.CONFIGURATION),
                Arguments.of("exec.agent", Severity.HIGH, FindingType.CONFIGURATION),
                Arguments.of("platform.version", Severity.HIGH, FindingType.CONFIGURATION),
                Arguments.of("iam.task-role", Severity.HIGH, FindingType.CONFIGURATION),
                Arguments.of("iam.trust-policy", Severity.HIGH, FindingType.CONFIGURATION),
                Arguments.of("iam.ssmmessages", Severity.HIGH, FindingType.CONFIGURATION),
                Arguments.of("iam.exec-logging", Severity.MEDIUM, FindingType.SECURITY_BEST_PRACTICE),
                Arguments.of("iam.exec-kms", Severity.HIGH, FindingType.SECURITY_BEST_PRACTICE),
                Arguments.of("cluster.exec-log-destination", Severity.HIGH, FindingType.CONFIGURATION),
                Arguments.of("iam.static-credentials", Severity.INFORMATIONAL, FindingType.SECURITY_BEST_PRACTICE),
                Arguments.of("iam.tag-propagation", Severity.MEDIUM, FindingType.CONFIGURATION),
                Arguments.of("network.ssmmessages", Severity.HIGH, FindingType.CONFIGURATION),
                Arguments.of("network.acls", Severity.HIGH, FindingType.CONFIGURATION),
                Arguments.of("network.proxy", Severity.MEDIUM, FindingType.CONFIGURATION),
                Arguments.of("container.readonly-root", Severity.HIGH, FindingType.CONFIGURATION),
                Arguments.of("container.init-process", Severity.LOW, FindingType.CONFIGURATION),
                Arguments.of("container.pid-mode", Severity.LOW, FindingType.CONFIGURATION),
                Arguments.of("container.restart-policy", Severity.LOW, FindingType.CONFIGURATION),
                Arguments.of("cluster.exec-audit", Severity.MEDIUM, FindingType.SECURITY_BEST_PRACTICE));
    }

    @Test
    void theCatalogueHoldsExactlyThePublicIdsInOrder() {
        List<String> pinned = contract().map(a -> (String) a.get()[0]).toList();
        assertEquals(pinned, Checks.ALL.stream().map(c -> c.metadata().id()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contract")
    void declaresItsContract(String id, Severity severity, FindingType findingType) {
        Check check = Checks.byId(id);
        assertEquals(severity, check.metadata().severity());
        assertEquals(findingType, check.metadata().findingType());
        assertTrue(check.metadata().documentation().toString().startsWith("https://docs.aws.amazon.com/"));
        assertEquals(id, check.evaluate(Scenario.ready().facts()).id(), "a check reports under its own id");
    }

    @Test
    void theReadyScenarioPassesEveryCheck() {
        ServiceReport report = new ReadinessEngine().evaluate(Scenario.ready().facts());

        // KMS, proxy and encrypted log destinations do not apply without a key, a proxy or encrypted logging.
        Set<String> notApplicable = Set.of("iam.exec-kms", "cluster.exec-log-destination", "network.proxy");
        for (CheckResult result : report.results()) {
            Status expected = notApplicable.contains(result.id()) ? Status.NOT_APPLICABLE : Status.PASS;
            assertEquals(expected, result.status(), result.id() + ": " + result.reason());
        }
        assertTrue(report.ready());
    }
}
