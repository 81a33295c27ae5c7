package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.plan.RemediationSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The options of {@code fix}, checked: every {@code scan} option, plus the guardrail switches, with the Lambda's
 * defaults. Without {@code --apply} nothing is changed: the plan is shown.
 */
public record FixOptions(ScanOptions scan, boolean apply, String ssmmessagesPolicyArn, boolean taskRolePermissions,
                         boolean execRedeploy, boolean vpcEndpoints, boolean sessionGrants, Set<String> protectedEnvironments,
                         Duration cooldown, int maxForcedDeploymentsPerHour, String ledgerTable) {

    /**
     * The ssmmessages policy {@code fix} finds or creates (tagged as its own) when not given the stack's
     * ({@code TaskRoleSsmmessagesPolicyArn}, which CloudFormation names); {@code cleanup} deletes it.
     */
    public static final String SSMMESSAGES_POLICY_NAME = "ecs-exec-readiness-ecs-exec-ssmmessages";

    public FixOptions {
        protectedEnvironments = Set.copyOf(protectedEnvironments);
    }

    /** The guardrail settings; without --apply they are dry-run. */
    public RemediationSettings settings(String policyArn) {
        return new RemediationSettings(RemediationSettings.Mode.AUTO, taskRolePermissions, execRedeploy, vpcEndpoints,
                sessionGrants, !apply, protectedEnvironments, cooldown, maxForcedDeploymentsPerHour, policyArn);
    }

    /** Parses the arguments of {@code fix} (without the command name), as the command line does. */
    public static FixOptions parse(List<String> args) {
        var command = new FixCommand(null);
        Cli.parse(command, args);
        return command.options();
    }
}
