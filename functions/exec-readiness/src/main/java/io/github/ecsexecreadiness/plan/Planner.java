package io.github.ecsexecreadiness.plan;

import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.exec.ServiceFlagCheck;
import io.github.ecsexecreadiness.check.exec.TaskFlagCheck;
import io.github.ecsexecreadiness.check.iam.ExecKmsCheck;
import io.github.ecsexecreadiness.check.iam.ExecLoggingCheck;
import io.github.ecsexecreadiness.check.iam.SsmmessagesCheck;
import io.github.ecsexecreadiness.check.network.SsmmessagesPathCheck;
import io.github.ecsexecreadiness.collect.Unreadable;
import io.github.ecsexecreadiness.iam.Decision;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.iam.PolicyEvaluator;
import io.github.ecsexecreadiness.model.Digests;
import io.github.ecsexecreadiness.model.Iam;
import io.github.ecsexecreadiness.plan.Fix.EnableExecAndRedeploy;
import io.github.ecsexecreadiness.plan.Fix.GrantSessionPermissions;
import io.github.ecsexecreadiness.plan.Fix.Manual;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Turns a service's failing checks into the fixes that repair them, and decides each with the guardrails. Pure:
 * it reads the report and the snapshot, never AWS. WARN and UNKNOWN results plan nothing; a fix is automatic
 * only where the change is additive and exactly known, every other failure becomes what a person must do.
 */
public final class Planner {
    /** The checks a failure of which can be fixed automatically (findings say so in ProductFields). */
    public static final Set<String> FIXABLE_CHECKS = Set.of(SsmmessagesCheck.METADATA.id(),
            ExecLoggingCheck.METADATA.id(), ExecKmsCheck.METADATA.id(), SsmmessagesPathCheck.METADATA.id(),
            ServiceFlagCheck.METADATA.id(), TaskFlagCheck.METADATA.id());

    /** IAM allows 128 characters of {@code [\w+=,.@-]} in a policy name. */
    static final int MAX_POLICY_NAME = 128;

    /** One evaluator for every plan, so that policy documents are parsed once. */
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    /**
     * @param reviewed a person approved these fixes (a Security Hub reviewed fix): lifts the protected-environment
     *                 and VPC-endpoint guardrails, and nothing else
     */
    public Plan plan(ServiceReport report, ServiceFacts facts, RemediationSettings settings, boolean reviewed) {
        List<Candidate> candidates = new ArrayList<>();
        Optional<CheckResult> redeploy = Optional.empty();
        for (CheckResult result : report.withStatus(Status.FAIL)) {
            String id = result.id();
            if (id.equals(ServiceFlagCheck.METADATA.id()) || id.equals(TaskFlagCheck.METADATA.id())) {
                redeploy = redeploy.or(() -> Optional.of(result)); // one redeployment repairs both
            } else {
                candidates.addAll(derive(result, facts, settings));
            }
        }
        redeploy.ifPresent(result -> candidates.add(Candidate.guarded(
                new EnableExecAndRedeploy(result.id(), facts.service().clusterArn(), facts.service().arn()), null)));

        var context = new Guardrail.Context(facts, report, settings);
        List<PlannedFix> fixes = candidates.stream()
                .collect(Collectors.toMap(Candidate::fix, c -> c, (first, again) -> first, LinkedHashMap::new))
                .values().stream()
                .sorted(Comparator.comparingInt(c -> c.fix().kind().ordinal()))
                .map(candidate -> decide(candidate, context, reviewed))
                .toList();
        return new Plan(facts.service().arn(), fixes);
    }

    /** A fix before the guardrails: {@code decided} set when derivation already settled it (manual, blocked). */
    record Candidate(Fix fix, PlannedFix.Decision decided, String reason) {
        static Candidate guarded(Fix fix, String note) {
            return new Candidate(fix, null, note);
        }

        static Candidate manual(String checkId, String instruction, String reason) {
            return new Candidate(new Manual(checkId, instruction), PlannedFix.Decision.MANUAL, reason);
        }

