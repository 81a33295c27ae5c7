package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.cli.preflight.PreflightSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code preflight}: its options, the template's organisation parameters among them, each checked as the template
 * checks it (AllowedPattern); {@link PreflightAction} does the work.
 */
@Command(name = "preflight",
        description = {"Reads the target account and Region (read-only) and prints what a deployment of the stack "
                + "there needs, ending with the `sam deploy` command to use."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing blocks the deployment", "1:something blocks it",
                "2:bad arguments or an error that stopped the run"})
final class PreflightCommand implements Callable<Integer> {
    private final Cli.Context context;

    @Mixin
    final HelpOption help = new HelpOption();
    @Mixin
    final ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--stack-name", paramLabel = "NAME",
            description = "the stack to deploy (default: `${DEFAULT-VALUE}`)")
    String stackName = PreflightSettings.DEFAULT_STACK_NAME;

    @Option(names = "--member-role-name", paramLabel = "NAME", description = "template parameter `MemberRoleName`")
    String memberRoleName;

    @Option(names = "--organization-id", paramLabel = "o-ID", description = "template parameter `OrganizationId`")
    String organizationId;

    @Option(names = "--sweep-accounts", paramLabel = "IDS", description = "template parameter `SweepAccounts`")
    String sweepAccounts;

    @Option(names = "--sweep-organizational-units", paramLabel = "IDS",
            description = "template parameter `SweepOrganizationalUnits` (OU or root ids)")
    String sweepOrganizationalUnits;

    @Option(names = "--sweep-regions", paramLabel = "REGIONS", description = "template parameter `SweepRegions`")
    String sweepRegions;

    @Option(names = "--config-rule-scope", paramLabel = "Account|Organization",
            description = "template parameter `ConfigRuleScope`")
    String configRuleScope;

    @Option(names = "--output", paramLabel = "table|json", description = "output format, default `table`")
    String output = "table";

    PreflightCommand(Cli.Context context) {
        this.context = context;
    }

    PreflightSettings settings() {
        check(memberRoleName, "--member-role-name", "[\\w+=,.@-]{1,40}", "a role name");
        check(organizationId, "--organization-id", "o-[a-z0-9]{10,32}", "an organization id (o-...)");
        check(configRuleScope, "--config-rule-scope", "Account|Organization", "Account or Organization");
        return new PreflightSettings(Values.required(stackName, "--stack-name"), connection.connection().profile(),
                memberRoleName, organizationId, list(sweepAccounts, "--sweep-accounts", "\\d{12}", "account ids"),
                list(sweepOrganizationalUnits, "--sweep-organizational-units",
                        "ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32}", "OU or root ids"),
                list(sweepRegions, "--sweep-regions", "[a-z]{2}(-[a-z]+)+-\\d+", "Region names"), configRuleScope);
    }

    @Override
    public Integer call() {
        PreflightSettings settings = settings();
        boolean json = Outputs.json(output);
        return new PreflightAction(context.connections().preflight(connection.connection()), context.out())
                .run(settings, json);
    }

    private static void check(String value, String option, String pattern, String what) {
        if (Values.required(value, option) != null && !value.matches(pattern)) {
            throw new UsageException(option + " must be " + what + ", not " + value);
        }
    }

    private static List<String> list(String commaSeparated, String option, String pattern, String what) {
        if (Values.required(commaSeparated, option) == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>(Arrays.asList(commaSeparated.split(",", -1)));
        values.forEach(value -> check(value, option, pattern, "comma-separated " + what));
        return values;
    }
}
