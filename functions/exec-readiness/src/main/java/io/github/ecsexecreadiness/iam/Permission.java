package io.github.ecsexecreadiness.iam;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One IAM request: an action ({@code ssmmessages:CreateControlChannel}) on a resource ARN, or {@code *} for
 * actions that take no resource. The resource is compared literally, as the IAM policy simulator does: a
 * policy resource {@code arn:...:log-group:/ecs/web:*} matches the requested {@code arn:...:log-group:/ecs/web:*}.
 */
public record Permission(String action, String resource) {
    public Permission {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
    }

    /** Each action on the same resource, in order. */
    public static List<Permission> onResource(String resource, String... actions) {
        return Arrays.stream(actions).map(action -> new Permission(action, resource)).toList();
    }
}
