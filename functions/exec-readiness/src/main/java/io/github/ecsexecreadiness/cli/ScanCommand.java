package io.github.ecsexecreadiness.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code scan}: its options; {@link ScanAction} does the work. */
@Command(name = "scan", description = "Evaluates every ECS service in scope for ECS Exec readiness (read-only).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every service is ready", "1:at least one is not",
                "2:bad arguments or an error that stopped the scan",
                "3:none is not ready, but the readiness of some is undetermined"})
final class ScanCommand implements Callable<Integer> {
    private final Cli.Context context;

    @Mixin
    final Arguments arguments = new Arguments();

    ScanCommand(Cli.Context context) {
        this.context = context;
    }

    /** Every option of {@code scan}: {@code fix} takes them all too. */
    static final class Arguments {
        @Mixin
        final HelpOption help = new HelpOption();
        @Mixin
        final ConnectionOptions connection = new ConnectionOptions();
        @Mixin
        final ScanOptions.Selection selection = new ScanOptions.Selection();

        ScanOptions options() {
            return selection.options(connection.connection());
        }
    }

    ScanOptions options() {
        return arguments.options();
    }

    @Override
    public Integer call() {
        ScanOptions options = options();
        return new ScanAction(context.connections().readers(options), context).run(options);
    }
}
