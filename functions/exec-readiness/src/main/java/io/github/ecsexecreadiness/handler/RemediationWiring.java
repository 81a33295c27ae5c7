package io.github.ecsexecreadiness.handler;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.apply.AccountWriters;
import io.github.ecsexecreadiness.apply.Applier;
import io.github.ecsexecreadiness.apply.Remediation;
import io.github.ecsexecreadiness.apply.RemediationLedger;
import io.github.ecsexecreadiness.plan.Fix;
import io.github.ecsexecreadiness.plan.Planner;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.Telemetry;
import java.time.Clock;
import java.util.function.Predicate;

/**
 * What the remediating functions need besides the readers: the writers, the ledger of forced deployments, the
 * guardrail settings, and the IAM path of the remediator's own roles (the template puts them under the stack's
 * path), by which CloudTrail events caused by its own changes are recognised.
 */
record RemediationWiring(AccountWriters writers, RemediationLedger ledger, RemediationSettings settings,
                         String remediatorRolePath, Clock clock) {

    /** @param reviewed a person approved it (Security Hub custom action): lifts the two reviewable guardrails */
    Remediation remediation(ReadinessScan scan, Telemetry telemetry, boolean reviewed) {
        return remediation(scan, telemetry, reviewed, fix -> true);
    }

    /** @param selected the fixes to keep from each plan (a reviewed fix applies those of the chosen findings) */
    Remediation remediation(ReadinessScan scan, Telemetry telemetry, boolean reviewed, Predicate<Fix> selected) {
        Planner planner = new Planner();
        return new Remediation(scan, (report, facts) -> planner.plan(report, facts, settings, reviewed).fixes()
                .stream().filter(planned -> selected.test(planned.fix())).toList(),
                new Applier(writers, ledger, reviewed ? settings.reviewed() : settings, telemetry, clock));
    }

    /**
     * The same guardrails, ledger and clock acting on a member account: its writers, the ssmmessages policy
     * member-role.yaml creates there, and the member role as the remediator's own (its CloudTrail records are
     * the remediator's changes; the role sits at the root path, so its name is matched).
     */
    RemediationWiring inMember(AccountWriters memberWriters, String accountId, String partition, String roleName) {
        return new RemediationWiring(memberWriters, ledger, settings.withSsmmessagesPolicyArn("arn:" + partition
                + ":iam::" + accountId + ":policy/" + roleName + RemediationSettings.MEMBER_SSMMESSAGES_POLICY_SUFFIX), "/" + roleName,
                clock);
    }

    /** CloudTrail names the role session of the caller; the remediator's roles all live under one path. */
    boolean causedByRemediator(EcsServiceEvent event) {
        return event.actorArn() != null && remediatorRolePath != null
                && event.actorArn().contains(":role" + remediatorRolePath);
    }
}
