package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.plan.RemediationSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The options of {@code fix}: every {@code scan} option, plus the guardrail switches, with the Lambda's defaults.
 * Without {@code --apply} nothing is changed: the plan is shown.
 */
public record FixOptions(ScanOptions scan, boolean apply, String ssmmessagesPolicyArn, boolean taskRolePermissions,
                         boolean execRedeploy, boolean vpcEndpoints, Set<String> protectedEnvironments,
                         Duration cooldown, int maxForcedDeploymentsPerHour, String ledgerTable) {

    /** The stack's policy name with the default stack name: the CLI finds or creates the same policy. */
    public static final String SSMMESSAGES_POLICY_NAME = "ecs-exec-readiness-ecs-exec-ssmmessages";

    static final String USAGE = """
            Usage: ecs-exec-readiness fix [scan options] [fix options]
              Shows the fixes the guardrails allow for every service that is not ready; --apply makes them.
              --apply                         make the changes (default: show the plan only)
              --ssmmessages-policy-arn ARN    the managed policy to attach for iam.ssmmessages (default: the
                                              stack's, ecs-exec-readiness-ecs-exec-ssmmessages, created if absent)
              --no-task-role-permissions      do not attach permissions to task roles
              --no-exec-redeploy              do not turn exec on and force new deployments
              --allow-vpc-endpoints           create ssmmessages VPC endpoints (billed per hour and AZ)
              --protected-environments LIST   environment tag values never changed (default: production,prod)
              --cooldown-minutes N            minutes between two forced deployments of a service (default: 60)
              --max-deployments-per-hour N    forced deployments per hour, at most (default: 10)
              --ledger-table NAME             the stack's DynamoDB ledger, so cooldown and cap hold across runs
            Exit code: 0 every service is ready afterwards (or would be), 1 some is not, 2 error.""";

    public FixOptions {
        protectedEnvironments = Set.copyOf(protectedEnvironments);
    }

    /** The guardrail settings; without --apply they are dry-run. */
    public RemediationSettings settings(String policyArn) {
        return new RemediationSettings(RemediationSettings.Mode.AUTO, taskRolePermissions, execRedeploy, vpcEndpoints,
                !apply, protectedEnvironments, cooldown, maxForcedDeploymentsPerHour, policyArn);
    }

    public static FixOptions parse(List<String> args) {
        RemediationSettings defaults = RemediationSettings.defaults(null);
        boolean apply = false;
        String policyArn = null;
        boolean taskRolePermissions = defaults.taskRolePermissions();
        boolean execRedeploy = defaults.execRedeploy();
        boolean vpcEndpoints = defaults.vpcEndpoints();
        Set<String> environments = defaults.protectedEnvironments();
        long cooldownMinutes = defaults.cooldown().toMinutes();
        long cap = defaults.maxForcedDeploymentsPerHour();
        String ledgerTable = null;
        List<String> scanArgs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--apply" -> apply = true;
                case "--ssmmessages-policy-arn" -> policyArn = ScanOptions.value(args, ++i, arg);
                case "--no-task-role-permissions" -> taskRolePermissions = false;
                case "--no-exec-redeploy" -> execRedeploy = false;
                case "--allow-vpc-endpoints" -> vpcEndpoints = true;
                case "--protected-environments" -> environments = RemediationSettings.protectedEnvironments(
                        ScanOptions.value(args, ++i, arg));
                case "--cooldown-minutes" -> cooldownMinutes = number(ScanOptions.value(args, ++i, arg), arg);
                case "--max-deployments-per-hour" -> cap = number(ScanOptions.value(args, ++i, arg), arg);
                case "--ledger-table" -> ledgerTable = ScanOptions.value(args, ++i, arg);
                default -> scanArgs.add(arg);
            }
        }
        if (policyArn != null && !policyArn.startsWith("arn:")) {
            throw new UsageException("--ssmmessages-policy-arn must be an ARN, not " + policyArn);
        }
        return new FixOptions(ScanOptions.parse(scanArgs), apply, policyArn, taskRolePermissions, execRedeploy,
                vpcEndpoints, environments, Duration.ofMinutes(cooldownMinutes), (int) cap, ledgerTable);
    }

    private static long number(String text, String option) {
        try {
            long value = Long.parseLong(text);
            if (value < 0 || value > Integer.MAX_VALUE) {
                throw new UsageException(option + " must be a whole number >= 0, not " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number >= 0, not " + text);
        }
    }
}
