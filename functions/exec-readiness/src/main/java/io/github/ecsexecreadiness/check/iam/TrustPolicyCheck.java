package io.github.ecsexecreadiness.check.iam;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.iam.TaskRolePermissions.Finding;
import io.github.ecsexecreadiness.iam.Decision;
import io.github.ecsexecreadiness.iam.RequestContext;
import io.github.ecsexecreadiness.model.Iam;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code iam.trust-policy}: ECS may assume every task role. The trust policy must let {@code ecs-tasks.amazonaws.com}
 * {@code sts:AssumeRole}; confused-deputy conditions on {@code aws:SourceAccount} and {@code aws:SourceArn} must admit
 * this account and Region. The trust policy comes with the role (GetRole, GetAccountAuthorizationDetails).
 */
public final class TrustPolicyCheck extends Check {
    static final String ECS_TASKS = "ecs-tasks.amazonaws.com";

    public static final CheckMetadata METADATA = CheckMetadata.builder("iam.trust-policy")
            .title("ECS may assume every task role")
            .severity(Severity.HIGH)
            .findingType(FindingType.CONFIGURATION)
            .rationale("The task role's credentials, which the SSM agent in the container opens the ECS Exec channels "
                    + "with, exist only if Amazon ECS may assume the role: its trust policy must allow "
                    + ECS_TASKS + " sts:AssumeRole, and aws:SourceAccount or aws:SourceArn conditions (the "
                    + "confused-deputy protection AWS recommends) must name this account and Region.")
            .remediation("Update the role's trust policy (aws iam update-assume-role-policy --role-name <role> "
                    + "--policy-document ...) to allow the service principal " + ECS_TASKS + " sts:AssumeRole, "
                    + "with aws:SourceAccount set to this account and aws:SourceArn like "
                    + "arn:aws:ecs:<region>:<account>:* if you restrict it.")
            .documentation("https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html")
            .stopsSession(true)
            .build();

    public TrustPolicyCheck() {
        super(METADATA);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        RequestContext fromEcs = fromEcs(facts);
        return TaskRolePermissions.evaluate(this, facts, "be assumed by " + ECS_TASKS,
                role -> decide(role, fromEcs));
    }

    /**
     * What a request of ECS to assume a task role of this service carries: this account as {@code aws:SourceAccount},
     * and as {@code aws:SourceArn} an ECS ARN of this account and Region whose resource part AWS does not document.
     */
    static RequestContext fromEcs(ServiceFacts facts) {
        String partition = TaskRolePermissions.partition(facts);
        return new RequestContext(Map.of(RequestContext.SOURCE_ACCOUNT, facts.accountId()), Set.of(),
                Map.of(RequestContext.SOURCE_ARN, "arn:" + partition + ":ecs:" + facts.region() + ":"
                        + facts.accountId() + ":"),
                "from ECS in account " + facts.accountId() + ", " + facts.region());
    }

    private static Optional<Finding> decide(Iam.Role role, RequestContext fromEcs) {
        if (role.assumeRolePolicyDocument() == null) {
            return Optional.of(new Finding(Status.UNKNOWN, "the trust policy of task role " + role.arn()
                    + " was not read"));
        }
        Decision decision = TaskRolePermissions.EVALUATOR.trustPolicy(role.assumeRolePolicyDocument(), role.arn(),
                ECS_TASKS, fromEcs);
        if (decision.allowed()) {
            return Optional.empty();
        }
        Status status = decision.denied() ? Status.FAIL : Status.UNKNOWN;
        return Optional.of(new Finding(status, "task role " + role.arn() + ": " + decision.explanation()));
    }
}
