package io.github.ecsexecreadiness.check.iam;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.collect.Unreadable;
import io.github.ecsexecreadiness.iam.Decision;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.iam.PolicyEvaluator;
import io.github.ecsexecreadiness.iam.RequestContext;
import io.github.ecsexecreadiness.model.Arns;
import io.github.ecsexecreadiness.model.Iam;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the iam.* checks share: finding each task role of a service, asking whether it holds a set of
 * permissions, and saying in one line which roles lack which actions and why.
 */
final class TaskRolePermissions {
    /** One evaluator for every check and service, so that each policy document is parsed once. */
    static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();
    private static final int MAX_LISTED = 3;

    private TaskRolePermissions() {}

    /** Something wrong, or undecidable, about one task role. */
    record Finding(Status status, String line) {}

    /** A task role, or why it cannot be evaluated. */
    record Lookup(Iam.Role role, Finding problem) {}

    /**
     * The role behind a task role reference, its ARN or (as RegisterTaskDefinition accepts) its short name: not
     * found is FAIL; a role of another account (whose IAM this scan does not read) or one that could not be read
     * is UNKNOWN.
     */
    static Lookup lookup(ServiceFacts facts, String roleArn) {
        if (!inAccount(facts, roleArn)) {
            return problem(Status.UNKNOWN, "task role %s is not in account %s, the only one whose IAM is read"
                    .formatted(roleArn, facts.accountId()));
        }
        try {
            return facts.role(roleArn)
                    .map(role -> new Lookup(role, null))
                    .orElseGet(() -> problem(Status.FAIL, "task role " + roleArn + " does not exist"));
        } catch (Unreadable e) {
            return problem(Status.UNKNOWN, e.getMessage());
        }
    }

    /** A short name names a role of the task definition's own account; an ARN says its account. */
    static boolean inAccount(ServiceFacts facts, String roleReference) {
        return !roleReference.startsWith("arn:")
                || Arns.account(roleReference).filter(facts.accountId()::equals).isPresent();
    }

    private static Lookup problem(Status status, String line) {
        return new Lookup(null, new Finding(status, line));
    }

    /**
     * Whether every task role of the service holds every permission.
     *
     * @param purpose    what the permissions are for, completing "task role X may ..." (e.g. "write ECS Exec
     *                   session logs to log group /ecs/web")
     * @param whenDenied the status for a permission a role surely lacks, given the decision that says so;
     *                   conditional answers are UNKNOWN, a missing task role is FAIL
     */
    static CheckResult evaluate(Check check, ServiceFacts facts, String purpose, List<Permission> required,
                                Function<Decision, Status> whenDenied) {
        return evaluate(check, facts, purpose,
                role -> gaps(role, required, whenDenied, List.of(RequestContext.UNKNOWN)));
    }

    /** The more severe of two findings about one role (FAIL, then WARN, then UNKNOWN), both lines kept. */
    static Optional<Finding> worst(Optional<Finding> one, Optional<Finding> other) {
        if (one.isEmpty() || other.isEmpty()) {
            return one.isPresent() ? one : other;
        }
        Status status = rank(one.get().status()) <= rank(other.get().status()) ? one.get().status()
                : other.get().status();
        return Optional.of(new Finding(status, one.get().line() + "; " + other.get().line()));
    }

    /**
     * Whether every task role of the service may do what {@code purpose} says, as {@code decide} finds for each
     * role that exists in this account (empty: it may); a missing role is FAIL, an unreadable one UNKNOWN.
     */
    static CheckResult evaluate(Check check, ServiceFacts facts, String purpose,
                                Function<Iam.Role, Optional<Finding>> decide) {
        List<Finding> findings = new ArrayList<>();
        List<String> holding = new ArrayList<>();
        for (Optional<String> roleArn : facts.taskRoleArns()) {
            if (roleArn.isEmpty()) {
                findings.add(new Finding(Status.FAIL, "no task role (see iam.task-role)"));
                continue;
            }
            Lookup lookup = lookup(facts, roleArn.get());
            if (lookup.problem() != null) {
                findings.add(lookup.problem());
                continue;
            }
            decide.apply(lookup.role()).ifPresentOrElse(findings::add, () -> holding.add(roleArn.get()));
        }
        if (findings.isEmpty()) {
            return new CheckResult(check.metadata(), Status.PASS, (holding.size() == 1 ? "task role " : "task roles ")
                    + String.join(", ", holding) + " may " + purpose);
        }
        return result(check, findings, "needed to " + purpose);
    }

