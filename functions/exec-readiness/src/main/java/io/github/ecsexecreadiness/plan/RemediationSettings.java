package io.github.ecsexecreadiness.plan;

import java.time.Duration;
import java.util.Set;

/**
 * The guardrails' settings, one per template parameter, with safe defaults ({@link #defaults}).
 *
 * @param mode                        AUTO applies what the guardrails allow; REPORT_ONLY plans and logs only
 * @param taskRolePermissions         may attach permissions to task roles (default on)
 * @param execRedeploy                may turn exec on and force a new deployment (default on)
 * @param vpcEndpoints                may create ssmmessages endpoints or open their security groups (default
 *                                    off: an endpoint costs money every hour in every Availability Zone)
 * @param dryRun                      plan and log everything, change nothing
 * @param protectedEnvironments       values of the {@code environment} tag never changed automatically
 * @param cooldown                    minimum time between two forced deployments of one service
 * @param maxForcedDeploymentsPerHour cap per account and Region
 * @param ssmmessagesPolicyArn        the stack's customer managed policy with the four ssmmessages actions
 */
public record RemediationSettings(Mode mode, boolean taskRolePermissions, boolean execRedeploy,
                                  boolean vpcEndpoints, boolean dryRun, Set<String> protectedEnvironments,
                                  Duration cooldown, int maxForcedDeploymentsPerHour, String ssmmessagesPolicyArn) {

    public enum Mode { AUTO, REPORT_ONLY }

    /** Tag that opts a service or its cluster out of automatic fixes when its value is {@code false}. */
    public static final String OPT_OUT_TAG = "ecs-exec-readiness:auto-fix";
    /** Tag whose value, when listed in {@link #protectedEnvironments}, protects a service or cluster. */
    public static final String ENVIRONMENT_TAG = "environment";
    /** Path of the customer managed policies this project creates for session logging and KMS. */
    public static final String POLICY_PATH = "/ecs-exec-readiness/";
    /** Tag put on everything this project creates. */
    public static final String CREATED_BY_TAG = "ecs-exec-readiness:created-by";

    public RemediationSettings {
        protectedEnvironments = Set.copyOf(protectedEnvironments);
        if (maxForcedDeploymentsPerHour < 0) {
            throw new IllegalArgumentException("maxForcedDeploymentsPerHour must be >= 0");
        }
    }

    public static RemediationSettings defaults(String ssmmessagesPolicyArn) {
        return new RemediationSettings(Mode.AUTO, true, true, false, false, Set.of("production", "prod"),
                Duration.ofHours(1), 10, ssmmessagesPolicyArn);
    }
}
