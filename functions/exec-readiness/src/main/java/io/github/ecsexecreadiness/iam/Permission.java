package io.github.ecsexecreadiness.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One IAM request: an action ({@code ssmmessages:CreateControlChannel}) on a resource ARN, or {@code *} for
 * actions that take no resource. The resource is compared literally, as the IAM policy simulator does: a
 * policy resource {@code arn:...:log-group:/ecs/web:*} matches the requested {@code arn:...:log-group:/ecs/web:*}.
 */
public record Permission(String action, String resource) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Permission {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
    }

    /** Each action on the same resource, in order. */
    public static List<Permission> onResource(String resource, String... actions) {
        return Arrays.stream(actions).map(action -> new Permission(action, resource)).toList();
    }

    /**
     * The identity policy document granting exactly these permissions: one Allow statement per resource, actions
     * in the order given. What the remediator attaches, and what the advice tells a person to put on a role.
     */
    public static String allowDocument(List<Permission> permissions) {
        Map<String, List<String>> byResource = new LinkedHashMap<>();
        permissions.forEach(p -> byResource.computeIfAbsent(p.resource(), r -> new ArrayList<>()).add(p.action()));
        ObjectNode document = JSON.createObjectNode().put("Version", "2012-10-17");
        var statements = document.putArray("Statement");
        byResource.forEach((resource, actions) -> {
            ObjectNode statement = statements.addObject().put("Effect", "Allow");
            actions.forEach(statement.putArray("Action")::add);
            statement.put("Resource", resource);
        });
        return document.toString();
    }
}
