package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.cli.cleanup.Cleanup;
import io.github.ecsexecreadiness.cli.preflight.PreflightSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cleanup}: its options; {@link CleanupAction} does the work. */
@Command(name = "cleanup",
        description = {"Lists what the remediator created (policy attachments, the policies under "
                + "/ecs-exec-readiness/, the ssmmessages endpoints and security groups it tagged) and, with "
                + "`--apply`, removes it, never anything else. Run it before `sam delete`, in each Region."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing (left) to remove", "1:something to remove (dry run), or left behind",
                "2:bad arguments or an error that stopped the run"})
final class CleanupCommand implements Callable<Integer> {
    private final Cli.Context context;

    @Mixin
    final HelpOption help = new HelpOption();
    @Mixin
    final ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--apply", description = "remove what is listed (default: list only)")
    boolean apply;

    @Option(names = "--stack-name", paramLabel = "NAME",
            description = "the deployed stack, whose ssmmessages policy is detached (default: `${DEFAULT-VALUE}`)")
    String stackName = PreflightSettings.DEFAULT_STACK_NAME;

    CleanupCommand(Cli.Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String stack = Values.required(stackName, "--stack-name");
        var cleanup = new Cleanup(context.connections().cleanup(connection.connection()), Cleanup.Waiting.standard());
        return new CleanupAction(cleanup, context.out()).run(stack, apply);
    }
}
