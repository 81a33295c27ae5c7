package io.github.ecsexecreadiness.plan;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The guardrails' settings, one per template parameter, with safe defaults ({@link #defaults}): a plain value, read
 * from the functions' environment by {@code handler.Settings} and built from its options by the command line.
 *
 * @param mode                        AUTO applies what the guardrails allow; REPORT_ONLY plans and logs only
 * @param taskRolePermissions         may attach permissions to task roles (default on)
 * @param execRedeploy                may turn exec on and force a new deployment (default on)
 * @param vpcEndpoints                may create ssmmessages endpoints or open their security groups (default
 *                                    off: an endpoint costs money every hour in every Availability Zone)
 * @param sessionGrants               may grant task roles session logging and kms:Decrypt without a review
 *                                    (default off: what they grant follows the cluster's execute-command
 *                                    configuration, which whoever may edit the cluster controls)
 * @param dryRun                      plan and log everything, change nothing
 * @param protectedEnvironments       values of the {@code environment} tag never changed automatically
 * @param cooldown                    minimum time between two forced deployments of one service
 * @param maxForcedDeploymentsPerHour cap per account and Region
 * @param ssmmessagesPolicyArn        the stack's customer managed policy with the four ssmmessages actions
 */
public record RemediationSettings(Mode mode, boolean taskRolePermissions, boolean execRedeploy,
                                  boolean vpcEndpoints, boolean sessionGrants, boolean dryRun,
                                  Set<String> protectedEnvironments,
                                  Duration cooldown, int maxForcedDeploymentsPerHour, String ssmmessagesPolicyArn) {

    public enum Mode { AUTO, REPORT_ONLY }

    /** Tag that opts a service or its cluster out of automatic fixes when its value is {@code false}. */
    public static final String OPT_OUT_TAG = "ecs-exec-readiness:auto-fix";
    /** Tag whose value, when listed in {@link #protectedEnvironments}, protects a service or cluster. */
    public static final String ENVIRONMENT_TAG = "environment";
    /** Path of the customer managed policies this project creates for session logging and KMS. */
    public static final String POLICY_PATH = "/ecs-exec-readiness/";
    /** member-role.yaml names the ssmmessages policy it creates in a member account {@code <RoleName>} + this. */
    public static final String MEMBER_SSMMESSAGES_POLICY_SUFFIX = "-ecs-exec-ssmmessages";
    /** Tag put on everything this project creates. */
    public static final String CREATED_BY_TAG = "ecs-exec-readiness:created-by";

    public RemediationSettings {
        protectedEnvironments = Set.copyOf(protectedEnvironments);
        if (maxForcedDeploymentsPerHour < 0) {
            throw new IllegalArgumentException("maxForcedDeploymentsPerHour must be >= 0");
        }
    }

    /**
     * What a person's review allows the applier, which checks the switches again: the VPC-endpoint and
     * session-grant switches are lifted, as the planner lifts their guardrails on review; every other switch, dry
     * run and mode hold.
     */
    public RemediationSettings reviewed() {
        return new RemediationSettings(mode, taskRolePermissions, execRedeploy, true, true, dryRun,
                protectedEnvironments, cooldown, maxForcedDeploymentsPerHour, ssmmessagesPolicyArn);
    }

    /** The same settings with another account's ssmmessages policy (a member account's, see member-role.yaml). */
    public RemediationSettings withSsmmessagesPolicyArn(String policyArn) {
        return new RemediationSettings(mode, taskRolePermissions, execRedeploy, vpcEndpoints, sessionGrants, dryRun,
                protectedEnvironments, cooldown, maxForcedDeploymentsPerHour, policyArn);
    }

    public static RemediationSettings defaults(String ssmmessagesPolicyArn) {
        return new RemediationSettings(Mode.AUTO, true, true, false, false, false, Set.of("production", "prod"),
                Duration.ofHours(1), 10, ssmmessagesPolicyArn);
    }

    /** A comma-separated list of environment tag values, as the template and the CLI give it: compared lower-case. */
    public static Set<String> protectedEnvironments(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(value -> !value.isEmpty())
                .map(value -> value.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
