package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.plan.RemediationSettings;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fix}: its options (every {@code scan} option and the guardrail switches); {@link FixAction} does the work. */
@Command(name = "fix",
        description = {"Shows the fixes the guardrails allow for every service that is not ready; `--apply` makes "
                + "them. Each change is written to standard error as one JSON audit line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every service is ready afterwards (or would be)", "1:some service is not",
                "2:bad arguments or an error that stopped the run"})
final class FixCommand implements Callable<Integer> {
    private static final RemediationSettings DEFAULTS = RemediationSettings.defaults(null);

    private final Cli.Context context;

    @Mixin
    final ScanCommand.Arguments scan = new ScanCommand.Arguments();

    @Option(names = "--apply", description = "make the changes (default: show the plan only)")
    boolean apply;

    @Option(names = "--ssmmessages-policy-arn", paramLabel = "ARN",
            description = "the managed policy to attach for `iam.ssmmessages`: the stack's output "
                    + "`TaskRoleSsmmessagesPolicyArn` (default: `" + FixOptions.SSMMESSAGES_POLICY_NAME
                    + "`, created if absent)")
    String ssmmessagesPolicyArn;

    @Option(names = "--no-task-role-permissions", description = "do not attach permissions to task roles")
    boolean noTaskRolePermissions;

    @Option(names = "--no-exec-redeploy", description = "do not turn exec on and force new deployments")
    boolean noExecRedeploy;

    @Option(names = "--allow-vpc-endpoints",
            description = "create `ssmmessages` VPC endpoints (billed per hour and Availability Zone)")
    boolean allowVpcEndpoints;

    @Option(names = "--allow-session-grants",
            description = "grant task roles `kms:Decrypt` on the cluster's key and session logging to its log group "
                    + "(same account only), as the cluster's execute-command configuration names them")
    boolean allowSessionGrants;

    @Option(names = "--protected-environments", paramLabel = "LIST",
            description = "environment tag values never changed (default: `${DEFAULT-VALUE}`)")
    String protectedEnvironments = String.join(",", DEFAULTS.protectedEnvironments().stream().sorted().toList());

    @Option(names = "--cooldown-minutes", paramLabel = "N",
            description = "minutes between two forced deployments of a service (default: `${DEFAULT-VALUE}`)")
    String cooldownMinutes = String.valueOf(DEFAULTS.cooldown().toMinutes());

    @Option(names = "--max-deployments-per-hour", paramLabel = "N",
            description = "forced deployments per hour, at most (default: `${DEFAULT-VALUE}`)")
    String maxDeploymentsPerHour = String.valueOf(DEFAULTS.maxForcedDeploymentsPerHour());

    @Option(names = "--ledger-table", paramLabel = "NAME",
            description = "the stack's DynamoDB ledger, so cooldown and cap hold across runs and the Lambda functions")
    String ledgerTable;

    FixCommand(Cli.Context context) {
        this.context = context;
    }

    FixOptions options() {
        ScanOptions scanOptions = scan.options();
        if (Values.required(ssmmessagesPolicyArn, "--ssmmessages-policy-arn") != null
                && !ssmmessagesPolicyArn.startsWith("arn:")) {
            throw new UsageException("--ssmmessages-policy-arn must be an ARN, not " + ssmmessagesPolicyArn);
        }
        return new FixOptions(scanOptions, apply, ssmmessagesPolicyArn, !noTaskRolePermissions, !noExecRedeploy,
                allowVpcEndpoints, allowSessionGrants, RemediationSettings.protectedEnvironments(protectedEnvironments),
                Duration.ofMinutes(number(cooldownMinutes, "--cooldown-minutes")),
                (int) number(maxDeploymentsPerHour, "--max-deployments-per-hour"),
                Values.required(ledgerTable, "--ledger-table"));
    }

    @Override
    public Integer call() {
        FixOptions options = options();
        Connections.FixConnection connection = context.connections().fix(options);
        boolean ready = new FixAction(connection, context).run(options);
        return ready ? ExitCode.READY : ExitCode.NOT_READY;
    }

    static long number(String text, String option) {
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
