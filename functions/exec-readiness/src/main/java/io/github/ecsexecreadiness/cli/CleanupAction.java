package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.cli.cleanup.Cleanup;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;

/** {@code cleanup}: lists the steps, and with {@code --apply} runs them and says how each went. */
final class CleanupAction {
    private final Cleanup cleanup;
    private final PrintStream out;

    CleanupAction(Cleanup cleanup, PrintStream out) {
        this.cleanup = cleanup;
        this.out = out;
    }

    int run(String stackName, boolean apply) {
        // The stack's policy; and the one `fix` creates without a stack, named as the default stack's.
        var names = new LinkedHashSet<>(List.of(stackName + "-ecs-exec-ssmmessages",
                FixOptions.SSMMESSAGES_POLICY_NAME));
        Cleanup.Plan plan = cleanup.plan(names);
        plan.kept().forEach(k -> out.printf("%-8s %s: %s%n", k.blocking() ? "BLOCKED" : "kept", k.what(), k.why()));
        if (plan.steps().isEmpty()) {
            out.println("Nothing the remediator created is left.");
            return plan.blocked() ? ExitCode.NOT_READY : ExitCode.READY;
        }
        if (!apply) {
            plan.steps().forEach(step -> out.printf("%-8s %s%n", "would", step.description()));
            out.printf("%n%d changes; run with --apply to make them.%n", plan.steps().size());
            return ExitCode.NOT_READY;
        }
        List<Cleanup.Outcome> outcomes = cleanup.apply(plan);
        outcomes.forEach(o -> out.printf("%-8s %s%s%n", o.done() ? "done" : "FAILED", o.step().description(),
                o.done() ? "" : ": " + o.error()));
        long failed = outcomes.stream().filter(o -> !o.done()).count();
        out.printf("%n%d of %d changes made%s%n", outcomes.size() - failed, outcomes.size(),
                failed == 0 ? "." : "; run cleanup --apply again once what failed is resolved.");
        return failed == 0 && !plan.blocked() ? ExitCode.READY : ExitCode.NOT_READY;
    }
}
