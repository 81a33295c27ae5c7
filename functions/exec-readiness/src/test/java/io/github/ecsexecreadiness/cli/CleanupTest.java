package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.cli.cleanup.Cleanup;
import io.github.ecsexecreadiness.cli.cleanup.CleanupAccount;
import io.github.ecsexecreadiness.collect.AwsApiException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The order {@code cleanup} keeps, and what it leaves, over an account that answers as the test says: an endpoint
 * deletion that EC2 takes a while to finish, one that never finishes, a policy a person attached to a user, and
 * the stack's own ssmmessages policy.
 */
class CleanupTest {
    private static final String PREFIX = "arn:aws:iam::111122223333:policy/";
    private static final String STACK_POLICY = PREFIX + "exec-ecs-exec-ssmmessages";
    private static final String PATH_POLICY = PREFIX + "ecs-exec-readiness/ecs-exec-kms-shop-1";

    private final ScriptedAccount account = new ScriptedAccount();
    private final List<Duration> pauses = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int cleanup(boolean apply) {
        var cleanup = new Cleanup(account, new Cleanup.Waiting(Duration.ofSeconds(30), Duration.ofSeconds(5),
                pauses::add));
        return new CleanupAction(cleanup, new PrintStream(out, true, StandardCharsets.UTF_8)).run("exec", apply);
    }

    @Test
    void detachesBeforeDeletingAndWaitsForTheEndpointBeforeItsGroup() {
        account.endpointGoneAfterLooks = 2;

        assertEquals(0, cleanup(true), out.toString());

        assertEquals(List.of("DetachRolePolicy bare-task " + PATH_POLICY, "DetachRolePolicy web-task " + STACK_POLICY,
                "DeletePolicyVersion " + PATH_POLICY + " v1", "DeletePolicy " + PATH_POLICY,
                "DeleteVpcEndpoints [vpce-1]", "DescribeVpcEndpoints", "DescribeVpcEndpoints", "DescribeVpcEndpoints",
                "DeleteSecurityGroup sg-1"), account.calls);
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5)), pauses, "two looks found it deleting");
        assertTrue(out.toString().contains("kept     " + STACK_POLICY + ": created by the stack"), out.toString());
    }

    @Test
    void aDryRunOnlyReads() {
        assertEquals(1, cleanup(false));

        assertTrue(account.calls.isEmpty(), account.calls.toString());
        assertTrue(out.toString().contains("would    delete security group sg-1 (ecs-exec-readiness-ssmmessages in "
                + "vpc-1)"), out.toString());
        assertTrue(out.toString().contains("5 changes; run with --apply to make them."), out.toString());
    }

    @Test
    void anEndpointStillDeletingLeavesItsGroupForTheNextRun() {
        account.endpointGoneAfterLooks = Integer.MAX_VALUE;

        assertEquals(1, cleanup(true));

        assertEquals(6, pauses.size(), "30 s in 5 s steps");
        assertTrue(out.toString().contains("FAILED   delete security group sg-1"), out.toString());
        assertTrue(out.toString().contains("DependencyViolation"), out.toString());
        assertTrue(out.toString().contains("run cleanup --apply again"), out.toString());
    }

    @Test
    void aPolicyAPersonAttachedToAUserIsKeptAndBlocks() {
        account.userAttachments.put(PATH_POLICY, List.of("alice"));

        assertEquals(1, cleanup(true));

        assertTrue(out.toString().contains("BLOCKED  " + PATH_POLICY + ": attached to [user alice]"), out.toString());
        assertTrue(account.calls.contains("DetachRolePolicy bare-task " + PATH_POLICY), "its role attachment goes");
        assertTrue(account.calls.stream().noneMatch(c -> c.startsWith("DeletePolicy")), account.calls.toString());
    }

    /** One policy of the project's path (two versions, on a role), the stack's policy, one tagged endpoint and group. */
    private static final class ScriptedAccount implements CleanupAccount {
        final List<String> calls = new ArrayList<>();
        final Map<String, List<String>> userAttachments = new HashMap<>();
        int endpointGoneAfterLooks;
        private boolean endpointDeleted;

        public String region() { return "eu-west-1"; }
        public String partition() { return "aws"; }
        public String accountId() { return "111122223333"; }

        public List<ManagedPolicy> listPolicies(String pathPrefix) {
            assertEquals("/ecs-exec-readiness/", pathPrefix);
            return List.of(new ManagedPolicy(PATH_POLICY, "ecs-exec-kms-shop-1", pathPrefix, Map.of()));
        }

        public Optional<ManagedPolicy> getPolicy(String policyArn) {
            return policyArn.equals(STACK_POLICY)
                    ? Optional.of(new ManagedPolicy(STACK_POLICY, "exec-ecs-exec-ssmmessages", "/", Map.of()))
                    : Optional.empty();
        }

        public Attachments listEntitiesForPolicy(String policyArn) {
            return new Attachments(List.of(policyArn.equals(STACK_POLICY) ? "web-task" : "bare-task"),
                    userAttachments.getOrDefault(policyArn, List.of()), List.of());
        }

        public void detachRolePolicy(String roleName, String policyArn) {
            calls.add("DetachRolePolicy " + roleName + " " + policyArn);
        }

        public List<String> listNonDefaultPolicyVersions(String policyArn) {
            return List.of("v1");
        }

        public void deletePolicyVersion(String policyArn, String versionId) {
            calls.add("DeletePolicyVersion " + policyArn + " " + versionId);
        }

        public void deletePolicy(String policyArn) {
            calls.add("DeletePolicy " + policyArn);
        }

        public List<Endpoint> describeVpcEndpointsTagged(String tagKey, String tagValue) {
            return List.of(endpoint());
        }

        public List<Endpoint> describeVpcEndpoints(List<String> endpointIds) {
            calls.add("DescribeVpcEndpoints");
            endpointDeleted = calls.stream().filter("DescribeVpcEndpoints"::equals).count() > endpointGoneAfterLooks;
            return endpointDeleted ? List.of() : List.of(endpoint());
        }

        public Map<String, String> deleteVpcEndpoints(List<String> endpointIds) {
            calls.add("DeleteVpcEndpoints " + endpointIds);
            return Map.of();
        }

        public List<SecurityGroup> describeSecurityGroupsTagged(String tagKey, String tagValue) {
            return List.of(new SecurityGroup("sg-1", "vpc-1", "ecs-exec-readiness-ssmmessages"));
        }

        public void deleteSecurityGroup(String groupId) {
            if (!endpointDeleted) {
                throw new AwsApiException("EC2.DeleteSecurityGroup", "DependencyViolation",
                        "resource " + groupId + " has a dependent object");
            }
            calls.add("DeleteSecurityGroup " + groupId);
        }

        private static Endpoint endpoint() {
            return new Endpoint("vpce-1", "vpc-1", "com.amazonaws.eu-west-1.ssmmessages", "deleting", List.of("sg-1"));
        }
    }
}