    /** The most severe finding's status (FAIL, then WARN, then UNKNOWN), and every finding in one line. */
    static CheckResult result(Check check, List<Finding> findings, String context) {
        List<Finding> sorted = findings.stream().distinct()
                .sorted(Comparator.comparingInt(finding -> rank(finding.status())))
                .toList();
        List<String> lines = sorted.stream().map(Finding::line).toList();
        return new CheckResult(check.metadata(), sorted.getFirst().status(), capped(lines) + "; " + context);
    }

    /** The first few items, then how many more. */
    static String capped(List<String> items) {
        return items.size() <= MAX_LISTED ? String.join("; ", items)
                : String.join("; ", items.subList(0, MAX_LISTED)) + " and " + (items.size() - MAX_LISTED) + " more";
    }

    /**
     * What the role lacks of {@code required}, for requests made in each of {@code contexts} (one per network path
     * of the service's tasks): a permission lacking in one of them is lacking. Empty when it lacks nothing.
     */
    static Optional<Finding> gaps(Iam.Role role, List<Permission> required,
                                  Function<Decision, Status> whenDenied, List<RequestContext> contexts) {
        Status worst = null;
        // why -> resource -> actions, so that what is missing for the same reason reads as one list
        Map<String, Map<String, List<String>>> lacking = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> doubtful = new LinkedHashMap<>();
        for (Decision decision : worstOf(role, required, contexts)) {
            if (decision.allowed()) {
                continue;
            }
            Status status = decision.denied() ? whenDenied.apply(decision) : Status.UNKNOWN;
            worst = worst == null || rank(status) < rank(worst) ? status : worst;
            (decision.denied() ? lacking : doubtful)
                    .computeIfAbsent(decision.explanation(), why -> new LinkedHashMap<>())
                    .computeIfAbsent(decision.permission().resource(), resource -> new ArrayList<>())
                    .add(decision.permission().action());
        }
        if (worst == null) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        if (!lacking.isEmpty()) {
            parts.add("lacks " + describe(lacking));
        }
        if (!doubtful.isEmpty()) {
            parts.add("may lack " + describe(doubtful));
        }
        return Optional.of(new Finding(worst, "task role " + role.arn() + " " + String.join(" and ", parts)));
    }

    /** For each permission, its decision in the context where it fares worst: denied, then conditional. */
    private static List<Decision> worstOf(Iam.Role role, List<Permission> required, List<RequestContext> contexts) {
        List<Decision> worst = null;
        for (RequestContext context : contexts) {
            List<Decision> decisions = EVALUATOR.evaluate(role, required, asRole(role, context));
            if (worst == null) {
                worst = new ArrayList<>(decisions);
                continue;
            }
            for (int i = 0; i < decisions.size(); i++) {
                if (badness(decisions.get(i)) > badness(worst.get(i))) {
                    worst.set(i, decisions.get(i));
                }
            }
        }
        return worst;
    }

    /** The context of requests the role's session signs: its ARN is {@code aws:PrincipalArn}. */
    static RequestContext asRole(Iam.Role role, RequestContext context) {
        return context.withPrincipal(role.arn(), Arns.account(role.arn()).orElse(""));
    }

    static int badness(Decision decision) {
        return decision.denied() ? 2 : decision.allowed() ? 0 : 1;
    }

    /** {@code a, b on * and c on arn:... (why), d on * (other why)} */
    private static String describe(Map<String, Map<String, List<String>>> actionsByWhy) {
        List<String> groups = new ArrayList<>();
        actionsByWhy.forEach((why, byResource) -> {
            List<String> onResources = new ArrayList<>();
            byResource.forEach((resource, actions) -> onResources.add(String.join(", ", actions) + " on " + resource));
            groups.add(String.join(" and ", onResources) + " (" + why + ")");
        });
        return String.join(", ", groups);
    }

    private static int rank(Status status) {
        return switch (status) {
            case FAIL -> 0;
            case WARN -> 1;
            case UNKNOWN -> 2;
            case PASS, NOT_APPLICABLE -> 3;
        };
    }

    /** The partition (aws, aws-cn, aws-us-gov) of the service, for ARNs the checks build. */
    static String partition(ServiceFacts facts) {
        return facts.service().arn().split(":", 3)[1];
    }
}
