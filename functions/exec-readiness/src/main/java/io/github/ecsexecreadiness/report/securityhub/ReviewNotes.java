package io.github.ecsexecreadiness.report.securityhub;

import io.github.ecsexecreadiness.apply.FixResult;
import io.github.ecsexecreadiness.apply.Remediation;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.flow.Outcome;
import io.github.ecsexecreadiness.flow.Sink;
import io.github.ecsexecreadiness.fix.Fix;
import io.github.ecsexecreadiness.plan.PlannedFix;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.Finding.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A person's reviewed fix recorded on the findings they selected (BatchUpdateFindings): a Note saying what was
 * decided and what came of it, with Workflow NOTIFIED (applied, awaiting verification), RESOLVED (the check now
 * passes) or unchanged (nothing could be applied; the note says why).
 * {@code updatedBy} is the custom action's ARN: the note names who decided.
 */
public final class ReviewNotes implements Sink {
    public static final String BY = "ecs-exec-readiness reviewed fix";
    public static final String NOT_ENABLED = BY + ": remediation is not enabled in this stack, nothing was changed";

    /** A selected finding of one service, and the check it is about. */
    public record Selected(String findingId, String checkId) {}

    /** The note written on a finding; {@code workflow} empty: left as it was. */
    public record Written(String findingId, String text, Optional<WorkflowStatus> workflow) {}

    private final FindingsReport findings;
    private final String actionName;
    private final String updatedBy;
    private final List<Selected> selected;
    private final List<Written> written = new ArrayList<>();

    public ReviewNotes(FindingsReport findings, String actionName, String updatedBy, List<Selected> selected) {
        this.findings = findings;
        this.actionName = actionName;
        this.updatedBy = updatedBy;
        this.selected = List.copyOf(selected);
    }

    /** The notes written so far, in order. */
    public List<Written> written() {
        return List.copyOf(written);
    }

    /** The fixes to keep from the plan: those that repair a selected check. */
    public boolean selects(Fix fix) {
        return selected.stream().anyMatch(finding -> repairs(fix, finding.checkId()));
    }

    @Override
    public void report(Outcome outcome, Telemetry telemetry) {
        Remediation.Result result = outcome.service().flatMap(Outcome.Service::remediation).orElseGet(() ->
                new Remediation.Result(outcome.request().serviceArn().orElse(null), List.of(), List.of(),
                        Optional.empty(), outcome.scan().notes()));
        selected.forEach(finding -> write(review(finding, result), telemetry));
    }

    /** Remediation is off in this stack: each finding says so and keeps its workflow. */
    public void notEnabled(Telemetry telemetry) {
        selected.forEach(finding -> write(new Written(finding.findingId(), NOT_ENABLED, Optional.empty()), telemetry));
    }

    private void write(Written note, Telemetry telemetry) {
        findings.note(List.of(note.findingId()), note.text(), updatedBy, note.workflow(), telemetry);
        written.add(note);
    }

    /** The note and workflow status for one selected check after its service's remediation. */
    Written review(Selected finding, Remediation.Result remediation) {
        String checkId = finding.checkId();
        List<FixResult> fixes = remediation.fixes().stream()
                .filter(f -> repairs(f.planned().fix(), checkId)).toList();
        List<FixResult> done = fixes.stream().filter(f -> f.outcome() == FixResult.Outcome.APPLIED
                || f.outcome() == FixResult.Outcome.ALREADY_DONE).toList();
        List<String> parts = new ArrayList<>();
        if (!done.isEmpty()) {
            parts.add("applied: " + done.stream().map(f -> f.planned().fix().description())
                    .collect(Collectors.joining("; ")));
        }
        List<FixResult> left = fixes.stream().filter(f -> !done.contains(f)).toList();
        if (!left.isEmpty()) {
            parts.add("left to a person: " + left.stream().map(ReviewNotes::leftBecause)
                    .collect(Collectors.joining("; ")));
        }
        Optional<Remediation.CheckChange> change = remediation.checks().stream()
                .filter(c -> c.checkId().equals(checkId)).findFirst();
        Optional<WorkflowStatus> workflow;
        if (change.isEmpty()) {
            parts.add(remediation.latest().isEmpty() ? "the service was not found, nothing was changed"
                    : checkId + " was not evaluated");
            workflow = Optional.empty();
        } else if (change.get().after() == Status.PASS) {
            parts.add(checkId + (change.get().before() == Status.PASS ? " already passed" : " now passes"));
            workflow = Optional.of(WorkflowStatus.RESOLVED);
        } else {
            String now = checkId + " is " + change.get().after() + ": " + change.get().reason();
            if (done.isEmpty()) {
                parts.add((fixes.isEmpty() ? "no fix could be planned; " : "nothing was applied; ") + now);
                workflow = Optional.empty();
            } else {
                parts.add("awaiting verification, " + now);
                workflow = Optional.of(WorkflowStatus.NOTIFIED);
            }
        }
        if (!remediation.vpcServices().isEmpty()) {
            parts.add("every service of the endpoint's VPC evaluated again: " + remediation.vpcServices().stream()
                    .map(Remediation.VpcService::describe).collect(Collectors.joining("; ")));
        }
        return new Written(finding.findingId(), fit(BY + " (" + actionName + "): " + String.join(". ", parts)),
                workflow);
    }

    private static String leftBecause(FixResult fix) {
        PlannedFix planned = fix.planned();
        return planned.decision() == PlannedFix.Decision.MANUAL ? planned.fix().description()
                : planned.fix().description() + " was not applied (" + fix.reason() + ")";
    }

    /** Planned for the check, or repairing it (one redeployment repairs both exec flags: the catalogue says so). */
    static boolean repairs(Fix fix, String checkId) {
        return fix.checkId().equals(checkId) || Checks.repairedBy(fix).contains(checkId);
    }

    private static String fit(String text) {
        return text.length() <= SecurityHubApi.NOTE_MAX ? text : text.substring(0, SecurityHubApi.NOTE_MAX - 1) + "…";
    }
}
