package io.github.ecsexecreadiness.handler;

import com.fasterxml.jackson.databind.JsonNode;

/** Tolerant reads of event fields: AWS adds fields and leaves optional ones out. */
final class EventJson {
    private EventJson() {}

    /** The field as text; null when absent, JSON null or empty. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
