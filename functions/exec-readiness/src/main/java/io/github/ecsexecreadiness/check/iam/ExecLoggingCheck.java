package io.github.ecsexecreadiness.check.iam;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.Remedy;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.fix.Fix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code iam.exec-logging}: when ECS Exec sessions are logged, every task role may write the log. Logging is
 * the cluster's OVERRIDE destinations, or for DEFAULT (or unset) the awslogs group of the service's containers.
 */
public final class ExecLoggingCheck extends Check {
    /**
     * An ECS Exec session id, as the agent names the log stream and the S3 object ({@code <prefix>/<id>.log})
     * after it: policies are evaluated against a request on such a concrete resource.
     */
    static final String SESSION_ID = "ecs-execute-command-0a1b2c3d4e5f6a7b8";

    /** Grant each task role exactly the logging permissions it lacks, through a policy named for the cluster. */
    private static final Remedy REMEDY = Remedy.forEachResult(List.of(Fix.GrantSessionPermissions.class),
            (result, facts, context) -> TaskRoleGrants.sessionPermissions(result, facts, "logging", required(facts)),
            (result, facts) -> TaskRoleGrants.sessionPermissionsAdvice(facts, "logging", required(facts)));

    public static final CheckMetadata METADATA = CheckMetadata.builder("iam.exec-logging")
            .title("Every task role may write the ECS Exec session log")
            .severity(Severity.MEDIUM)
            .findingType(FindingType.SECURITY_BEST_PRACTICE)
            .rationale("When ECS Exec sessions are logged (cluster logging OVERRIDE, or DEFAULT with an awslogs "
                    + "container), the SSM agent in the container uploads the session output with the task role. With "
                    + "S3 encryption, a session does not start unless the agent may read the bucket's location and "
                    + "encryption, and with KMS-encrypted CloudWatch logging unless it may describe and write to the "
                    + "group (FAIL); otherwise it starts but its audit log is lost (WARN), as it is when only "
                    + "s3:PutObject is missing, since the log is uploaded after the session.")
            .remediation("Attach to the task role a policy with the actions and resources the reason lists: for "
                    + "CloudWatch Logs, logs:DescribeLogGroups on \"*\" and logs:CreateLogStream, "
                    + "logs:DescribeLogStreams, logs:PutLogEvents on "
                    + "arn:aws:logs:<region>:<account>:log-group:<group>:*; for S3, s3:GetBucketLocation on \"*\", "
                    + "s3:PutObject on arn:aws:s3:::<bucket>/<prefix>* and, with s3EncryptionEnabled, "
                    + "s3:GetEncryptionConfiguration on arn:aws:s3:::<bucket>.")
            .documentation(CheckMetadata.ECS_EXEC_DOC)
            .stopsSession(true)
            .build();

    public ExecLoggingCheck() {
        super(METADATA, REMEDY);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        SessionLogging logging = sessionLogging(facts);
        String cluster = facts.cluster().name();
        if (logging.mode().equals("NONE")) {
            return notApplicable("ECS Exec session logging is NONE on cluster %s", cluster);
        }
        if (logging.permissions().isEmpty()) {
            return notApplicable("cluster %s logs ECS Exec sessions nowhere (logging %s, no %s)", cluster,
                    logging.mode(), logging.mode().equals("OVERRIDE") ? "log group or bucket" : "awslogs container");
        }
        String purpose = "write ECS Exec session logs to " + String.join(" and ", logging.destinations());
        return TaskRolePermissions.evaluate(this, facts, purpose, List.copyOf(logging.permissions().keySet()),
                decision -> logging.permissions().get(decision.permission()));
    }

    /**
     * Where the service's ECS Exec sessions are logged and what that takes from every task role.
     *
     * @param mode         NONE, DEFAULT (also when unset) or OVERRIDE
     * @param destinations the log groups and buckets, as people read them
     * @param permissions  each permission a task role needs, with the status its absence gets (FAIL where the
     *                     session cannot start without it, WARN where only the log is lost); empty when nothing
     *                     is logged
     */
    public record SessionLogging(String mode, List<String> destinations, Map<Permission, Status> permissions) {}

