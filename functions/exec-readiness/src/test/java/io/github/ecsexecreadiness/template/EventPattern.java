package io.github.ecsexecreadiness.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.StreamSupport;

/**
 * The subset of EventBridge event-pattern matching the template uses: exact values, nested fields,
 * {@code exists} and {@code prefix}. Any other operator fails loudly rather than matching by accident.
 */
final class EventPattern {
    private EventPattern() {}

    static boolean matches(JsonNode pattern, JsonNode event) {
        return pattern.properties().stream().allMatch(field -> {
            JsonNode value = event.path(field.getKey());
            JsonNode expected = field.getValue();
            if (expected.isObject()) {
                return value.isObject() && matches(expected, value);
            }
            // An array in the event matches when any of its elements does.
            return StreamSupport.stream(expected.spliterator(), false).anyMatch(candidate -> value.isArray()
                    ? StreamSupport.stream(value.spliterator(), false).anyMatch(v -> accepts(candidate, v))
                    : accepts(candidate, value));
        });
    }

    private static boolean accepts(JsonNode candidate, JsonNode value) {
        if (!candidate.isObject()) {
            return !value.isMissingNode() && candidate.equals(value);
        }
        if (candidate.has("exists")) {
            return candidate.get("exists").asBoolean() != value.isMissingNode();
        }
        if (candidate.has("prefix")) {
            return value.isTextual() && value.asText().startsWith(candidate.get("prefix").asText());
        }
        throw new IllegalArgumentException("pattern operator not supported here: " + candidate);
    }
}
