package io.github.ecsexecreadiness.cli.cleanup;

import io.github.ecsexecreadiness.apply.Applier;
import io.github.ecsexecreadiness.cli.cleanup.CleanupAccount.Attachments;
import io.github.ecsexecreadiness.cli.cleanup.CleanupAccount.Endpoint;
import io.github.ecsexecreadiness.cli.cleanup.CleanupAccount.ManagedPolicy;
import io.github.ecsexecreadiness.cli.cleanup.CleanupAccount.SecurityGroup;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code cleanup}: finds what the remediator created and removes it, in the order AWS requires, and never
 * anything else. What it created: the attachments of the stack's ssmmessages policy and of the policies under
 * {@value RemediationSettings#POLICY_PATH}; those policies (every version); the ssmmessages interface endpoints and
 * their security groups, which carry the tag {@value RemediationSettings#CREATED_BY_TAG} =
 * {@value Applier#CREATED_BY}. The stack's ssmmessages policy is only detached: {@code sam delete} deletes it,
 * unless {@code fix} created it without a stack, which tags it as its own.
 *
 * <p>Order: detach before deleting a policy; delete a policy's other versions before the policy; delete an
 * endpoint, wait until EC2 has finished deleting it (asynchronous), then delete its security group.
 */
public final class Cleanup {
    private final CleanupAccount account;
    private final Waiting waiting;

    /** How long to wait for EC2 to finish deleting endpoints, and how to pause between two looks. */
    public record Waiting(Duration timeout, Duration interval, Sleeper sleeper) {
        public static Waiting standard() {
            return new Waiting(Duration.ofMinutes(5), Duration.ofSeconds(5), pause -> Thread.sleep(pause.toMillis()));
        }
    }

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    public Cleanup(CleanupAccount account, Waiting waiting) {
        this.account = account;
        this.waiting = waiting;
    }

    /** One change cleanup makes (the IAM each call needs is declared on {@link CleanupAccount}). */
    public sealed interface Step {
        String description();
    }

    public record DetachPolicy(String roleName, String policyArn) implements Step {
        public String description() { return "detach " + policyArn + " from role " + roleName; }
    }

    public record DeletePolicy(String policyArn) implements Step {
        public String description() { return "delete policy " + policyArn + " (every version)"; }
    }

    public record DeleteEndpoint(Endpoint endpoint) implements Step {
        public String description() {
            return "delete endpoint " + endpoint.id() + " (" + endpoint.serviceName() + " in " + endpoint.vpcId()
                    + ", billed per hour and Availability Zone)";
        }
    }

    public record DeleteSecurityGroup(SecurityGroup group) implements Step {
        public String description() {
            return "delete security group " + group.id() + " (" + group.name() + " in " + group.vpcId() + ")";
        }
    }

    /** What cleanup found and leaves, and why; {@code blocking} when it stops the clean-up from finishing. */
    public record Kept(String what, String why, boolean blocking) {}

    /** The steps, in the order they must run, and what is left alone. */
    public record Plan(List<Step> steps, List<Kept> kept) {
        public Plan {
            steps = List.copyOf(steps);
            kept = List.copyOf(kept);
        }

        public boolean blocked() {
            return kept.stream().anyMatch(Kept::blocking);
        }
    }

    /** A step's outcome: null error when done. */
    public record Outcome(Step step, String error) {
        public boolean done() {
            return error == null;
        }
    }

    /**
     * Reads only.
     *
     * @param ssmmessagesPolicyNames the names the stack's ssmmessages policy may have (at path /)
     */
    public Plan plan(Set<String> ssmmessagesPolicyNames) {
        List<Step> detach = new ArrayList<>();
        List<Step> delete = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        for (ManagedPolicy policy : account.listPolicies(RemediationSettings.POLICY_PATH)) {
            if (detachFromRoles(policy, detach, kept)) {
                delete.add(new DeletePolicy(policy.arn()));
            }
        }
        String prefix = "arn:" + account.partition() + ":iam::" + account.accountId() + ":policy/";
        for (String name : ssmmessagesPolicyNames) {
            String arn = prefix + name;
            account.getPolicy(arn).ifPresent(policy -> {
                boolean onlyRoles = detachFromRoles(policy, detach, kept);
                if (!Applier.CREATED_BY.equals(policy.tags().get(RemediationSettings.CREATED_BY_TAG))) {
                    kept.add(new Kept(arn, "created by the stack (not tagged as created by `fix`): `sam delete` "
                            + "deletes it once it is detached", false));
                } else if (onlyRoles) {
                    delete.add(new DeletePolicy(arn));
                }
            });
        }
        List<Step> steps = new ArrayList<>(detach);
        steps.addAll(delete);
        account.describeVpcEndpointsTagged(RemediationSettings.CREATED_BY_TAG, Applier.CREATED_BY).stream()
                .filter(e -> !"deleted".equalsIgnoreCase(e.state()))
                .forEach(e -> steps.add(new DeleteEndpoint(e)));
        account.describeSecurityGroupsTagged(RemediationSettings.CREATED_BY_TAG, Applier.CREATED_BY)
                .forEach(g -> steps.add(new DeleteSecurityGroup(g)));
        return new Plan(steps, kept);
    }

    /**
     * Plans the detachment from every role; a user or group attachment was made by a person, so it stays and
     * keeps the policy. @return whether nothing but roles holds the policy
     */
    private boolean detachFromRoles(ManagedPolicy policy, List<Step> detach, List<Kept> kept) {
        Attachments attachments = account.listEntitiesForPolicy(policy.arn());
        attachments.roles().forEach(role -> detach.add(new DetachPolicy(role, policy.arn())));
        List<String> others = Stream.concat(attachments.users().stream().map(u -> "user " + u),
                attachments.groups().stream().map(g -> "group " + g)).toList();
        if (!others.isEmpty()) {
            kept.add(new Kept(policy.arn(), "attached to " + others + ", which the remediator never does: detach it "
                    + "there, then run cleanup again", true));
        }
        return others.isEmpty();
    }

    /** Runs the steps in order; a failed step does not stop the others, except that a group waits for its endpoint. */
    public List<Outcome> apply(Plan plan) {
        List<Outcome> outcomes = new ArrayList<>();
        List<String> endpointIds = plan.steps().stream().filter(DeleteEndpoint.class::isInstance)
                .map(s -> ((DeleteEndpoint) s).endpoint().id()).toList();
        Map<String, String> endpointErrors = null;
        boolean waited = false;
        for (Step step : plan.steps()) {
            switch (step) {
                case DetachPolicy d -> outcomes.add(run(d, () -> account.detachRolePolicy(d.roleName(), d.policyArn())));
                case DeletePolicy d -> outcomes.add(run(d, () -> {
                    account.listNonDefaultPolicyVersions(d.policyArn())
                            .forEach(version -> account.deletePolicyVersion(d.policyArn(), version));
                    account.deletePolicy(d.policyArn());
                }));
                case DeleteEndpoint d -> {
                    if (endpointErrors == null) {
                        endpointErrors = deleteEndpoints(endpointIds);
                    }
                    outcomes.add(new Outcome(d, endpointErrors.get(d.endpoint().id())));
                }
                case DeleteSecurityGroup d -> {
                    if (!waited && !endpointIds.isEmpty()) {
                        waitForEndpoints(endpointIds);
                        waited = true;
                    }
                    outcomes.add(run(d, () -> account.deleteSecurityGroup(d.group().id())));
                }
            }
        }
        return outcomes;
    }

    /** One DeleteVpcEndpoints for them all: the error of each endpoint EC2 did not delete. */
    private Map<String, String> deleteEndpoints(List<String> endpointIds) {
        try {
            return account.deleteVpcEndpoints(endpointIds);
        } catch (AwsApiException e) {
            Map<String, String> errors = new HashMap<>();
            endpointIds.forEach(id -> errors.put(id, e.getMessage()));
            return errors;
        }
    }

    /**
     * Until EC2 no longer lists them (or lists them deleted), looking every interval for at most the timeout; the
     * group deletion then says why if one is still there.
     */
    private void waitForEndpoints(List<String> endpointIds) {
        long pauses = waiting.timeout().dividedBy(waiting.interval());
        try {
            for (long pause = 0; pause < pauses && !account.describeVpcEndpoints(endpointIds).isEmpty(); pause++) {
                waiting.sleeper().sleep(waiting.interval());
            }
        } catch (AwsApiException e) {
            // The group deletion below fails with DependencyViolation if an endpoint still holds it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Outcome run(Step step, Runnable call) {
        try {
            call.run();
            return new Outcome(step, null);
        } catch (AwsApiException e) {
            return new Outcome(step, e.getMessage());
        }
    }
}
