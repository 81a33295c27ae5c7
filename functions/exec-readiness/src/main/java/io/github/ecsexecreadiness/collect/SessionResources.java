package io.github.ecsexecreadiness.collect;

import io.github.ecsexecreadiness.model.Kms;
import io.github.ecsexecreadiness.model.Logs;
import io.github.ecsexecreadiness.model.S3;

/**
 * What the clusters' ECS Exec configurations point at, each read once: the KMS keys (by the id the cluster
 * names), and, where the agent requires encryption, the CloudWatch log groups (by name) and the buckets' default
 * encryption (by bucket name).
 */
public record SessionResources(Readings<String, Kms.Key> keys, Readings<String, Logs.LogGroup> logGroups,
                               Readings<String, S3.BucketEncryption> bucketEncryption) {
    /** Nothing read: every question about a key, group or bucket is unreadable (UNKNOWN). */
    public static final SessionResources NONE_READ = new SessionResources(Readings.<String, Kms.Key>builder().build(),
            Readings.<String, Logs.LogGroup>builder().build(), Readings.<String, S3.BucketEncryption>builder().build());
}
