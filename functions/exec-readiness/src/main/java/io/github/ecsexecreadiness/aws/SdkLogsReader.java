package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.collect.LogsReader;
import io.github.ecsexecreadiness.model.Logs;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/** {@link LogsReader} over the AWS SDK. */
public final class SdkLogsReader implements LogsReader {
    private final CloudWatchLogsClient logs;

    public SdkLogsReader(CloudWatchLogsClient logs) {
        this.logs = Objects.requireNonNull(logs);
    }

    /** As the SSM agent asks: DescribeLogGroups with the name as prefix, then the group of exactly that name. */
    @Override
    public Optional<Logs.LogGroup> logGroup(String name) {
        return call("CloudWatchLogs.DescribeLogGroups", () -> logs.describeLogGroupsPaginator(
                        r -> r.logGroupNamePrefix(name)).logGroups().stream()
                .filter(group -> name.equals(group.logGroupName()))
                .findFirst()
                .map(group -> new Logs.LogGroup(group.logGroupName(), group.kmsKeyId())));
    }
}
