package io.github.ecsexecreadiness.check.iam;

import io.github.ecsexecreadiness.check.AwsCli;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Remedy.Proposal;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.collect.Unreadable;
import io.github.ecsexecreadiness.iam.Decision;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.model.Iam;
import io.github.ecsexecreadiness.fix.Fix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the remedies of the iam.* permission checks share: for each task role, grant what an attached policy can
 * grant (permissions no policy allows), and leave to a person what it cannot (an explicit Deny, a permissions
 * boundary). Roles without a gap, or with only conditional answers, get nothing: no automatic change on a doubt.
 */
final class TaskRoleGrants {
    private TaskRoleGrants() {}

    /** What one role lacks: what a policy can grant, and what it cannot, by the reason it cannot. */
    private record Gaps(List<Permission> grantable, Map<String, List<String>> stuck) {}

    /**
     * One proposal per task role with a gap: the fix for what can be granted, a person's step for what cannot.
     *
     * @param fixFor         the fix granting a role the permissions it lacks
     * @param blockedBecause when set, every automatic fix is blocked for this reason
     */
    static List<Proposal> proposals(CheckResult result, ServiceFacts facts, List<Permission> required,
                                    BiFunction<String, List<Permission>, Fix> fixFor, String blockedBecause) {
        List<Proposal> proposals = new ArrayList<>();
        for (Optional<String> taskRole : facts.taskRoleArns()) {
            if (taskRole.isEmpty()) {
                continue; // iam.task-role fails too, and says what to do
            }
            String roleArn = taskRole.get();
            if (!TaskRolePermissions.inAccount(facts, roleArn)) {
                proposals.add(Proposal.manual(result.id(), "Grant " + actions(required) + " to task role " + roleArn
                        + " in its own account: only account " + facts.accountId() + " is read and changed",
                        result.reason()));
                continue;
            }
            Optional<Iam.Role> role;
            try {
                role = facts.role(roleArn);
            } catch (Unreadable e) {
                proposals.add(Proposal.blocked(fixFor.apply(roleArn, required),
                        "task role could not be read: " + e.getMessage()));
                continue;
            }
            if (role.isEmpty()) {
                proposals.add(Proposal.manual(result.id(), "Create task role " + roleArn + " or point the task "
                        + "definition at an existing role (see iam.task-role)", "task role " + roleArn + " does not exist"));
                continue;
            }
            Gaps gaps = gaps(role.get(), required);
            Optional<String> owner = RoleOwnership.owner(role.get());
            if (!gaps.grantable().isEmpty() && owner.isPresent()) {
                proposals.add(Proposal.manual(result.id(), "Add this statement to the policy of task role " + roleArn
                        + " in " + owner.get() + ": " + Permission.allowDocument(gaps.grantable()), "task role "
                        + roleArn + " is owned by " + owner.get() + ": a change made here would drift from it and be "
                        + "reverted; " + result.reason()));
            } else if (!gaps.grantable().isEmpty()) {
                // The role's own ARN: the task definition may name it by its short name.
                Fix fix = fixFor.apply(role.get().arn(), gaps.grantable());
                proposals.add(blockedBecause == null ? Proposal.guarded(fix, null) : Proposal.blocked(fix, blockedBecause));
            }
            if (!gaps.stuck().isEmpty()) {
                String why = gaps.stuck().entrySet().stream()
                        .map(e -> String.join(", ", e.getValue()) + " (" + e.getKey() + ")")
                        .collect(Collectors.joining("; "));
                proposals.add(Proposal.manual(result.id(), "Remove the Deny or widen the permissions boundary that "
                        + "stops task role " + roleArn + ": an attached policy cannot override it",
                        "task role " + roleArn + " is refused " + why));
            }
        }
        return proposals;
    }

    /**
     * For each task role of this account that lacks permissions a policy can grant: the command putting an inline
     * policy with exactly those on it. Roles that cannot be read are skipped: the result says why.
     *
     * @param policyName the policy's name for the permissions granted
     */
    static List<String> advice(ServiceFacts facts, List<Permission> required,
                               Function<List<Permission>, String> policyName) {
        List<String> commands = new ArrayList<>();
        for (Optional<String> taskRole : facts.taskRoleArns()) {
            if (taskRole.isEmpty() || !TaskRolePermissions.inAccount(facts, taskRole.get())) {
                continue;
            }
            Optional<Iam.Role> role;
            try {
                role = facts.role(taskRole.get());
            } catch (Unreadable e) {
                continue;
            }
            role.map(r -> gaps(r, required).grantable()).filter(missing -> !missing.isEmpty())
                    .ifPresent(missing -> commands.add(AwsCli.command("iam", "put-role-policy")
                            .option("--role-name", role.get().name())
                            .option("--policy-name", policyName.apply(missing))
                            .option("--policy-document", Permission.allowDocument(missing)).toString()));
        }
        return commands;
    }

    /**
     * Session permissions (logging, KMS) granted through a customer managed policy this project creates under its
     * own path, {@link Fix.GrantSessionPermissions#policyName named} for the cluster and exactly the permissions a role lacks.
     */
    static List<Proposal> sessionPermissions(CheckResult result, ServiceFacts facts, String purpose,
                                             List<Permission> required) {
        String cluster = facts.cluster().name();
        return proposals(result, facts, required, (roleArn, missing) -> new Fix.GrantSessionPermissions(result.id(),
                roleArn, Fix.GrantSessionPermissions.policyName(purpose, cluster, missing), missing), null);
    }

    /** What {@link #sessionPermissions} grants, as the commands a person runs (an inline policy of the same name). */
    static List<String> sessionPermissionsAdvice(ServiceFacts facts, String purpose, List<Permission> required) {
        String cluster = facts.cluster().name();
        return advice(facts, required, missing -> Fix.GrantSessionPermissions.policyName(purpose, cluster, missing));
    }

    private static Gaps gaps(Iam.Role role, List<Permission> required) {
        List<Permission> grantable = new ArrayList<>();
        Map<String, List<String>> stuck = new LinkedHashMap<>();
        for (Decision decision : TaskRolePermissions.EVALUATOR.evaluate(role, required)) {
            switch (decision.outcome()) {
                case IMPLICIT_DENY -> grantable.add(decision.permission().grant());
                case EXPLICIT_DENY, DENIED_BY_BOUNDARY -> stuck.computeIfAbsent(decision.explanation(),
                        why -> new ArrayList<>()).add(decision.permission().action() + " on "
                        + decision.permission().resource());
                case ALLOWED, CONDITIONAL -> { }
            }
        }
        return new Gaps(grantable, stuck);
    }

    private static String actions(List<Permission> permissions) {
        return permissions.stream().map(Permission::action).distinct().collect(Collectors.joining(", "));
    }
}