        static Candidate manual(CheckResult result) {
            return manual(result.id(), result.check().remediation(), result.reason());
        }

        static Candidate blocked(Fix fix, String reason) {
            return new Candidate(fix, PlannedFix.Decision.BLOCKED, reason);
        }
    }

    private List<Candidate> derive(CheckResult result, ServiceFacts facts, RemediationSettings settings) {
        String id = result.id();
        try {
            if (id.equals(SsmmessagesCheck.METADATA.id())) {
                return ssmmessages(result, facts, settings);
            }
            if (id.equals(ExecLoggingCheck.METADATA.id())) {
                var permissions = List.copyOf(ExecLoggingCheck.sessionLogging(facts).permissions().keySet());
                return sessionPermissions(result, facts, "logging", permissions);
            }
            if (id.equals(ExecKmsCheck.METADATA.id())) {
                return kms(result, facts);
            }
            if (id.equals(SsmmessagesPathCheck.METADATA.id())) {
                return List.of(NetworkFix.plan(result, facts));
            }
        } catch (Unreadable e) {
            return List.of(Candidate.manual(id, result.check().remediation(),
                    "no automatic fix could be planned (" + e.getMessage() + "); " + result.reason()));
        }
        return List.of(Candidate.manual(result));
    }

    private List<Candidate> ssmmessages(CheckResult result, ServiceFacts facts, RemediationSettings settings) {
        String policyArn = settings.ssmmessagesPolicyArn();
        return roleFixes(result, facts, SsmmessagesCheck.REQUIRED, (roleArn, missing) ->
                new Fix.AttachSsmmessagesPolicy(roleArn, policyArn == null ? "" : policyArn),
                policyArn == null || policyArn.isBlank() ? "SSMMESSAGES_POLICY_ARN is not set" : null);
    }

    private List<Candidate> kms(CheckResult result, ServiceFacts facts) {
        var decrypt = ExecKmsCheck.decryptPermission(facts);
        if (decrypt.isEmpty()) {
            return List.of(Candidate.manual(result));
        }
        if (decrypt.get().resource().equals("*")) {
            // An automatic grant would be kms:Decrypt on every key of the account.
            return List.of(Candidate.manual(result.id(), "Allow kms:Decrypt on the ARN of the key behind the cluster's "
                    + "alias in a task role policy: it is not granted automatically on \"*\"", result.reason()));
        }
        return sessionPermissions(result, facts, "kms", List.of(decrypt.get()));
    }

    private List<Candidate> sessionPermissions(CheckResult result, ServiceFacts facts, String purpose,
                                               List<Permission> required) {
        String cluster = facts.cluster().name();
        return roleFixes(result, facts, required, (roleArn, missing) -> new GrantSessionPermissions(result.id(),
                roleArn, policyName(purpose, cluster, missing), missing), null);
    }

