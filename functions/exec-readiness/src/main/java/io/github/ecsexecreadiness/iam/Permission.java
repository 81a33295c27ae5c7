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
 * One permission a role needs: an action ({@code ssmmessages:CreateControlChannel}) on the resource a grant
 * names ({@code arn:aws:s3:::bucket/prefix/*}, or {@code *} for actions that take no resource), and the concrete
 * resource of a request the agent makes, which policies are evaluated against: {@code
 * arn:aws:s3:::bucket/prefix/ecs-execute-command-0a1b2c3d4e5f6a7b8.log}. A policy resource pattern matches the
 * request the way IAM matches it, so least-privilege grants such as {@code ...:log-group:g:log-stream:*} count.
 *
 * @param resource what a grant of this permission names
 * @param request  the resource of a request the agent makes; equal to {@code resource} where that is concrete
 */
public record Permission(String action, String resource, String request) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Permission {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(request, "request");
    }

    /** A permission whose request is on the resource a grant names ({@code *}, a key ARN). */
    public Permission(String action, String resource) {
        this(action, resource, resource);
    }

    /** What a grant of this permission holds: the action on the resource it names. */
    public Permission grant() {
        return resource.equals(request) ? this : new Permission(action, resource);
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
