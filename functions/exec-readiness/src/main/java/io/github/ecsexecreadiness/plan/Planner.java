package io.github.ecsexecreadiness.plan;

import io.github.ecsexecreadiness.fix.Fix;
import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.check.Remedy;
import io.github.ecsexecreadiness.check.Remedy.Proposal;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.collect.Unreadable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns a service's failing checks into the fixes that repair them, and decides each with the guardrails: asks
 * the remedy of each failing check ({@link Check#remedy}) what it proposes, applies the guardrails, and orders
 * the result. Pure: it reads the report and the snapshot, never AWS. WARN and UNKNOWN results plan nothing; a
 * fix is automatic only where the change is additive and exactly known, every other failure becomes what a
 * person must do.
 */
public final class Planner {

    /**
     * @param reviewed a person approved these fixes (a Security Hub reviewed fix): lifts the protected-environment
     *                 VPC-endpoint and session-grant guardrails, and nothing else
     */
    public Plan plan(ServiceReport report, ServiceFacts facts, RemediationSettings settings, boolean reviewed) {
        return plan(report, facts, settings, reviewed, fix -> true);
    }

    /**
     * @param selected the fixes to keep (a reviewed fix keeps those repairing the findings a person chose); the
     *                 others are left out before the plan's effect is worked out, so what it promises rests only
     *                 on the fixes that will run
     */
    public Plan plan(ServiceReport report, ServiceFacts facts, RemediationSettings settings, boolean reviewed,
                     Predicate<Fix> selected) {
        // Checks sharing a remedy are repaired together: their remedy is asked once, with all their failures.
        Map<Remedy, List<CheckResult>> failing = new LinkedHashMap<>();
        for (CheckResult result : report.withStatus(Status.FAIL)) {
            Remedy remedy = Checks.find(result.id()).map(Check::remedy).orElse(Remedy.MANUAL);
            failing.computeIfAbsent(remedy, r -> new ArrayList<>()).add(result);
        }
        var remedyContext = new Remedy.Context(settings.ssmmessagesPolicyArn());
        List<Proposal> proposals = new ArrayList<>();
        failing.forEach((remedy, results) -> proposals.addAll(propose(remedy, results, facts, remedyContext)));

        List<String> checkOrder = report.results().stream().map(CheckResult::id).toList();
        var context = new Guardrail.Context(facts, report, settings);
        List<PlannedFix> fixes = proposals.stream()
                .collect(Collectors.toMap(Proposal::fix, p -> p, (first, again) -> first, LinkedHashMap::new))
                .values().stream()
                .filter(proposal -> selected.test(proposal.fix()))
                .sorted(Comparator.<Proposal>comparingInt(p -> p.fix().kind().ordinal())
                        .thenComparingInt(p -> checkOrder.indexOf(p.fix().checkId())))
                .map(proposal -> decide(proposal, context, reviewed))
                .toList();
        return new Plan(facts.service().arn(), ReadyAfterPlan.require(report, facts, fixes));
    }

    /** A remedy that cannot read what it needs leaves each failure to a person, saying why. */
    private static List<Proposal> propose(Remedy remedy, List<CheckResult> failing, ServiceFacts facts,
                                          Remedy.Context context) {
        try {
            return remedy.propose(failing, facts, context);
        } catch (Unreadable e) {
            return failing.stream().map(result -> Proposal.manual(result.id(), result.check().remediation(),
                    "no automatic fix could be planned (" + e.getMessage() + "); " + result.reason())).toList();
        }
    }

    /**
     * MANUAL stays MANUAL and a remedy's BLOCKED stays BLOCKED. Otherwise every guardrail is asked: any MANUAL
     * reason leaves the fix to a person (a review does not lift it); else any BLOCKED reason blocks (all of them are named); else any DRY_RUN reason makes it a dry run; else APPLY. A
     * guardrail that cannot be evaluated blocks the fix.
     */
    private static PlannedFix decide(Proposal proposal, Guardrail.Context context, boolean reviewed) {
        Fix fix = proposal.fix();
        if (fix.kind() == Fix.Kind.MANUAL) {
            return new PlannedFix(fix, PlannedFix.Decision.MANUAL, proposal.reason());
        }
        if (proposal.blocked()) {
            return new PlannedFix(fix, PlannedFix.Decision.BLOCKED, proposal.reason());
        }
        List<String> manual = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        List<String> dryRun = new ArrayList<>();
        List<String> lifted = new ArrayList<>();
        for (Guardrail guardrail : Guardrail.values()) {
            Optional<String> why;
            try {
                why = guardrail.evaluate(fix, context);
            } catch (RuntimeException e) {
                String cause = e.getMessage() == null ? e.toString() : e.getMessage();
                blocked.add("guardrail could not be evaluated: " + cause + " (" + guardrail.label() + ")");
                continue;
            }
            if (why.isEmpty()) {
                continue;
            }
            if (reviewed && guardrail.liftedWhenReviewed()) {
                lifted.add(why.get());
            } else {
                (switch (guardrail.decision()) {
                    case MANUAL -> manual;
                    case BLOCKED -> blocked;
                    default -> dryRun;
                }).add(why.get());
            }
        }
        String note = proposal.reason() == null ? "" : "; " + proposal.reason();
        if (!manual.isEmpty()) {
            return new PlannedFix(fix, PlannedFix.Decision.MANUAL, String.join("; ", manual) + note);
        }
        if (!blocked.isEmpty()) {
            return new PlannedFix(fix, PlannedFix.Decision.BLOCKED, String.join("; ", blocked) + note);
        }
        String liftedNote = lifted.isEmpty() ? "" : "; reviewed, so allowed although " + String.join("; ", lifted);
        if (!dryRun.isEmpty()) {
            return new PlannedFix(fix, PlannedFix.Decision.DRY_RUN, String.join("; ", dryRun) + liftedNote + note);
        }
        return new PlannedFix(fix, PlannedFix.Decision.APPLY, "every guardrail allows it" + liftedNote + note);
    }
}
