package io.github.ecsexecreadiness.check.iam;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.Remedy;
import io.github.ecsexecreadiness.check.Remedy.Proposal;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.network.RequestOrigins;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.iam.RequestContext;
import io.github.ecsexecreadiness.model.Organizations.ServiceControlPolicies;
import io.github.ecsexecreadiness.fix.Fix;
import java.util.List;

/** {@code iam.ssmmessages}: every task role may open the Session Manager channels ECS Exec runs over. */
public final class SsmmessagesCheck extends Check {
    /** The four actions the ECS Exec documentation requires, on Resource "*". */
    public static final List<Permission> REQUIRED = Permission.onResource("*",
            "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel");

    private static final Remedy REMEDY = Remedy.forEachResult(List.of(Fix.AttachSsmmessagesPolicy.class),
            SsmmessagesCheck::attachPolicy,
            (result, facts) -> TaskRoleGrants.advice(facts, REQUIRED, missing -> "ecs-exec-ssmmessages"));

    public static final CheckMetadata METADATA = CheckMetadata.builder("iam.ssmmessages")
            .title("Every task role may open the ssmmessages channels")
            .severity(Severity.HIGH)
            .findingType(FindingType.CONFIGURATION)
            .rationale("An ECS Exec session runs over Session Manager channels that the SSM agent in the container "
                    + "opens with the task role's credentials; without the four ssmmessages channel actions the agent "
                    + "cannot connect and execute-command fails with TargetNotConnectedException.")
            .remediation("Attach to the task role a policy allowing ssmmessages:CreateControlChannel, "
                    + "ssmmessages:CreateDataChannel, ssmmessages:OpenControlChannel and ssmmessages:OpenDataChannel "
                    + "on Resource \"*\" (aws iam put-role-policy --role-name <role> --policy-name "
                    + "ecs-exec-ssmmessages --policy-document ...); remove any Deny or permissions-boundary gap the "
                    + "reason names.")
            .documentation(CheckMetadata.ECS_EXEC_DOC)
            .stopsSession(true)
            .build();

    public SsmmessagesCheck() {
        super(METADATA, REMEDY);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        // A Condition on the network path (aws:SourceVpce, aws:SourceVpc) or the Region is decided from the path
        // network.ssmmessages computes for each placement of the tasks.
        List<RequestContext> contexts = RequestOrigins.of(facts, "ssmmessages");
        ServiceControlPolicies scps = facts.serviceControlPolicies();
        CheckResult result = TaskRolePermissions.evaluate(this, facts, "open the ECS Exec ssmmessages channels",
                role -> TaskRolePermissions.worst(
                        TaskRolePermissions.gaps(role, REQUIRED, decision -> Status.FAIL, contexts),
                        ServiceControlPolicyGaps.of(scps, role, REQUIRED, contexts)));
        return result.status() == Status.PASS
                ? new CheckResult(METADATA, Status.PASS, result.reason() + ServiceControlPolicyGaps.note(scps))
                : result;
    }

    /**
     * Attach the stack's ssmmessages policy to each task role that lacks a channel action; blocked where the
     * stack provides none. A person is told to put the same four actions on the role as an inline policy.
     */
    private static List<Proposal> attachPolicy(CheckResult result, ServiceFacts facts, Remedy.Context context) {
        String policyArn = context.ssmmessagesPolicyArn();
        List<Proposal> proposals = TaskRoleGrants.proposals(result, facts, REQUIRED,
                (roleArn, missing) -> new Fix.AttachSsmmessagesPolicy(roleArn, policyArn == null ? "" : policyArn),
                policyArn == null || policyArn.isBlank() ? "SSMMESSAGES_POLICY_ARN is not set" : null);
        // A FAIL that no grant repairs (a Deny that holds on the network path, a service control policy) is a
        // person's to resolve, with the reason naming the policy.
        return proposals.isEmpty() ? List.of(Proposal.manual(result)) : proposals;
    }
}
