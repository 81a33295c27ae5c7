package io.github.ecsexecreadiness.model;

import java.util.List;

/** What the snapshot keeps of Amazon S3. */
public final class S3 {
    private S3() {}

    /**
     * A bucket's default encryption as GetBucketEncryption returns it: the SSEAlgorithm of each rule
     * ({@code AES256}, {@code aws:kms}, {@code aws:kms:dsse}); empty when the bucket has no encryption configuration.
     */
    public record BucketEncryption(String bucket, List<String> algorithms) {
        public BucketEncryption {
            algorithms = List.copyOf(algorithms);
        }

        public boolean encrypted() {
            return !algorithms.isEmpty();
        }
    }
}
