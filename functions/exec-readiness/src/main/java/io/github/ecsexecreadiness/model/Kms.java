package io.github.ecsexecreadiness.model;

/** What the snapshot keeps of AWS KMS. */
public final class Kms {
    private Kms() {}

    /**
     * A KMS key as DescribeKey and GetKeyPolicy (policy name {@code default}, the only one) describe it.
     *
     * @param keyState {@code Enabled}, {@code Disabled}, {@code PendingDeletion}, {@code PendingImport},
     *                 {@code Unavailable}, ...: only an Enabled key can decrypt
     * @param policy   the key policy document, JSON
     */
    public record Key(String arn, String keyState, String policy) {
        public boolean usable() {
            return "Enabled".equals(keyState);
        }
    }
}
