package io.github.ecsexecreadiness.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a template's intrinsic functions as CloudFormation would for given parameter values: Ref to
 * parameters and pseudo parameters, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If, and the condition
 * functions (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition) of the Conditions and Rules sections. What only a
 * deployed stack knows (a resource's Ref or attribute) is {@link Unresolved}.
 */
final class Intrinsics {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]+)}");

    /** A value that depends on a resource, which only a deployed stack can give. */
    static final class Unresolved extends RuntimeException {
        Unresolved(String what) {
            super(what + " is known only to a deployed stack");
        }
    }

    private final JsonNode template;
    private final Map<String, String> values = new HashMap<>();

    /** Parameters at their defaults, overridden by {@code parameters}, with these pseudo parameters. */
    Intrinsics(JsonNode template, Map<String, String> pseudoParameters, Map<String, String> parameters) {
        this.template = template;
        template.path("Parameters").properties().forEach(p -> {
            if (p.getValue().has("Default")) {
                values.put(p.getKey(), p.getValue().get("Default").asText());
            }
        });
        parameters.forEach((name, value) -> {
            if (!template.path("Parameters").has(name)) {
                throw new IllegalArgumentException("the template has no parameter " + name);
            }
            values.put(name, value);
        });
        values.putAll(pseudoParameters);
    }

    /** A string value: a literal, or intrinsic functions that give one. */
    String string(JsonNode expression) {
        JsonNode value = evaluate(expression);
        if (!value.isValueNode()) {
            throw new IllegalArgumentException("not a string: " + expression);
        }
        return value.asText();
    }

    /** A condition: Fn::Equals, Fn::And, Fn::Or, Fn::Not, or {@code Condition: <name>} of the Conditions section. */
    boolean condition(JsonNode expression) {
        JsonNode value = evaluate(expression);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("not a condition: " + expression);
        }
        return value.booleanValue();
    }

    JsonNode evaluate(JsonNode node) {
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode();
            node.forEach(item -> array.add(evaluate(item)));
            return array;
        }
        if (!node.isObject() || node.size() != 1) {
            return node;
        }
        var function = node.properties().iterator().next();
        JsonNode argument = function.getValue();
        return switch (function.getKey()) {
            case "Ref" -> NODES.textNode(value(argument.asText()));
            case "Fn::Sub" -> NODES.textNode(sub(argument));
            case "Fn::Join" -> NODES.textNode(String.join(argument.get(0).asText(), strings(argument.get(1))));
            case "Fn::Select" -> NODES.textNode(strings(argument.get(1)).get(Integer.parseInt(string(argument.get(0)))));
            case "Fn::Split" -> split(argument.get(0).asText(), string(argument.get(1)));
            case "Fn::If" -> evaluate(condition(namedCondition(argument.get(0).asText())) ? argument.get(1) : argument.get(2));
            case "Fn::Equals" -> NODES.booleanNode(string(argument.get(0)).equals(string(argument.get(1))));
            case "Fn::And" -> NODES.booleanNode(conditions(argument).stream().allMatch(b -> b));
            case "Fn::Or" -> NODES.booleanNode(conditions(argument).stream().anyMatch(b -> b));
            case "Fn::Not" -> NODES.booleanNode(!condition(argument.get(0)));
            case "Condition" -> evaluate(namedCondition(argument.asText()));
            case "Fn::GetAtt" -> throw new Unresolved("Fn::GetAtt " + argument);
            default -> node;
        };
    }

    private String value(String name) {
        String value = values.get(name);
        if (value != null) {
            return value;
        }
        if (template.path("Resources").has(name) || name.contains(".")) {
            throw new Unresolved("Ref " + name);
        }
        throw new IllegalArgumentException("no value for " + name + " (a parameter without default, or a pseudo "
                + "parameter not given)");
    }

    private String sub(JsonNode argument) {
        String text = argument.isArray() ? argument.get(0).asText() : argument.asText();
        Map<String, String> variables = new HashMap<>();
        if (argument.isArray()) {
            argument.get(1).properties().forEach(v -> variables.put(v.getKey(), string(v.getValue())));
        }
        Matcher variable = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(2);
            String replacement = !variable.group(1).isEmpty() ? "${" + name + "}" // ${!Literal}
                    : variables.containsKey(name) ? variables.get(name) : value(name);
            variable.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return variable.appendTail(out).toString();
    }

    private List<String> strings(JsonNode list) {
        JsonNode value = evaluate(list);
        List<String> strings = new ArrayList<>();
        value.forEach(item -> strings.add(string(item)));
        return strings;
    }

    private static JsonNode split(String delimiter, String text) {
        ArrayNode parts = NODES.arrayNode();
        for (String part : text.split(Pattern.quote(delimiter), -1)) {
            parts.add(part);
        }
        return parts;
    }

    private List<Boolean> conditions(JsonNode list) {
        List<Boolean> conditions = new ArrayList<>();
        list.forEach(item -> conditions.add(condition(item)));
        return conditions;
    }

    private JsonNode namedCondition(String name) {
        JsonNode condition = template.path("Conditions").path(name);
        if (condition.isMissingNode()) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return condition;
    }
}
