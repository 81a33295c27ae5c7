package io.github.ecsexecreadiness.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.cli.preflight.ConfigRecorder;
import io.github.ecsexecreadiness.cli.preflight.Preflight;
import io.github.ecsexecreadiness.cli.preflight.PreflightReport;
import io.github.ecsexecreadiness.cli.preflight.PreflightReport.Status;
import io.github.ecsexecreadiness.cli.preflight.PreflightSettings;
import io.github.ecsexecreadiness.memory.InMemoryDeploymentTarget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code preflight}'s suggested {@code sam deploy --parameter-overrides} against template.yaml's Rules, evaluated as
 * CloudFormation does ({@link TemplateRulesTest}): over every recorder state, Security Hub state and combination of
 * organisation options, a deployment preflight does not block passes the Rules, and one the Rules would reject is
 * blocked by preflight's organizations check, before CloudFormation says so.
 */
@ReadsRepositoryFiles
class PreflightOverridesRulesTest {
    private static final String ACCOUNT = "111122223333";
    private static final String ORGANIZATION = "o-abcdefghij";
    private static final String OU = "ou-ab12-cdefghij";
    private static final ConfigRecorder RECORDS_ECS =
            new ConfigRecorder("default", true, List.of(), "ALL_SUPPORTED_RESOURCE_TYPES", List.of(), true);
    private static final ConfigRecorder NOT_RECORDING =
            new ConfigRecorder("default", false, List.of(), "ALL_SUPPORTED_RESOURCE_TYPES", List.of(), true);

    @BeforeAll
    static void load() {
        TemplateRulesTest.load();
    }

    @Test
    void whatPreflightDoesNotBlockPassesTheRulesAndWhatTheyRejectItBlocks() {
        int accepted = 0;
        int blockedByRules = 0;
        for (ConfigRecorder recorder : new ConfigRecorder[] {null, NOT_RECORDING, RECORDS_ECS}) {
            for (boolean securityHub : new boolean[] {false, true}) {
                for (PreflightSettings settings : organisationOptions()) {
                    InMemoryDeploymentTarget target = new InMemoryDeploymentTarget("eu-west-1")
                            .withSecurityHub(securityHub).inOrganization(ORGANIZATION, Map.of(OU, 2));
                    if (recorder != null) {
                        target.withRecorder(recorder);
                    }
                    PreflightReport report = new Preflight(target).run(settings);
                    Set<String> rejecting = TemplateRulesTest.rejectingRules(report.parameterOverrides());
                    String what = recorder + " securityHub=" + securityHub + " " + settings + ": " + report.samDeploy();

                    assertEquals(String.valueOf(recorder == RECORDS_ECS),
                            report.parameterOverrides().get("CreateConfigRule"), what);
                    assertEquals(String.valueOf(securityHub), report.parameterOverrides().get("EnableFindings"), what);
                    if (rejecting.isEmpty()) {
                        accepted++;
                    } else {
                        blockedByRules++;
                        assertEquals(Status.BLOCKED, status(report, "organizations"), what + " rejected by "
                                + rejecting);
                    }
                    if (!report.blocked()) {
                        assertEquals(Set.of(), rejecting, what);
                    }
                }
            }
        }
        assertTrue(accepted > 0 && blockedByRules > 0, accepted + " accepted, " + blockedByRules + " rejected");
    }

    /** Each organisation option alone and with the member role, and the organization rule. */
    private static List<PreflightSettings> organisationOptions() {
        String role = "ecs-exec-readiness-member";
        return List.of(
                settings(null, null, List.of(), List.of(), List.of(), null),
                settings(role, null, List.of(), List.of(), List.of(), null),
                settings(null, ORGANIZATION, List.of(), List.of(), List.of(), null),
                settings(role, ORGANIZATION, List.of(), List.of(), List.of(), null),
                settings(null, null, List.of(ACCOUNT), List.of(), List.of(), null),
                settings(role, null, List.of("444455556666"), List.of(), List.of(), null),
                settings(null, null, List.of(), List.of(OU), List.of(), null),
                settings(role, null, List.of(), List.of(OU), List.of("eu-west-1", "us-east-1"), null),
                settings(null, null, List.of(), List.of(), List.of("us-east-1"), null),
                settings(null, null, List.of(), List.of(), List.of(), "Organization"),
                settings(role, null, List.of(), List.of(), List.of(), "Organization"),
                settings(role, ORGANIZATION, List.of(), List.of(OU), List.of(), "Organization"),
                settings(role, null, List.of(), List.of(), List.of(), "Account"));
    }

    private static PreflightSettings settings(String memberRole, String organization, List<String> accounts,
                                              List<String> units, List<String> regions, String scope) {
        return new PreflightSettings("ecs-exec-readiness", null, memberRole, organization, accounts, units, regions,
                scope);
    }

    private static Status status(PreflightReport report, String check) {
        return report.findings().stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow().status();
    }
}
