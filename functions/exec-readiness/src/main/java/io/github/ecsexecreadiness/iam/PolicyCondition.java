package io.github.ecsexecreadiness.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A statement's Condition element, decided against what is known of a request ({@link RequestContext}): every
 * clause must hold. Follows IAM's rules for a key absent from the request: a positive operator is false, a
 * negated one ({@code StringNotEquals}, {@code ArnNotLike}) is true, {@code ...IfExists} is true, {@code Null}
 * tests presence; the {@code ForAnyValue} qualifier is false and {@code ForAllValues} true on an absent key.
 * Operators other than the String, Arn and Null families, policy variables in values, and keys the context does
 * not know leave a clause undecided.
 */
record PolicyCondition(List<Clause> clauses) {
    static final PolicyCondition NONE = new PolicyCondition(List.of());

    PolicyCondition {
        clauses = List.copyOf(clauses);
    }

    /** Whether a Condition holds: surely, surely not, or it depends on what is not known. */
    enum Holds { YES, NO, UNDECIDED }

    /**
     * One operator on one key: {@code operator} is the base name, lower case, without qualifier or IfExists
     * ({@code stringnotequals}).
     */
    record Clause(String qualifier, String operator, boolean ifExists, String key, List<String> values) {
        Holds holds(RequestContext context) {
            Optional<String> prefix = context.prefix(key);
            if (prefix.isPresent()) {
                return holdsForPrefix(prefix.get());
            }
            Optional<Optional<String>> known = context.value(key);
            if (known.isEmpty()) {
                return Holds.UNDECIDED;
            }
            Optional<String> value = known.get();
            if (operator.equals("null")) {
                if (values.size() != 1 || !List.of("true", "false").contains(values.getFirst())) {
                    return Holds.UNDECIDED;
                }
                return of(value.isEmpty() == values.getFirst().equals("true"));
            }
            if (value.isEmpty()) {
                if (qualifier != null) {
                    return of(qualifier.equals("forallvalues"));
                }
                return ifExists || negated() ? Holds.YES : Holds.NO;
            }
            if (values.stream().anyMatch(v -> v.contains("${"))) {
                return Holds.UNDECIDED;
            }
            Optional<Boolean> matched = matches(value.get());
            if (matched.isEmpty()) {
                return Holds.UNDECIDED;
            }
            return of(matched.get() != negated());
        }

        /**
         * The key is present with a value that starts with {@code prefix}: a clause holds or fails only where every
         * such value decides it alike (a pattern {@code prefix*}, or values that cannot start so).
         */
        private Holds holdsForPrefix(String prefix) {
            if (operator.equals("null")) {
                return values.equals(List.of("false")) ? Holds.YES : values.equals(List.of("true")) ? Holds.NO
                        : Holds.UNDECIDED;
            }
            if (values.stream().anyMatch(v -> v.contains("${"))) {
                return Holds.UNDECIDED;
            }
            String positive = operator.replace("not", "");
            boolean like = positive.equals("stringlike") || positive.equals("arnlike");
            boolean ignoreCase = positive.equals("stringequalsignorecase");
            if (!like && !ignoreCase && !positive.equals("stringequals") && !positive.equals("arnequals")) {
                return Holds.UNDECIDED;
            }
            boolean everyValue = false;
            boolean someValue = false;
            for (String v : values) {
                if (like) {
                    var matcher = glob(v).matcher(prefix);
                    boolean matches = matcher.matches();
                    everyValue |= matches && v.endsWith("*") && glob(v.substring(0, v.length() - 1)).matcher(prefix)
                            .matches();
                    someValue |= matches || matcher.hitEnd();
                } else {
                    someValue |= ignoreCase ? v.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))
                            : v.startsWith(prefix);
                }
            }
            if (everyValue) {
                return of(!negated());
            }
            return someValue ? Holds.UNDECIDED : of(negated());
        }

        boolean negated() {
            return operator.contains("not");
        }

        /** Whether the value matches any of the clause's values, by the operator's family; empty if not handled. */
        private Optional<Boolean> matches(String value) {
            String positive = operator.replace("not", "");
            return switch (positive) {
                case "stringequals", "arnequals" -> Optional.of(values.contains(value));
                case "stringequalsignorecase" -> Optional.of(values.stream().anyMatch(value::equalsIgnoreCase));
                case "stringlike" -> Optional.of(values.stream().anyMatch(v -> glob(v).matcher(value).matches()));
                // ArnLike matches each colon-separated part on its own, as IAM matches resources
                case "arnlike" -> Optional.of(values.stream()
                        .anyMatch(v -> WildcardPattern.resource(v, false).matches(value)));
                default -> Optional.empty();
            };
        }

        private static Holds of(boolean holds) {
            return holds ? Holds.YES : Holds.NO;
        }

        /** IAM's condition wildcards: {@code *} any run of characters (colons too), {@code ?} one character. */
        private static Pattern glob(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }

    /** All clauses hold: YES; one surely fails: NO; otherwise UNDECIDED. */
    Holds holds(RequestContext context) {
        Holds result = Holds.YES;
        for (Clause clause : clauses) {
            switch (clause.holds(context)) {
                case NO -> {
                    return Holds.NO;
                }
                case UNDECIDED -> result = Holds.UNDECIDED;
                case YES -> { }
            }
        }
        return result;
    }

    boolean present() {
        return !clauses.isEmpty();
    }

    /** Parses a Condition object ({@code {"StringNotEquals": {"aws:SourceVpce": ["vpce-1"]}}}). */
    static PolicyCondition parse(JsonNode condition) {
        if (condition == null || condition.isEmpty()) {
            return NONE;
        }
        List<Clause> clauses = new ArrayList<>();
        for (Map.Entry<String, JsonNode> block : condition.properties()) {
            String name = block.getKey().toLowerCase(Locale.ROOT);
            String qualifier = null;
            int colon = name.indexOf(':');
            if (colon > 0) {
                qualifier = name.substring(0, colon);
                name = name.substring(colon + 1);
            }
            boolean ifExists = name.endsWith("ifexists");
            String operator = ifExists ? name.substring(0, name.length() - "ifexists".length()) : name;
            if (!block.getValue().isObject()) {
                throw new IllegalArgumentException("condition operator " + block.getKey() + " must map keys to values");
            }
            for (Map.Entry<String, JsonNode> key : block.getValue().properties()) {
                clauses.add(new Clause(qualifier, operator, ifExists, key.getKey(), values(key.getValue())));
            }
        }
        return new PolicyCondition(clauses);
    }

    /** A condition value or list of values; booleans and numbers as IAM reads them, as text. */
    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(each -> values.add(each.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
