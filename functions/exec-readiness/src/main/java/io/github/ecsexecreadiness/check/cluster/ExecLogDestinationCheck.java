package io.github.ecsexecreadiness.check.cluster;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Logs;
import io.github.ecsexecreadiness.model.S3;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code cluster.exec-log-destination}: where the cluster requires encrypted session logs, the destination exists
 * and is encrypted, since the SSM agent refuses the session otherwise.
 */
public final class ExecLogDestinationCheck extends Check {
    public static final CheckMetadata METADATA = CheckMetadata.builder("cluster.exec-log-destination")
            .title("An encrypted session log destination exists and is encrypted")
            .severity(Severity.HIGH)
            .findingType(FindingType.CONFIGURATION)
            .rationale("With logging OVERRIDE and cloudWatchEncryptionEnabled, the SSM agent describes the log group "
                    + "before the shell starts and refuses the session when the group does not exist or has no KMS "
                    + "key (\"encryption is not set up on the selected CloudWatch Logs log group\"); with "
                    + "s3EncryptionEnabled it refuses it unless GetBucketEncryption shows SSE-S3 or SSE-KMS. Without "
                    + "these flags a missing destination only loses the log.")
            .remediation("Create the log group and associate a KMS key with it (aws logs associate-kms-key "
                    + "--log-group-name <group> --kms-key-id <key ARN>, with a key policy that lets logs.<region>"
                    + ".amazonaws.com use it), give the bucket default encryption (aws s3api put-bucket-encryption), "
                    + "or turn the encryption flag off in the cluster's executeCommandConfiguration.")
            .documentation(CheckMetadata.ECS_EXEC_DOC)
            .stopsSession(true)
            .build();

    public ExecLogDestinationCheck() {
        super(METADATA);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        Ecs.ExecuteCommandConfiguration config = facts.cluster().executeCommandConfiguration();
        boolean override = config != null && "OVERRIDE".equals(config.logging());
        boolean group = override && config.cloudWatchEncryptionEnabled() && config.cloudWatchLogGroupName() != null;
        boolean bucket = override && config.s3EncryptionEnabled() && config.s3BucketName() != null;
        if (!group && !bucket) {
            return notApplicable("cluster %s requires no encrypted session log destination", facts.cluster().name());
        }
        List<String> wrong = new ArrayList<>();
        List<String> right = new ArrayList<>();
        if (group) {
            String name = config.cloudWatchLogGroupName();
            Optional<Logs.LogGroup> found = facts.logGroup(name);
            if (found.isEmpty()) {
                wrong.add("log group " + name + " does not exist");
            } else if (found.get().kmsKeyId() == null) {
                wrong.add("log group " + name + " has no KMS key");
            } else {
                right.add("log group " + name + " is encrypted with " + found.get().kmsKeyId());
            }
        }
        if (bucket) {
            String name = config.s3BucketName();
            Optional<S3.BucketEncryption> found = facts.bucketEncryption(name);
            if (found.isEmpty()) {
                wrong.add("S3 bucket " + name + " does not exist");
            } else if (!found.get().encrypted()) {
                wrong.add("S3 bucket " + name + " has no default encryption");
            } else {
                right.add("S3 bucket " + name + " is encrypted (" + String.join(", ", found.get().algorithms()) + ")");
            }
        }
        if (!wrong.isEmpty()) {
            return fail("%s, and cluster %s requires encrypted session logs: the agent refuses every session",
                    String.join("; ", wrong), facts.cluster().name());
        }
        return pass("%s", String.join("; ", right));
    }
}
