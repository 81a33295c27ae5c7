package io.github.ecsexecreadiness.iam;

import io.github.ecsexecreadiness.iam.Decision.Outcome;
import io.github.ecsexecreadiness.model.Iam;
import io.github.ecsexecreadiness.model.Organizations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides locally, from a role's identity policies and permissions boundary, whether the role may make a
 * request, following AWS's evaluation logic for identity-based policies: an explicit Deny anywhere wins; an
 * identity policy must Allow; a permissions boundary, when set, must Allow too. Resource policies, SCPs and
 * session policies are not seen here.
 *
 * <p>Where a Condition, a policy variable or an unparsable document could change the answer, the outcome is
 * {@link Outcome#CONDITIONAL} rather than a guess. Thread-safe; documents are parsed once per distinct text,
 * since many services share a role and many roles share managed policies.
 */
public final class PolicyEvaluator {
    /** Beyond this many distinct documents the cache starts over, to bound memory in long-lived Lambdas. */
    private static final int MAX_CACHED_DOCUMENTS = 10_000;

    private final Map<String, Optional<PolicyDocument>> parsed = new ConcurrentHashMap<>();

    public Decision evaluate(Iam.Role role, String action, String resource) {
        return evaluate(role, List.of(new Permission(action, resource))).getFirst();
    }

    /** One decision per permission, in the same order, with nothing known of the requests' context. */
    public List<Decision> evaluate(Iam.Role role, List<Permission> permissions) {
        return evaluate(role, permissions, RequestContext.UNKNOWN);
    }

    /**
     * One request whose condition keys are all known: {@code context} names every key the request carries, and a
     * key it does not name is absent. Conditions are then decided wherever their operator is (see
     * {@link PolicyCondition}), as for the stacks' own policies, which the tests evaluate this way.
     */
    public Decision evaluate(Iam.Role role, Permission permission, Map<String, String> context) {
        return evaluate(role, List.of(permission), RequestContext.complete(context)).getFirst();
    }

    /**
     * One decision per permission, in the same order, for requests made in {@code context}: Conditions the
     * context decides no longer leave the answer {@link Outcome#CONDITIONAL}.
     */
    public List<Decision> evaluate(Iam.Role role, List<Permission> permissions, RequestContext context) {
        return evaluate(Iam.Identity.of(role), permissions, context);
    }

    /** As for a role: a user's identity policies are its own and those of its groups. */
    public List<Decision> evaluate(Iam.Identity principal, List<Permission> permissions, RequestContext context) {
        List<Labelled> identity = principal.identityPolicies().stream()
                .map(policy -> labelled(policy.source(), policy.document()))
                .toList();
        Iam.Policy boundaryPolicy = principal.permissionsBoundary();
        Labelled boundary = boundaryPolicy == null ? null
                : labelled("permissions boundary " + boundaryPolicy.source(), boundaryPolicy.document());
        List<Decision> decisions = new ArrayList<>(permissions.size());
        for (Permission permission : permissions) {
            decisions.add(decide(permission, identity, boundary, context));
        }
        return decisions;
    }

    private static Decision decide(Permission permission, List<Labelled> identityPolicies, Labelled boundaryPolicy,
                                   RequestContext context) {
        String action = permission.action().toLowerCase(Locale.ROOT);
        Tally identity = new Tally();
        identityPolicies.forEach(policy -> identity.add(policy, action, permission.request(), context));
        Tally boundary = null;
        if (boundaryPolicy != null) {
            boundary = new Tally();
            boundary.add(boundaryPolicy, action, permission.request(), context);
        }

        if (identity.deny != null) {
            return new Decision(permission, Outcome.EXPLICIT_DENY, "denied by " + identity.deny);
        }
        if (boundary != null && boundary.deny != null) {
            return new Decision(permission, Outcome.EXPLICIT_DENY, "denied by " + boundary.deny);
        }
        if (boundary != null && !boundary.mayAllow()) {
            return new Decision(permission, Outcome.DENIED_BY_BOUNDARY, "not allowed by " + boundaryPolicy.label
                    + (identity.mayAllow() ? "" : " nor by any identity policy"));
        }
        if (!identity.mayAllow()) {
            return new Decision(permission, Outcome.IMPLICIT_DENY, "not allowed by any identity policy");
        }
        String doubt = identity.maybeDeny != null ? identity.maybeDeny
                : boundary != null && boundary.maybeDeny != null ? boundary.maybeDeny
                : identity.allow == null ? identity.maybeAllow
                : boundary != null && boundary.allow == null ? boundary.maybeAllow
                : null;
        if (doubt != null) {
            return new Decision(permission, Outcome.CONDITIONAL, doubt);
        }
        return new Decision(permission, Outcome.ALLOWED, "allowed by " + identity.allow
                + (boundary == null ? "" : " within " + boundary.allow));
    }

    /**
     * What a KMS key policy says about {@code principalArn} (a role of {@code accountId}) making {@code action} on
     * the key: a Deny naming the principal, everyone or its account wins; then an Allow naming the principal or
     * everyone grants; then an Allow naming the account delegates to IAM. A statement with a Condition (or a
     * NotPrincipal) that could decide makes the answer CONDITIONAL; a document that cannot be parsed too.
     */
    public KeyPolicyDecision keyPolicy(String document, String keyArn, String principalArn, String accountId,
                                       String action) {
        Optional<PolicyDocument> parsedDocument = labelled("key policy", document).document();
        if (parsedDocument.isEmpty()) {
            return new KeyPolicyDecision(KeyPolicyDecision.Access.CONDITIONAL, "cannot parse the key policy");
        }
        String lowerAction = action.toLowerCase(Locale.ROOT);
        KeyPolicyDecision.Access found = KeyPolicyDecision.Access.NOT_ALLOWED;
        String why = "the key policy neither allows " + principalArn + " nor lets IAM policies of account "
                + accountId + " decide";
        int rank = Integer.MAX_VALUE;
        int index = 0;
        for (PolicyDocument.Statement statement : parsedDocument.get().statements()) {
            index++;
            if (statement.match(lowerAction, keyArn) == PolicyDocument.Match.NO) {
                continue;
            }
            boolean conditional = statement.conditional() || statement.notPrincipal();
            boolean names = statement.principals().stream().anyMatch(p -> p.equals("*") || p.equals(principalArn));
            boolean account = statement.principals().stream().anyMatch(p -> isAccount(p, accountId));
            if (statement.notPrincipal()) {
                names = true;
            }
            KeyPolicyDecision.Access access;
            if (!statement.allow() && (names || account)) {
                access = conditional ? KeyPolicyDecision.Access.CONDITIONAL : KeyPolicyDecision.Access.DENIED;
            } else if (statement.allow() && names) {
                access = conditional ? KeyPolicyDecision.Access.CONDITIONAL : KeyPolicyDecision.Access.GRANTED;
            } else if (statement.allow() && account) {
                access = conditional ? KeyPolicyDecision.Access.CONDITIONAL : KeyPolicyDecision.Access.DELEGATED_TO_IAM;
            } else {
                continue;
            }
            int accessRank = keyPolicyRank(access, statement.allow());
            if (accessRank < rank) {
                rank = accessRank;
                found = access;
                why = switch (access) {
                    case DENIED -> "denied by statement " + index + " of the key policy";
                    case GRANTED -> "allowed by statement " + index + " of the key policy";
                    case DELEGATED_TO_IAM -> "the key policy (statement " + index + ") lets IAM policies of account "
                            + accountId + " decide";
                    case CONDITIONAL -> "statement " + index + " of the key policy " + (statement.allow()
                            ? "allows" : "denies") + " it only under a Condition or through NotPrincipal";
                    case NOT_ALLOWED -> why;
                };
            }
        }
        return new KeyPolicyDecision(found, why);
    }

    /**
     * Whether the service control policies along an account's path let a principal of that account make a
     * request: a Deny in any SCP wins; then every level (root, each OU, the account) must allow it.
     */
    public Decision serviceControlPolicies(List<Organizations.Level> levels, Permission permission,
                                           RequestContext context) {
        String action = permission.action().toLowerCase(Locale.ROOT);
        String deny = null;
        String notAllowed = null;
        String doubt = null;
        for (Organizations.Level level : levels) {
            Tally tally = new Tally();
            level.policies().forEach(policy -> tally.add(labelled("service control policy " + policy.name() + " ("
                    + policy.id() + ") attached to " + level.targetId(), policy.content()), action,
                    permission.request(), context));
            deny = first(deny, tally.deny);
            if (!tally.mayAllow()) {
                notAllowed = first(notAllowed, "not allowed by any service control policy attached to "
                        + level.targetId());
            }
            doubt = first(doubt, tally.maybeDeny != null ? tally.maybeDeny
                    : tally.allow == null ? tally.maybeAllow : null);
        }
        if (deny != null) {
            return new Decision(permission, Outcome.EXPLICIT_DENY, "denied by " + deny);
        }
        if (notAllowed != null) {
            return new Decision(permission, Outcome.IMPLICIT_DENY, notAllowed);
        }
        if (doubt != null) {
            return new Decision(permission, Outcome.CONDITIONAL, doubt);
        }
        return new Decision(permission, Outcome.ALLOWED, "allowed by the service control policies");
    }

    /**
     * Whether a role's trust policy lets service {@code servicePrincipal} ({@code ecs-tasks.amazonaws.com})
     * {@code sts:AssumeRole} in {@code context}: a Deny naming the service (or everyone) wins, then an Allow naming
     * it grants; nothing is an implicit deny. A Condition the context does not decide, or a NotPrincipal, makes the
     * answer CONDITIONAL.
     */
    public Decision trustPolicy(String document, String roleArn, String servicePrincipal, RequestContext context) {
        Permission assume = new Permission("sts:AssumeRole", roleArn);
        Optional<PolicyDocument> parsedDocument = labelled("trust policy", document).document();
        if (parsedDocument.isEmpty()) {
            return new Decision(assume, Outcome.CONDITIONAL, "cannot parse the trust policy");
        }
        String deny = null;
        String allow = null;
        String maybeDeny = null;
        String maybeAllow = null;
        String excluded = null;
        int index = 0;
        for (PolicyDocument.Statement statement : parsedDocument.get().statements()) {
            index++;
            String which = "statement " + index + " of the trust policy";
            if (statement.notPrincipal()) {
                maybeDeny = first(maybeDeny, which + " uses NotPrincipal");
                continue;
            }
            if (!statement.servicePrincipals().contains(servicePrincipal) && !statement.principals().contains("*")) {
                continue;
            }
            switch (statement.matchAction("sts:assumerole", context)) {
                case NO -> {
                    if (statement.allow() && statement.conditional()) {
                        excluded = first(excluded, which + " allows it only under a Condition that excludes requests "
                                + context.how());
                    }
                }
                case YES -> {
                    if (statement.allow()) {
                        allow = first(allow, which);
                    } else {
                        deny = first(deny, which);
                    }
                }
                case UNDER_CONDITION, THROUGH_VARIABLE -> {
                    String why = which + (statement.allow() ? " allows" : " denies")
                            + " it only under a Condition not decided for requests " + context.how();
                    if (statement.allow()) {
                        maybeAllow = first(maybeAllow, why);
                    } else {
                        maybeDeny = first(maybeDeny, why);
                    }
                }
            }
        }
        if (deny != null) {
            return new Decision(assume, Outcome.EXPLICIT_DENY, "denied by " + deny);
        }
        if (maybeDeny != null) {
            return new Decision(assume, Outcome.CONDITIONAL, maybeDeny);
        }
        if (allow != null) {
            return new Decision(assume, Outcome.ALLOWED, "allowed by " + allow);
        }
        if (maybeAllow != null) {
            return new Decision(assume, Outcome.CONDITIONAL, maybeAllow);
        }
        return new Decision(assume, Outcome.IMPLICIT_DENY, excluded != null ? excluded
                : "the trust policy does not let " + servicePrincipal + " assume the role");
    }

    private static String first(String current, String candidate) {
        return current != null ? current : candidate;
    }

    /** An unconditional Deny decides first; a conditional Deny leaves everything open; then grants, delegation. */
    private static int keyPolicyRank(KeyPolicyDecision.Access access, boolean allow) {
        return switch (access) {
            case DENIED -> 0;
            case CONDITIONAL -> allow ? 4 : 1;
            case GRANTED -> 2;
            case DELEGATED_TO_IAM -> 3;
            case NOT_ALLOWED -> 5;
        };
    }

    /** The account as a principal: its id, or its root ARN in any partition. */
    private static boolean isAccount(String principal, String accountId) {
        return principal.equals(accountId) || principal.matches("arn:[a-z-]+:iam::" + accountId + ":root");
    }

    private Labelled labelled(String label, String document) {
        if (parsed.size() > MAX_CACHED_DOCUMENTS) {
            parsed.clear();
        }
        return new Labelled(label, document == null ? Optional.empty()
                : parsed.computeIfAbsent(document, PolicyEvaluator::parse));
    }

    private static Optional<PolicyDocument> parse(String document) {
        try {
            return Optional.of(PolicyDocument.parse(document));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A document with the words that name it in explanations; an empty document could not be parsed. */
    private record Labelled(String label, Optional<PolicyDocument> document) {}

    /** What the statements of a set of policies say about one request: the first policy of each kind. */
    private static final class Tally {
        String deny;
        String allow;
        String maybeDeny;
        String maybeAllow;

        void add(Labelled policy, String action, String resource, RequestContext context) {
            if (policy.document().isEmpty()) {
                // Unreadable: it may hold an Allow or a Deny for this request.
                String why = "cannot parse the document of " + policy.label();
                maybeDeny = first(maybeDeny, why);
                maybeAllow = first(maybeAllow, why);
                return;
            }
            for (PolicyDocument.Statement statement : policy.document().get().statements()) {
                PolicyDocument.Match match = statement.match(action, resource, context);
                switch (match) {
                    case NO -> { }
                    case YES -> {
                        String decided = policy.label() + (statement.conditional() ? ", whose Condition holds "
                                + context.how() : "");
                        if (statement.allow()) {
                            allow = first(allow, decided);
                        } else {
                            deny = first(deny, decided);
                        }
                    }
                    case UNDER_CONDITION, THROUGH_VARIABLE -> {
                        String how = match == PolicyDocument.Match.UNDER_CONDITION
                                ? " with a Condition in " : " through a policy variable in ";
                        if (statement.allow()) {
                            maybeAllow = first(maybeAllow, "allowed only by an Allow" + how + policy.label());
                        } else {
                            maybeDeny = first(maybeDeny, "possibly denied by a Deny" + how + policy.label());
                        }
                    }
                }
            }
        }

        boolean mayAllow() {
            return allow != null || maybeAllow != null;
        }
    }
}