    public static SessionLogging sessionLogging(ServiceFacts facts) {
        Ecs.ExecuteCommandConfiguration config = facts.cluster().executeCommandConfiguration() == null
                ? Ecs.ExecuteCommandConfiguration.NONE_SET : facts.cluster().executeCommandConfiguration();
        String mode = config.logging() == null ? "DEFAULT" : config.logging();
        String partition = TaskRolePermissions.partition(facts);
        Map<Permission, Status> required = new LinkedHashMap<>();
        List<String> destinations = new ArrayList<>();
        switch (mode) {
            case "NONE" -> { }
            case "OVERRIDE" -> {
                if (config.cloudWatchLogGroupName() != null) {
                    // With encryption required the agent will not run a session it cannot log;
                    // without, only the log is lost.
                    Status missing = config.cloudWatchEncryptionEnabled() ? Status.FAIL : Status.WARN;
                    logGroup(required, partition, facts.region(), facts.accountId(), config.cloudWatchLogGroupName(),
                            missing);
                    destinations.add("log group " + config.cloudWatchLogGroupName());
                }
                if (config.s3BucketName() != null) {
                    bucket(required, partition, config);
                    destinations.add("S3 bucket " + config.s3BucketName()
                            + (config.s3KeyPrefix() == null ? "" : " (prefix " + config.s3KeyPrefix() + ")"));
                }
            }
            default -> {
                for (Ecs.ContainerDefinition container : facts.taskDefinition().containerDefinitions()) {
                    String group = container.logOptions().get("awslogs-group");
                    if ("awslogs".equals(container.logDriver()) && group != null) {
                        String region = container.logOptions().getOrDefault("awslogs-region", facts.region());
                        logGroup(required, partition, region, facts.accountId(), group, Status.WARN);
                        destinations.add("log group " + group + " (awslogs of container " + container.name() + ")");
                    }
                }
            }
        }
        return new SessionLogging(mode, List.copyOf(destinations), Collections.unmodifiableMap(required));
    }

    private static void logGroup(Map<Permission, Status> required, String partition, String region, String account,
                                 String group, Status whenMissing) {
        add(required, new Permission("logs:DescribeLogGroups", "*"), whenMissing);
        String groupArn = "arn:%s:logs:%s:%s:log-group:%s".formatted(partition, region, account, group);
        String stream = groupArn + ":log-stream:" + SESSION_ID;
        for (String action : List.of("logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents")) {
            add(required, new Permission(action, groupArn + ":*", stream), whenMissing);
        }
    }

    /**
     * With s3EncryptionEnabled the agent reads the bucket's location and encryption before the session and refuses
     * it when it cannot (FAIL); without, a failing S3 client only loses the log. The log is uploaded after the
     * session, so a missing s3:PutObject loses it (WARN) but stops nothing. The object key is the prefix and
     * {@code <session id>.log} joined as a path.
     */
    private static void bucket(Map<Permission, Status> required, String partition,
                               Ecs.ExecuteCommandConfiguration config) {
        String bucketArn = "arn:%s:s3:::%s".formatted(partition, config.s3BucketName());
        String prefix = config.s3KeyPrefix() == null ? "" : config.s3KeyPrefix();
        String objectKey = (prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/") + SESSION_ID + ".log";
        Status beforeSession = config.s3EncryptionEnabled() ? Status.FAIL : Status.WARN;
        add(required, new Permission("s3:GetBucketLocation", "*"), beforeSession);
        add(required, new Permission("s3:PutObject", bucketArn + "/" + prefix + "*", bucketArn + "/" + objectKey),
                Status.WARN);
        if (config.s3EncryptionEnabled()) {
            add(required, new Permission("s3:GetEncryptionConfiguration", bucketArn), Status.FAIL);
        }
    }

    /** The same permission may be needed for several destinations: its absence is as bad as the worst. */
    private static void add(Map<Permission, Status> required, Permission permission, Status whenMissing) {
        required.merge(permission, whenMissing, (a, b) -> a == Status.FAIL ? a : b);
    }

    /** What a task role needs for session logging, which the remedy grants where it lacks it. */
    private static List<Permission> required(ServiceFacts facts) {
        return List.copyOf(sessionLogging(facts).permissions().keySet());
    }
}
