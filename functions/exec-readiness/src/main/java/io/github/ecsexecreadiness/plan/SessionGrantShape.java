package io.github.ecsexecreadiness.plan;

import io.github.ecsexecreadiness.fix.Fix;
import io.github.ecsexecreadiness.iam.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a session grant has exactly the shape the logging and KMS checks ask for, on resources of the task
 * role's own account: kms:Decrypt on one key (by key ARN, not an alias or a wildcard), logs:DescribeLogGroups on
 * {@code *}, and the three stream actions on one named log group. The grant's content comes from the cluster's
 * execute-command configuration, which whoever may edit the cluster controls; anything else would let them steer
 * what task roles receive.
 */
final class SessionGrantShape {
    private static final Pattern KEY = Pattern.compile("arn:[\\w-]+:kms:[a-z0-9-]+:(\\d{12}):key/[A-Za-z0-9-]+");
    private static final Pattern LOG_GROUP_STREAMS = Pattern.compile(
            "arn:[\\w-]+:logs:[a-z0-9-]+:(\\d{12}):log-group:[^*?:]+:\\*");
    private static final Set<String> STREAM_ACTIONS = Set.of("logs:CreateLogStream", "logs:DescribeLogStreams",
            "logs:PutLogEvents");

    private SessionGrantShape() {}

    /** What in the grant is not of that shape or not in {@code accountId}; empty when all of it is. */
    static Optional<String> unexpected(Fix.GrantSessionPermissions grant, String accountId) {
        List<String> wrong = new ArrayList<>();
        for (Permission permission : grant.permissions()) {
            problem(permission, accountId).ifPresent(why -> wrong.add(permission.action() + " on "
                    + permission.resource() + " (" + why + ")"));
        }
        return wrong.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", wrong));
    }

    private static Optional<String> problem(Permission permission, String accountId) {
        String action = permission.action();
        String resource = permission.resource();
        if (action.equals("kms:Decrypt")) {
            return inAccount(KEY.matcher(resource), accountId, "not a key ARN without wildcards");
        }
        if (action.equals("logs:DescribeLogGroups")) {
            return resource.equals("*") ? Optional.empty() : Optional.of("the checks grant it on *");
        }
        if (STREAM_ACTIONS.contains(action)) {
            return inAccount(LOG_GROUP_STREAMS.matcher(resource), accountId, "not the streams of one named log group");
        }
        if (action.startsWith("s3:")) {
            return Optional.of("a bucket's ARN names no account, and the snapshot does not show who owns the bucket");
        }
        return Optional.of("not an action the session checks grant");
    }

    private static Optional<String> inAccount(Matcher matcher, String accountId, String notShaped) {
        if (!matcher.matches()) {
            return Optional.of(notShaped);
        }
        return matcher.group(1).equals(accountId) ? Optional.empty()
                : Optional.of("in account " + matcher.group(1) + ", not " + accountId);
    }
}
