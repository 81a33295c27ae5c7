package io.github.ecsexecreadiness.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.handler.Settings.Role;
import io.github.ecsexecreadiness.check.ExecScope;
import io.github.ecsexecreadiness.RemediationSettingsBuilder;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.plan.RemediationSettings.Mode;
import io.github.ecsexecreadiness.report.Telemetry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SettingsTest {
    private static final String POLICY = "arn:aws:iam::111122223333:policy/s-ecs-exec-ssmmessages";

    /** What template.yaml gives every function, with the values of its parameters' defaults. */
    private static Map<String, String> template(Role role) {
        Map<String, String> all = new HashMap<>(Map.ofEntries(Map.entry("AWS_REGION", "eu-west-1"),
                Map.entry("ACCOUNT_ID", "111122223333"), Map.entry("METRICS_NAMESPACE", "EcsExecReadiness"),
                Map.entry("LOG_LEVEL", "INFO"), Map.entry("MEMBER_ROLE_NAME", ""),
                Map.entry("FINDINGS_ENABLED", "true"), Map.entry("EXEC_EXPECTED", "every-service"),
                Map.entry("REMEDIATION_MODE", "auto"), Map.entry("DRY_RUN", "false"),
                Map.entry("FIX_TASK_ROLE_PERMISSIONS", "true"), Map.entry("FIX_EXEC_REDEPLOY", "true"),
                Map.entry("FIX_VPC_ENDPOINTS", "false"), Map.entry("FIX_SESSION_GRANTS", "false"),
                Map.entry("PROTECTED_ENVIRONMENTS", "production,prod"),
                Map.entry("REDEPLOY_COOLDOWN_MINUTES", "60"), Map.entry("MAX_FORCED_DEPLOYMENTS_PER_HOUR", "10"),
                Map.entry("SSMMESSAGES_POLICY_ARN", POLICY), Map.entry("LEDGER_TABLE", "ledger"),
                Map.entry("REMEDIATOR_ROLE_PATH", "/stack/"), Map.entry("SWEEP_QUEUE_URL", "https://sqs/q"),
                Map.entry("SWEEP_ACCOUNTS", " 444455556666, ,777788889999"),
                Map.entry("SWEEP_ORGANIZATIONAL_UNITS", "ou-abcd-11111111"), Map.entry("SWEEP_REGIONS", "")));
        all.keySet().retainAll(role.variables());
        return all;
    }

    @Test
    void theDeploymentEventFunctionReadsTheGuardrailsAndItsRolePath() {
        Settings settings = Settings.parse(Role.DEPLOYMENT_EVENT, template(Role.DEPLOYMENT_EVENT));

        assertEquals("eu-west-1", settings.region());
        assertEquals("111122223333", settings.accountId());
        assertEquals(Telemetry.Level.INFO, settings.logLevel());
        assertTrue(settings.findingsEnabled());
        assertEquals(Optional.empty(), settings.memberRoleName(), "empty: no member role");
        Settings.Remediation remediation = settings.remediation().orElseThrow();
        assertEquals(RemediationSettings.defaults(POLICY), remediation.guardrails());
        assertEquals(Duration.ofHours(1), remediation.guardrails().cooldown());
        assertEquals("ledger", remediation.ledgerTable());
        assertEquals("/stack/", remediation.remediatorRolePath());
        assertEquals(Optional.empty(), settings.sweep());
    }

    /** Every guardrail parameter reaches the typed settings (moved here from RemediationSettingsTest). */
    @Test
    void readsWhatTheTemplateSets() {
        Map<String, String> env = template(Role.SWEEP_ITEM);
        env.putAll(Map.of("REMEDIATION_MODE", "auto", "DRY_RUN", "true", "FIX_TASK_ROLE_PERMISSIONS", "false",
                "FIX_EXEC_REDEPLOY", "false", "FIX_VPC_ENDPOINTS", "true", "FIX_SESSION_GRANTS", "true", "PROTECTED_ENVIRONMENTS", " Prod, staging ,",
                "REDEPLOY_COOLDOWN_MINUTES", "15", "MAX_FORCED_DEPLOYMENTS_PER_HOUR", "3"));

        assertEquals(new RemediationSettings(Mode.AUTO, false, false, true, true, true, Set.of("prod", "staging"),
                Duration.ofMinutes(15), 3, POLICY),
                Settings.parse(Role.SWEEP_ITEM, env).remediation().orElseThrow().guardrails());
    }

    /** report-only: the function plans and logs only; every other parameter keeps its default. */
    @Test
    void reportOnlyKeepsTheDefaults() {
        Map<String, String> env = template(Role.DEPLOYMENT_EVENT);
        env.put("REMEDIATION_MODE", "report-only");

        assertEquals(RemediationSettingsBuilder.builder(RemediationSettings.defaults(POLICY)).mode(Mode.REPORT_ONLY)
                .build(), Settings.parse(Role.DEPLOYMENT_EVENT, env).remediation().orElseThrow().guardrails());
    }

    @Test
    void eachRoleReadsOnlyWhatItUses() {
        assertEquals(Optional.empty(), Settings.parse(Role.CONFIG_RULE, template(Role.CONFIG_RULE)).remediation());
        assertEquals(null, Settings.parse(Role.SWEEP_ITEM, template(Role.SWEEP_ITEM)).remediation().orElseThrow()
                .remediatorRolePath(), "no CloudTrail record reaches the sweep");
        Settings schedule = Settings.parse(Role.SCHEDULED_SWEEP, template(Role.SCHEDULED_SWEEP));
        assertFalse(schedule.findingsEnabled(), "the schedule reports nothing");
        assertEquals(Optional.empty(), schedule.remediation());
        Settings.Sweep sweep = schedule.sweep().orElseThrow();
        assertEquals(List.of("444455556666", "777788889999", "ou-abcd-11111111"), sweep.scope());
        assertEquals(List.of(), sweep.regions(), "empty: the function's own Region");
        assertFalse(Role.SCHEDULED_SWEEP.variables().contains("FINDINGS_ENABLED"));
        assertFalse(Role.REVIEWED_FIX.variables().contains("REMEDIATOR_ROLE_PATH"));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void theRoleIsTheHandlerClasses(Role role) {
        Class<?> handler = switch (role) {
            case CONFIG_RULE -> ConfigRuleHandler.class;
            case DEPLOYMENT_EVENT -> DeploymentEventHandler.class;
            case SCHEDULED_SWEEP -> ScheduledSweepHandler.class;
            case SWEEP_ITEM -> SweepItemHandler.class;
            case REVIEWED_FIX -> SecurityHubActionHandler.class;
        };
        assertEquals(role, Role.of(handler));
        assertEquals(Optional.of(role), Role.ofHandler(handler.getName()));
    }

    /** Boolean.parseBoolean read "yes" as false: now a bad value stops the function and names the variable. */
    @ParameterizedTest
    @CsvSource({"FINDINGS_ENABLED, yes", "FINDINGS_ENABLED, TRUE", "LOG_LEVEL, VERBOSE", "ACCOUNT_ID, 1234",
            "REMEDIATION_MODE, Auto", "DRY_RUN, 1", "DRY_RUN, yes", "FIX_VPC_ENDPOINTS, 1",
            "REDEPLOY_COOLDOWN_MINUTES, -1", "EXEC_EXPECTED, Tagged", "EXEC_EXPECTED, ''", "MAX_FORCED_DEPLOYMENTS_PER_HOUR, ten", "LEDGER_TABLE, ' '",
            "METRICS_NAMESPACE, ''"})
    void aBadValueIsAnErrorAtInitNamingTheVariable(String name, String value) {
        Map<String, String> env = template(Role.REVIEWED_FIX);
        env.put(name, value);

        var error = assertThrows(IllegalStateException.class, () -> Settings.parse(Role.REVIEWED_FIX, env));

        assertTrue(error.getMessage().contains(name), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aMissingVariableIsAnErrorAtInitNamingIt(Role role) {
        for (String name : role.variables()) {
            Map<String, String> env = template(role);
            env.remove(name);

            var error = assertThrows(IllegalStateException.class, () -> Settings.parse(role, env), name);

            assertTrue(error.getMessage().contains(name + " is not set"), error.getMessage());
        }
    }

    @Test
    void aMemberRoleNameOpensTheOrganisation() {
        Map<String, String> env = template(Role.CONFIG_RULE);
        env.put("MEMBER_ROLE_NAME", " ecs-exec-readiness-member ");

        assertEquals(Optional.of("ecs-exec-readiness-member"), Settings.parse(Role.CONFIG_RULE, env).memberRoleName());
        assertEquals(Set.of("AWS_REGION", "ACCOUNT_ID", "METRICS_NAMESPACE", "LOG_LEVEL", "MEMBER_ROLE_NAME",
                "FINDINGS_ENABLED", "EXEC_EXPECTED"), Role.CONFIG_RULE.variables());
    }

    @Test
    void execExpectedIsReadByEveryRoleThatEvaluates() {
        Map<String, String> env = template(Role.CONFIG_RULE);
        assertEquals(ExecScope.EVERY_SERVICE, Settings.parse(Role.CONFIG_RULE, env).execScope());
        env.put("EXEC_EXPECTED", "tagged");
        assertEquals(ExecScope.TAGGED, Settings.parse(Role.CONFIG_RULE, env).execScope());
        assertFalse(Role.SCHEDULED_SWEEP.variables().contains("EXEC_EXPECTED"), "the schedule evaluates nothing");
        for (Role role : List.of(Role.CONFIG_RULE, Role.DEPLOYMENT_EVENT, Role.SWEEP_ITEM, Role.REVIEWED_FIX)) {
            assertTrue(role.variables().contains("EXEC_EXPECTED"), role.toString());
        }
    }
}
