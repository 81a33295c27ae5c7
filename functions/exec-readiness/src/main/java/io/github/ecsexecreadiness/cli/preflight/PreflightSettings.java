package io.github.ecsexecreadiness.cli.preflight;

import java.util.List;

/**
 * The deployment {@code preflight} is asked about: the stack name and the organisation parameters, named and
 * constrained as the template's parameters are.
 */
public record PreflightSettings(String stackName, String profile, String memberRoleName, String organizationId,
                                List<String> sweepAccounts, List<String> sweepOrganizationalUnits,
                                List<String> sweepRegions, String configRuleScope) {
    public static final String DEFAULT_STACK_NAME = "ecs-exec-readiness";

    public PreflightSettings {
        sweepAccounts = List.copyOf(sweepAccounts);
        sweepOrganizationalUnits = List.copyOf(sweepOrganizationalUnits);
        sweepRegions = List.copyOf(sweepRegions);
    }

    /** Whether any organisation parameter is set (ConfigRuleScope Account is the template's default). */
    public boolean organisationParameters() {
        return memberRoleName != null || organizationId != null || !sweepAccounts.isEmpty()
                || !sweepOrganizationalUnits.isEmpty() || !sweepRegions.isEmpty()
                || "Organization".equals(configRuleScope);
    }
}
