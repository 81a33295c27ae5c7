package io.github.ecsexecreadiness.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.RemediationSettingsBuilder;
import io.github.ecsexecreadiness.plan.RemediationSettings.Mode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemediationSettingsTest {
    static final String ARN = "arn:aws:iam::111122223333:policy/s-ecs-exec-ssmmessages";

    @Test
    void readsWhatTheTemplateSets() {
        var settings = RemediationSettings.fromEnvironment(Map.of(
                "REMEDIATION_MODE", "auto", "DRY_RUN", "true", "FIX_TASK_ROLE_PERMISSIONS", "false",
                "FIX_EXEC_REDEPLOY", "false", "FIX_VPC_ENDPOINTS", "true", "PROTECTED_ENVIRONMENTS", " Prod, staging ,",
                "REDEPLOY_COOLDOWN_MINUTES", "15", "MAX_FORCED_DEPLOYMENTS_PER_HOUR", "3",
                "SSMMESSAGES_POLICY_ARN", ARN));
        assertEquals(new RemediationSettings(Mode.AUTO, false, false, true, true, Set.of("prod", "staging"),
                Duration.ofMinutes(15), 3, ARN), settings);
    }

    /** Without REMEDIATION_MODE a function only reports; every other unset variable takes its default. */
    @Test
    void unsetMeansReportOnlyWithDefaults() {
        var settings = RemediationSettings.fromEnvironment(Map.of("SSMMESSAGES_POLICY_ARN", ARN));
        assertEquals(RemediationSettingsBuilder.builder(RemediationSettings.defaults(ARN)).mode(Mode.REPORT_ONLY)
                .build(), settings);
    }

    @ParameterizedTest
    @CsvSource({"REMEDIATION_MODE, Auto", "DRY_RUN, yes", "FIX_VPC_ENDPOINTS, 1", "REDEPLOY_COOLDOWN_MINUTES, -1",
            "MAX_FORCED_DEPLOYMENTS_PER_HOUR, ten"})
    void invalidValueStopsInsteadOfGuessing(String name, String value) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> RemediationSettings.fromEnvironment(Map.of(name, value)));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }
}
