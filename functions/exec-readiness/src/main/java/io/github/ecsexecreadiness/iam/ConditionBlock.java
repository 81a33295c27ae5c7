package io.github.ecsexecreadiness.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A statement's Condition block, decided against a request context that names every key the request carries
 * (a key it does not name is absent from the request). The operators the remediator's policies use are decided:
 * String(Not)Equals(IgnoreCase), String(Not)Like, Arn(Not)Equals, Arn(Not)Like, their IfExists forms, and Null;
 * any other operator, a set operator (ForAllValues, ForAnyValue) or a policy variable leaves it undecided.
 * Within one operator the values of a key are ORed, keys and operators are ANDed, and a negated operator holds
 * when the key is absent, as IAM evaluates them.
 */
record ConditionBlock(List<Clause> clauses) {
    ConditionBlock {
        clauses = List.copyOf(clauses);
    }

    /** One {@code operator: {key: values}} entry. */
    record Clause(String operator, String key, List<String> values) {}

    static ConditionBlock parse(JsonNode condition) {
        List<Clause> clauses = new ArrayList<>();
        if (condition != null) {
            condition.properties().forEach(operator -> operator.getValue().properties().forEach(key -> {
                List<String> values = new ArrayList<>();
                if (key.getValue().isArray()) {
                    key.getValue().forEach(value -> values.add(value.asText()));
                } else {
                    values.add(key.getValue().asText());
                }
                clauses.add(new Clause(operator.getKey(), key.getKey(), values));
            }));
        }
        return new ConditionBlock(clauses);
    }

    boolean isEmpty() {
        return clauses.isEmpty();
    }

    /** Whether the block holds for this request; empty when it cannot be decided here. */
    Optional<Boolean> holds(Map<String, String> context) {
        for (Clause clause : clauses) {
            Optional<Boolean> holds = holds(clause, context);
            if (holds.isEmpty()) {
                return Optional.empty();
            }
            if (!holds.get()) {
                return Optional.of(false);
            }
        }
        return Optional.of(true);
    }

    private static Optional<Boolean> holds(Clause clause, Map<String, String> context) {
        String operator = clause.operator();
        if (operator.contains(":") || clause.values().stream().anyMatch(v -> v.contains("${"))) {
            return Optional.empty();
        }
        String value = context.get(clause.key());
        if (operator.equals("Null")) {
            return Optional.of(clause.values().stream().anyMatch(v -> Boolean.parseBoolean(v) == (value == null)));
        }
        boolean ifExists = operator.endsWith("IfExists");
        String base = ifExists ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
        boolean negated = base.contains("Not");
        String positive = base.replace("Not", "");
        if (value == null) {
            return Optional.of(ifExists || negated);
        }
        Optional<Boolean> matches = switch (positive) {
            case "StringEquals", "ArnEquals" -> Optional.of(clause.values().contains(value));
            case "StringEqualsIgnoreCase" -> Optional.of(clause.values().stream()
                    .anyMatch(v -> v.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))));
            case "StringLike", "ArnLike" -> Optional.of(clause.values().stream()
                    .anyMatch(v -> WildcardPattern.resource(v, false).matches(value)));
            default -> Optional.empty();
        };
        return matches.map(match -> match != negated);
    }
}
