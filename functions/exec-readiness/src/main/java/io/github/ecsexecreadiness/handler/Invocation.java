package io.github.ecsexecreadiness.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.report.Telemetry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What every handler does around its own work: read the event as JSON, log a malformed event with its reason
 * and end without an error (a retry cannot fix it), flush metrics, write a short JSON result. AWS errors
 * propagate, so Lambda retries the asynchronous invocation and then sends it to the dead-letter queue.
 */
final class Invocation {
    static final ObjectMapper JSON = new ObjectMapper();

    private Invocation() {}

    static void run(InputStream input, OutputStream output, Telemetry telemetry,
                    BiFunction<JsonNode, Telemetry, ObjectNode> work) throws IOException {
        ObjectNode result;
        try {
            result = work.apply(read(input), telemetry);
        } catch (MalformedEventException e) {
            telemetry.error("malformed event", Map.of("reason", e.getMessage()));
            telemetry.count("MalformedEvents", 1);
            result = JSON.createObjectNode().put("status", "malformed").put("reason", e.getMessage());
        } finally {
            telemetry.flush();
        }
        output.write(JSON.writeValueAsBytes(result));
    }

    private static JsonNode read(InputStream input) throws IOException {
        try {
            JsonNode event = JSON.readTree(input);
            if (event == null || !event.isObject()) {
                throw new MalformedEventException("event is not a JSON object");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("event is not JSON: " + e.getOriginalMessage());
        }
    }
}
