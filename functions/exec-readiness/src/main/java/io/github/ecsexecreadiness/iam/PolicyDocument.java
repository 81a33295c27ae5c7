package io.github.ecsexecreadiness.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A policy document (identity or resource policy), parsed once and compiled for matching. */
record PolicyDocument(List<Statement> statements) {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    PolicyDocument {
        statements = List.copyOf(statements);
    }

    /** How a statement applies to a request. */
    enum Match {
        NO,
        YES,
        /** It applies only if its Condition holds. */
        UNDER_CONDITION,
        /** It applies only for some values of a policy variable in its resources. */
        THROUGH_VARIABLE
    }

    /**
     * One statement. {@code notAction}/{@code notResource} say the lists are exclusions. A statement with neither
     * Action nor NotAction, or neither Resource nor NotResource, has an empty inclusion list: it never applies.
     * {@code principals} are the AWS principals of a resource policy's statement ({@code *} for everyone), empty
     * in identity policies; {@code notPrincipal} says they are exclusions.
     */
    record Statement(boolean allow, List<WildcardPattern> actions, boolean notAction,
                     List<WildcardPattern> resources, boolean notResource, ConditionBlock condition,
                     List<String> principals, boolean notPrincipal) {

        /** Whether a Condition limits the statement. */
        boolean conditional() {
            return !condition.isEmpty();
        }

        /** {@code action} must be lower case. */
        Match match(String action, String resource) {
            return match(action, resource, null);
        }

        /**
         * @param context every condition key of the request, or null when the request's keys are not known (then a
         *                Condition makes the match {@link Match#UNDER_CONDITION})
         */
        Match match(String action, String resource, Map<String, String> context) {
            boolean listed = actions.stream().anyMatch(pattern -> pattern.matches(action));
            if (listed == notAction) {
                return Match.NO;
            }
            Match onResource = matchResource(resource);
            if (onResource == Match.NO || !conditional()) {
                return onResource;
            }
            Optional<Boolean> holds = context == null ? Optional.empty() : condition.holds(context);
            return holds.isEmpty() ? Match.UNDER_CONDITION : holds.get() ? onResource : Match.NO;
        }

        private Match matchResource(String resource) {
            boolean surely = false;
            boolean maybe = false;
            for (WildcardPattern pattern : resources) {
                if (pattern.matches(resource)) {
                    if (pattern.variable()) {
                        maybe = true;
                    } else {
                        surely = true;
                    }
                }
            }
            if (notResource) {
                // Excluded for sure, excluded only for some variable values, or not excluded at all.
                return surely ? Match.NO : maybe ? Match.THROUGH_VARIABLE : Match.YES;
            }
            return surely ? Match.YES : maybe ? Match.THROUGH_VARIABLE : Match.NO;
        }
    }

    /** Parses a policy document; throws {@link IllegalArgumentException} when it is not a valid one. */
    static PolicyDocument parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        // Policy variables exist only in the 2012-10-17 policy language; older documents read ${...} literally.
        boolean variables = "2012-10-17".equals(root.path("Version").asText());
        JsonNode statement = root.get("Statement");
        List<Statement> statements = new ArrayList<>();
        if (statement != null && statement.isObject()) {
            statements.add(statement(statement, variables));
        } else if (statement != null && statement.isArray()) {
            for (JsonNode each : statement) {
                statements.add(statement(each, variables));
            }
        } else {
            throw new IllegalArgumentException("Statement must be an object or an array");
        }
        return new PolicyDocument(statements);
    }

    private static Statement statement(JsonNode node, boolean variables) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a statement must be an object");
        }
        String effect = node.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new IllegalArgumentException("Effect must be Allow or Deny: " + effect);
        }
        JsonNode condition = node.get("Condition");
        if (condition != null && !condition.isObject()) {
            throw new IllegalArgumentException("Condition must be an object");
        }
        boolean notAction = exclusive(node, "Action", "NotAction");
        boolean notResource = exclusive(node, "Resource", "NotResource");
        boolean notPrincipal = exclusive(node, "Principal", "NotPrincipal");
        return new Statement(effect.equals("Allow"),
                strings(node.get(notAction ? "NotAction" : "Action")).stream().map(WildcardPattern::action).toList(),
                notAction,
                strings(node.get(notResource ? "NotResource" : "Resource")).stream()
                        .map(pattern -> WildcardPattern.resource(pattern, variables)).toList(),
                notResource,
                ConditionBlock.parse(condition),
                principals(node.get(notPrincipal ? "NotPrincipal" : "Principal")), notPrincipal);
    }

    /** True when the statement uses the {@code Not} form; both forms at once is invalid. */
    private static boolean exclusive(JsonNode node, String field, String notField) {
        if (node.has(field) && node.has(notField)) {
            throw new IllegalArgumentException("a statement cannot have both " + field + " and " + notField);
        }
        return node.has(notField);
    }

    /** {@code "*"}, or the {@code AWS} entry of a principal object; other kinds of principal are left out. */
    private static List<String> principals(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        return strings(node.get("AWS"));
    }

    /** A string or an array of strings; absent is empty. */
    private static List<String> strings(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            for (JsonNode each : node) {
                if (!each.isTextual()) {
                    throw new IllegalArgumentException("expected strings, got " + each);
                }
                values.add(each.asText());
            }
            return values;
        }
        throw new IllegalArgumentException("expected a string or an array of strings, got " + node);
    }
}
