package io.github.ecsexecreadiness.check;

import io.github.ecsexecreadiness.fix.Fix;
import java.util.List;

/**
 * How a FAIL of a check can be repaired: the fixes it proposes for a service, the kinds of automatic fix it may
 * propose, and the commands a person can run. A check declares its remedy beside its metadata
 * ({@link Check#remedy}); the planner asks the remedies of the failing checks and decides each proposal with
 * its guardrails.
 *
 * <p>Checks that share one remedy are repaired together: each automatic fix a remedy proposes repairs every
 * check with that remedy ({@link Checks#repairedBy}). {@code exec.service-flag} and {@code exec.task-flag}
 * share the redeployment, so one redeployment is planned for both and repairs both.
 */
public interface Remedy {

    /** No automatic fix: what a person must do is the check's remediation text. */
    Remedy MANUAL = forEachResult(List.of(), (result, facts, context) -> List.of(Proposal.manual(result)),
            (result, facts) -> List.of());

    /**
     * The kinds of automatic fix this remedy may propose, each declaring the IAM actions applying it takes.
     * Empty when every FAIL is for a person.
     */
    List<Class<? extends Fix>> fixes();

    /**
     * What to do about the FAIL results of the checks that share this remedy, for one service.
     *
     * @param failing at least one FAIL result, in catalogue order
     * @throws io.github.ecsexecreadiness.collect.Unreadable when data it needs could not be read; the planner
     *         then leaves each failing result to a person, saying why
     */
    List<Proposal> propose(List<CheckResult> failing, ServiceFacts facts, Context context);

    /**
     * AWS CLI commands, with this service's names filled in and shell-quoted, that repair what the result
     * reports; empty when no command can be given (the check's remediation text then says what to do).
     *
     * @throws io.github.ecsexecreadiness.collect.Unreadable when data it needs could not be read
     */
    default List<String> advice(CheckResult result, ServiceFacts facts) {
        return List.of();
    }

    /** Whether a FAIL can be repaired automatically (findings say so). */
    default boolean automatic() {
        return !fixes().isEmpty();
    }

    /**
     * A remedy of one check: its proposals and advice are worked out for each failing result on its own.
     *
     * @param fixes the kinds of automatic fix {@code proposals} may propose
     */
    static Remedy forEachResult(List<Class<? extends Fix>> fixes, ResultProposals proposals, ResultAdvice advice) {
        List<Class<? extends Fix>> kinds = List.copyOf(fixes);
        return new Remedy() {
            @Override
            public List<Class<? extends Fix>> fixes() {
                return kinds;
            }

            @Override
            public List<Proposal> propose(List<CheckResult> failing, ServiceFacts facts, Context context) {
                return failing.stream().flatMap(result -> proposals.propose(result, facts, context).stream()).toList();
            }

            @Override
            public List<String> advice(CheckResult result, ServiceFacts facts) {
                return advice.advice(result, facts);
            }
        };
    }

    /** What to do about one FAIL result ({@link #propose}). */
    @FunctionalInterface
    interface ResultProposals {
        List<Proposal> propose(CheckResult result, ServiceFacts facts, Context context);
    }

    /** The commands repairing one result ({@link #advice}). */
    @FunctionalInterface
    interface ResultAdvice {
        List<String> advice(CheckResult result, ServiceFacts facts);
    }

    /**
     * What remedies need beyond the service's facts: the remediation settings they depend on.
     *
     * @param ssmmessagesPolicyArn the stack's customer managed policy with the ssmmessages channel actions;
     *                             null or blank where the stack provides none
     */
    record Context(String ssmmessagesPolicyArn) {}

    /**
     * A fix a remedy proposes, before the guardrails.
     *
     * @param blocked the remedy already knows it cannot go ahead ({@code reason} says why); a {@link Fix.Manual}
     *                is for a person whatever the guardrails say
     * @param reason  why blocked, why it is for a person, or a note for the plan's reader; null for none
     */
    record Proposal(Fix fix, boolean blocked, String reason) {
        /** The guardrails decide it. */
        public static Proposal guarded(Fix fix, String note) {
            return new Proposal(fix, false, note);
        }

        public static Proposal blocked(Fix fix, String reason) {
            return new Proposal(fix, true, reason);
        }

        public static Proposal manual(String checkId, String instruction, String reason) {
            return new Proposal(new Fix.Manual(checkId, instruction), false, reason);
        }

        /** The check's remediation text, for the reason the result gives. */
        public static Proposal manual(CheckResult result) {
            return manual(result.id(), result.check().remediation(), result.reason());
        }
    }
}
