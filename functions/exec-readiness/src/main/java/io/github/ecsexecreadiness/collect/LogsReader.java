package io.github.ecsexecreadiness.collect;

import static io.github.ecsexecreadiness.iam.PolicyStatement.LOGS_LOG_GROUPS;

import io.github.ecsexecreadiness.iam.CallsAws;
import io.github.ecsexecreadiness.model.Logs;
import java.util.Optional;

/** Read-only CloudWatch Logs operations. Implementations throw {@link AwsApiException} on an AWS error. */
public interface LogsReader {

    /** DescribeLogGroups with the name as prefix: the group of exactly this name; empty when there is none. */
    @CallsAws(operation = "CloudWatchLogs.DescribeLogGroups", action = "logs:DescribeLogGroups",
            statements = LOGS_LOG_GROUPS)
    Optional<Logs.LogGroup> logGroup(String name);
}
