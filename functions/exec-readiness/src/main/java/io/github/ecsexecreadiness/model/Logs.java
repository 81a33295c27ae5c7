package io.github.ecsexecreadiness.model;

/** What the snapshot keeps of CloudWatch Logs. */
public final class Logs {
    private Logs() {}

    /** A log group as DescribeLogGroups describes it; {@code kmsKeyId} is null when the group is not encrypted. */
    public record LogGroup(String name, String kmsKeyId) {}
}
