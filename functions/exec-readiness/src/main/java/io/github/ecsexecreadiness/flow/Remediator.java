package io.github.ecsexecreadiness.flow;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.apply.AccountWriters;
import io.github.ecsexecreadiness.apply.Applier;
import io.github.ecsexecreadiness.apply.Remediation;
import io.github.ecsexecreadiness.apply.RemediationLedger;
import io.github.ecsexecreadiness.plan.Planner;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.Telemetry;
import java.time.Clock;

/**
 * The plan and apply steps of one account and Region: its writers, the ledger of forced deployments, the
 * guardrail settings, and the IAM path of the remediator's own roles (the template puts them under the stack's
 * path), by which CloudTrail events caused by its own changes are recognised (null where no such event comes).
 */
public record Remediator(AccountWriters writers, RemediationLedger ledger, RemediationSettings settings,
                         String remediatorRolePath, Clock clock) {

    /** Plans each service under the guardrails (lifted as far as a review lifts them), keeps the allowed fixes. */
    Remediation remediation(ReadinessScan scan, Telemetry telemetry, Request.Fixes fixes) {
        Planner planner = new Planner();
        return new Remediation(scan, (report, facts) -> planner.plan(report, facts, settings, fixes.reviewed(),
                fixes.selected()).fixes(),
                new Applier(writers, ledger, fixes.reviewed() ? settings.reviewed() : settings, telemetry, clock));
    }

    /**
     * The same guardrails, ledger and clock acting on a member account: its writers, the ssmmessages policy
     * member-role.yaml creates there, and the member role as the remediator's own (its CloudTrail records are
     * the remediator's changes; the role sits at the root path, so its name is matched).
     */
    public Remediator inMember(AccountWriters memberWriters, String accountId, String partition, String roleName) {
        return new Remediator(memberWriters, ledger, settings.withSsmmessagesPolicyArn("arn:" + partition + ":iam::"
                + accountId + ":policy/" + roleName + RemediationSettings.MEMBER_SSMMESSAGES_POLICY_SUFFIX),
                "/" + roleName, clock);
    }

    /** CloudTrail names the role session of the caller; the remediator's roles all live under one path. */
    boolean causedBy(String principalArn) {
        return principalArn != null && remediatorRolePath != null
                && principalArn.contains(":role" + remediatorRolePath);
    }
}
