package io.github.ecsexecreadiness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.apply.AccountWriters;
import io.github.ecsexecreadiness.apply.Applier;
import io.github.ecsexecreadiness.apply.FixResult;
import io.github.ecsexecreadiness.apply.Remediation;
import io.github.ecsexecreadiness.apply.RemediationLedger;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.iam.SsmmessagesCheck;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.plan.Planner;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.Telemetry;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/**
 * {@code fix}: for every service that is not ready, plan the fixes the guardrails allow and, with --apply, make
 * them, then show what now passes and what still fails. The same planner, guardrails and applier as the Lambda
 * functions; the audit lines (one JSON object per fix) go to standard error.
 */
final class FixAction {
    static final String WHO = "ecs-exec-readiness fix (command line)";

    private final AccountReaders readers;
    private final AccountWriters writers;
    private final RemediationLedger ledger;
    private final PrintStream out;
    private final PrintStream err;

    FixAction(AccountReaders readers, AccountWriters writers, RemediationLedger ledger, PrintStream out,
               PrintStream err) {
        this.readers = readers;
        this.writers = writers;
        this.ledger = ledger;
        this.out = out;
        this.err = err;
    }

    /** @return true when every service in scope is ready at the end */
    boolean run(FixOptions options) {
        ReadinessScan scan = new ReadinessScan(readers);
        ReadinessScan.Evaluation evaluation = scan.evaluate(options.scan().scope());
        List<ServiceReport> notReady = evaluation.reports().stream().filter(r -> !r.ready()).toList();
        Telemetry audit = new Telemetry("EcsExecReadiness", "cli-fix", Telemetry.Level.INFO, Clock.systemUTC(), err);
        String policyArn = options.ssmmessagesPolicyArn() != null ? options.ssmmessagesPolicyArn()
                : stackPolicy(evaluation, notReady, options.apply(), audit);
        RemediationSettings settings = options.settings(policyArn);
        Planner planner = new Planner();
        Remediation remediation = new Remediation(scan,
                (report, facts) -> planner.plan(report, facts, settings, false).fixes(),
                new Applier(writers, ledger, settings, audit, Clock.systemUTC()));
        List<Remediation.Result> results = new ArrayList<>();
        for (ServiceReport report : notReady) {
            results.add(remediation.remediate(evaluation, report, WHO));
        }
        print(evaluation, results, options.apply());
        evaluation.report().notes().forEach(note -> err.println("note: " + note));
        return results.stream().allMatch(r -> r.latest().map(ServiceReport::ready).orElse(true));
    }

    /**
     * The stack's ssmmessages policy (same name as the stack creates with its default name), created with --apply
     * when a service needs it and it does not exist yet, so the command works without the stack.
     */
    private String stackPolicy(ReadinessScan.Evaluation evaluation, List<ServiceReport> notReady, boolean apply,
                               Telemetry audit) {
        String account = evaluation.snapshot().accountId();
        if (account == null) {
            return null; // no cluster, nothing to fix
        }
        Region region = Region.of(readers.region());
        String partition = region.metadata() == null ? "aws" : region.metadata().partition().id();
        String arn = "arn:" + partition + ":iam::" + account + ":policy/" + FixOptions.SSMMESSAGES_POLICY_NAME;
        boolean needed = notReady.stream()
                .anyMatch(r -> r.result(SsmmessagesCheck.METADATA.id()).status() == Status.FAIL);
        if (needed && apply && !writers.iam().policyExists(arn)) {
            // Tagged, so that `cleanup` tells it from the stack's policy of the same name and may delete it.
            writers.iam().createPolicy("/", FixOptions.SSMMESSAGES_POLICY_NAME,
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

    private void print(ReadinessScan.Evaluation evaluation, List<Remediation.Result> results, boolean apply) {
        if (results.isEmpty()) {
            out.println(evaluation.reports().isEmpty() ? "No ECS services found."
                    : "Every service is ready for ECS Exec: nothing to fix.");
            return;
        }
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
                planned += fix.planned().decision() == io.github.ecsexecreadiness.plan.PlannedFix.Decision.DRY_RUN
                        ? 1 : 0;
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