    /**
     * For each task role: the fix granting what an attached policy can grant (permissions no policy allows),
     * and a manual step for what it cannot (an explicit Deny, a permissions boundary). Roles without a gap, or
     * with only conditional answers, get nothing: no automatic change on a doubt.
     *
     * @param blockedBecause when set, every automatic fix is blocked for this reason
     */
    private List<Candidate> roleFixes(CheckResult result, ServiceFacts facts, List<Permission> required,
                                      BiFunction<String, List<Permission>, Fix> fixFor, String blockedBecause) {
        List<Candidate> candidates = new ArrayList<>();
        for (Optional<String> taskRole : facts.taskRoleArns()) {
            if (taskRole.isEmpty()) {
                continue; // iam.task-role fails too, and says what to do
            }
            String roleArn = taskRole.get();
            String[] arn = roleArn.split(":", 6);
            if (arn.length < 6 || !arn[4].equals(facts.accountId())) {
                candidates.add(Candidate.manual(result.id(), "Grant " + actions(required) + " to task role " + roleArn
                        + " in its own account: only account " + facts.accountId() + " is read and changed",
                        result.reason()));
                continue;
            }
            Optional<Iam.Role> role;
            try {
                role = facts.role(roleArn);
            } catch (Unreadable e) {
                candidates.add(Candidate.blocked(fixFor.apply(roleArn, required),
                        "task role could not be read: " + e.getMessage()));
                continue;
            }
            if (role.isEmpty()) {
                candidates.add(Candidate.manual(result.id(), "Create task role " + roleArn + " or point the task "
                        + "definition at an existing role (see iam.task-role)", "task role " + roleArn + " does not exist"));
                continue;
            }
            List<Permission> grantable = new ArrayList<>();
            Map<String, List<String>> stuck = new LinkedHashMap<>();
            for (Decision decision : evaluator.evaluate(role.get(), required)) {
                switch (decision.outcome()) {
                    case IMPLICIT_DENY -> grantable.add(decision.permission());
                    case EXPLICIT_DENY, DENIED_BY_BOUNDARY -> stuck.computeIfAbsent(decision.explanation(),
                            why -> new ArrayList<>()).add(decision.permission().action() + " on "
                            + decision.permission().resource());
                    case ALLOWED, CONDITIONAL -> { }
                }
            }
            if (!grantable.isEmpty()) {
                Fix fix = fixFor.apply(roleArn, grantable);
                candidates.add(blockedBecause == null ? Candidate.guarded(fix, null)
                        : Candidate.blocked(fix, blockedBecause));
            }
            if (!stuck.isEmpty()) {
                String why = stuck.entrySet().stream().map(e -> String.join(", ", e.getValue()) + " (" + e.getKey() + ")")
                        .collect(Collectors.joining("; "));
                candidates.add(Candidate.manual(result.id(), "Remove the Deny or widen the permissions boundary that "
                        + "stops task role " + roleArn + ": an attached policy cannot override it",
                        "task role " + roleArn + " is refused " + why));
            }
        }
        return candidates;
    }

    private static String actions(List<Permission> permissions) {
        return permissions.stream().map(Permission::action).distinct().collect(Collectors.joining(", "));
    }

    /**
     * {@code ecs-exec-<purpose>-<cluster>-<hash>}: the hash of the permissions makes the name differ whenever the
     * content would, so a policy found by name under the project's path always grants what is needed (services of
     * one cluster may log to different groups). Cut to IAM's 128 characters, other characters replaced by '-'.
     */
    static String policyName(String purpose, String clusterName, List<Permission> permissions) {
        String content = permissions.stream().map(p -> p.action() + " " + p.resource()).sorted()
                .collect(Collectors.joining("\n"));
        String hash = Digests.sha256Hex(content).substring(0, 8);
        String prefix = "ecs-exec-" + purpose + "-";
        String cluster = clusterName.replaceAll("[^\\w+=,.@-]", "-");
        int room = MAX_POLICY_NAME - prefix.length() - hash.length() - 1;
        return prefix + cluster.substring(0, Math.min(cluster.length(), room)) + "-" + hash;
    }

    /**
     * MANUAL stays MANUAL and a derivation's BLOCKED stays BLOCKED. Otherwise every guardrail is asked: any
     * BLOCKED reason blocks (all of them are named); else any DRY_RUN reason makes it a dry run; else APPLY. A
     * guardrail that cannot be evaluated blocks the fix.
     */
    private static PlannedFix decide(Candidate candidate, Guardrail.Context context, boolean reviewed) {
        Fix fix = candidate.fix();
        if (candidate.decided() != null) {
            return new PlannedFix(fix, candidate.decided(), candidate.reason());
        }
        if (fix.kind() == Fix.Kind.MANUAL) {
            return new PlannedFix(fix, PlannedFix.Decision.MANUAL, candidate.reason());
        }
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
                (guardrail.decision() == PlannedFix.Decision.BLOCKED ? blocked : dryRun).add(why.get());
            }
        }
        String note = candidate.reason() == null ? "" : "; " + candidate.reason();
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
