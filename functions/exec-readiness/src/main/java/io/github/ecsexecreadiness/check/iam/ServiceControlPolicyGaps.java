package io.github.ecsexecreadiness.check.iam;

import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.iam.TaskRolePermissions.Finding;
import io.github.ecsexecreadiness.iam.Decision;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.iam.RequestContext;
import io.github.ecsexecreadiness.model.Iam;
import io.github.ecsexecreadiness.model.Organizations.ServiceControlPolicies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the service control policies binding the account refuse a task role: a Deny or a level that does not allow
 * an action FAILs, naming the policy and its target; a Condition they leave open, or SCPs that could not be read,
 * is UNKNOWN. SCPs not read outside organisation mode, or those of the management account (to which they do not
 * apply), refuse nothing.
 */
final class ServiceControlPolicyGaps {
    private ServiceControlPolicyGaps() {}

    static Optional<Finding> of(ServiceControlPolicies scps, Iam.Role role, List<Permission> required,
                                List<RequestContext> contexts) {
        switch (scps.state()) {
            case NOT_READ, MANAGEMENT_ACCOUNT -> {
                return Optional.empty();
            }
            case UNREADABLE -> {
                return Optional.of(new Finding(Status.UNKNOWN, scps.why() + ", and one could deny task role "
                        + role.arn() + " these actions"));
            }
            case READ -> { }
        }
        // why -> actions, the worst decision of each action over the contexts
        Map<String, List<String>> denied = new LinkedHashMap<>();
        Map<String, List<String>> doubtful = new LinkedHashMap<>();
        for (Permission permission : required) {
            Decision worst = null;
            for (RequestContext context : contexts) {
                Decision decision = TaskRolePermissions.EVALUATOR.serviceControlPolicies(scps.levels(), permission,
                        TaskRolePermissions.asRole(role, context));
                if (worst == null || TaskRolePermissions.badness(decision) > TaskRolePermissions.badness(worst)) {
                    worst = decision;
                }
            }
            if (!worst.allowed()) {
                (worst.denied() ? denied : doubtful).computeIfAbsent(worst.explanation(), why -> new ArrayList<>())
                        .add(permission.action());
            }
        }
        if (denied.isEmpty() && doubtful.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        denied.forEach((why, actions) -> parts.add("is refused " + String.join(", ", actions) + " (" + why + ")"));
        doubtful.forEach((why, actions) -> parts.add("may be refused " + String.join(", ", actions) + " (" + why + ")"));
        return Optional.of(new Finding(denied.isEmpty() ? Status.UNKNOWN : Status.FAIL,
                "task role " + role.arn() + " " + String.join(" and ", parts)));
    }

    /** What a passing result adds: why SCPs did not count. */
    static String note(ServiceControlPolicies scps) {
        return switch (scps.state()) {
            case READ -> scps.levels().isEmpty() ? "" : "; service control policies on "
                    + String.join(", ", scps.levels().stream().map(l -> l.targetId()).toList()) + " allow it";
            case NOT_READ, MANAGEMENT_ACCOUNT, UNREADABLE -> "; " + scps.why();
        };
    }
}
