package io.github.ecsexecreadiness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.apply.Applier;
import io.github.ecsexecreadiness.apply.FixResult;
import io.github.ecsexecreadiness.apply.Remediation;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.iam.SsmmessagesCheck;
import io.github.ecsexecreadiness.flow.Outcome;
import io.github.ecsexecreadiness.flow.ReadinessFlow;
import io.github.ecsexecreadiness.flow.Remediator;
import io.github.ecsexecreadiness.flow.Request;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.plan.PlannedFix;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.Telemetry;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * {@code fix}: runs the flow over the services in scope with the fixes the guardrails allow (dry-run without
 * --apply): for every service that is not ready, plan them and, with --apply, make them, then show what now
 * passes and what still fails. The same flow, planner, guardrails and applier as the Lambda functions; the audit
 * lines (one JSON object per fix) go to standard error.
 */
final class FixAction {
    static final String WHO = "ecs-exec-readiness fix (command line)";

    private final Connections.FixConnection connection;
    private final Cli.Context context;

    FixAction(Connections.FixConnection connection, Cli.Context context) {
        this.connection = connection;
        this.context = context;
    }

    /** @return true when every service in scope is ready at the end */
    boolean run(FixOptions options) {
        ReadinessFlow flow = ReadinessFlow.commandLine(connection.readers(), options.scan().execScope(),
                (evaluation, audit) -> Optional.of(new Remediator(connection.writers(), connection.ledger(),
                        options.settings(policyArn(options, evaluation, audit)), null, Clock.systemUTC())));
        Outcome outcome = flow.run(Request.selected(options.scan().scope(), WHO, Request.Fixes.AUTOMATIC),
                context.audit("fix", Telemetry.Level.INFO), List.of((done, audit) -> print(done, options.apply())));
        return remediations(outcome).stream().allMatch(r -> r.latest().map(ServiceReport::ready).orElse(true));
    }

    /** What the fixes did, for every service that was not ready. */
    private static List<Remediation.Result> remediations(Outcome outcome) {
        return outcome.services().stream().flatMap(service -> service.remediation().stream()).toList();
    }

    private String policyArn(FixOptions options, ReadinessScan.Evaluation evaluation, Telemetry audit) {
        return options.ssmmessagesPolicyArn() != null ? options.ssmmessagesPolicyArn()
                : stackPolicy(evaluation, options.apply(), audit);
    }

    /**
     * The stack's ssmmessages policy (same name as the stack creates with its default name), created with --apply
     * when a service needs it and it does not exist yet, so the command works without the stack.
     */
    private String stackPolicy(ReadinessScan.Evaluation evaluation, boolean apply, Telemetry audit) {
        String account = evaluation.snapshot().accountId();
        if (account == null) {
            return null; // no cluster, nothing to fix
        }
        Region region = Region.of(connection.readers().region());
        String partition = region.metadata() == null ? "aws" : region.metadata().partition().id();
        String arn = "arn:" + partition + ":iam::" + account + ":policy/" + FixOptions.SSMMESSAGES_POLICY_NAME;
        boolean needed = evaluation.reports().stream().filter(r -> !r.ready())
                .anyMatch(r -> r.result(SsmmessagesCheck.METADATA.id()).status() == Status.FAIL);
        if (needed && apply && !connection.writers().iam().policyExists(arn)) {
            // Tagged, so that `cleanup` tells it from the stack's policy of the same name and may delete it.
            connection.writers().iam().createPolicy("/", FixOptions.SSMMESSAGES_POLICY_NAME,
                    "ECS Exec - the Session Manager channel actions the SSM agent in a container needs",
                    policyDocument(SsmmessagesCheck.REQUIRED),
                    Map.of(RemediationSettings.CREATED_BY_TAG, Applier.CREATED_BY));
            audit.info("created the ssmmessages policy", Map.of("who", WHO, "policyArn", arn));
        }
        return arn;
    }

    private static String policyDocument(List<Permission> permissions) {
        var json = new ObjectMapper();
        var document = json.createObjectNode().put("Version", "2012-10-17");
        var statement = document.putArray("Statement").addObject().put("Effect", "Allow");
        permissions.forEach(p -> statement.withArray("Action").add(p.action()));
        statement.put("Resource", "*");
        return document.toString();
    }

    /** The command's sink: the plan or what was done, service by service, then the scan's notes. */
    private void print(Outcome outcome, boolean apply) {
        PrintStream out = context.out();
        List<Remediation.Result> results = remediations(outcome);
        if (results.isEmpty()) {
            out.println(outcome.services().isEmpty() ? "No ECS services found."
                    : "Every service is ready for ECS Exec: nothing to fix.");
        } else {
            printResults(out, results, apply);
        }
        outcome.scan().notes().forEach(note -> context.err().println("note: " + note));
    }

    private static void printResults(PrintStream out, List<Remediation.Result> results, boolean apply) {
        int applied = 0;
        int planned = 0;
        for (Remediation.Result result : results) {
            out.println(result.serviceArn());
            for (FixResult fix : result.fixes()) {
                String state = fix.outcome() == FixResult.Outcome.SKIPPED
                        ? fix.planned().decision().name() : fix.outcome().name();
                out.printf("  %-12s %-24s %s%n", state, fix.planned().fix().checkId(),
                        fix.planned().fix().description());
                if (!fix.reason().isBlank()) {
                    out.printf("  %-12s %-24s   %s%n", "", "", fix.reason());
                }
                applied += fix.outcome() == FixResult.Outcome.APPLIED ? 1 : 0;
                planned += fix.planned().decision() == PlannedFix.Decision.DRY_RUN ? 1 : 0;
            }
            if (apply) {
                out.println("  now passing: " + ids(result.nowPassing()) + "; still failing: "
                        + ids(result.stillFailing()));
            }
        }
        out.printf("%n%d services not ready; %d fixes applied%s%n", results.size(), applied,
                apply ? "." : ", " + planned + " would be applied with --apply.");
    }

    private static String ids(List<Remediation.CheckChange> changes) {
        return changes.isEmpty() ? "-" : String.join(", ", changes.stream().map(Remediation.CheckChange::checkId).toList());
    }
}
