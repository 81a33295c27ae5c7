package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.report.Telemetry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * What every handler does around its own work: read the event, log a malformed event with its reason and end
 * without an error (a retry cannot fix it), flush metrics, write the result as JSON. AWS errors propagate, so
 * Lambda retries the asynchronous invocation and then sends it to the dead-letter queue.
 *
 * <p>The handlers stay {@code RequestStreamHandler}s: were the runtime to read their event types itself, an event
 * it cannot read would fail the invocation, and be retried, before any of this could log and skip it. So the event
 * must first be a JSON object, then it is read into its aws-lambda-java-events type with the runtime's own
 * serializer (its field names: {@code Records}, {@code detail-type}, {@code eventSourceARN}...).
 */
final class Invocation {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Class<?>, PojoSerializer<?>> SERIALIZERS = new ConcurrentHashMap<>();

    private Invocation() {}

    /** @param type an aws-lambda-java-events type, or {@link JsonNode} for an event the library has no type for */
    static <T> void run(InputStream input, OutputStream output, Telemetry telemetry, Class<T> type,
                        BiFunction<T, Telemetry, Object> work) throws IOException {
        Object result;
        try {
            result = work.apply(read(input, type), telemetry);
        } catch (MalformedEventException e) {
            telemetry.error("malformed event", Map.of("reason", e.getMessage()));
            telemetry.count("MalformedEvents", 1);
            result = JSON.createObjectNode().put("status", "malformed").put("reason", e.getMessage());
        } finally {
            telemetry.flush();
        }
        output.write(JSON.writeValueAsBytes(result));
    }

    static <T> T read(InputStream input, Class<T> type) throws IOException {
        JsonNode event;
        try {
            event = JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("event is not JSON: " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            throw new MalformedEventException("event is not a JSON object");
        }
        return type == JsonNode.class ? type.cast(event) : as(event, type);
    }

    private static <T> T as(JsonNode event, Class<T> type) {
        @SuppressWarnings("unchecked")
        PojoSerializer<T> serializer = (PojoSerializer<T>) SERIALIZERS.computeIfAbsent(type,
                key -> LambdaEventSerializers.serializerFor(key, Invocation.class.getClassLoader()));
        try {
            return serializer.fromJson(event.toString());
        } catch (UncheckedIOException e) {
            throw new MalformedEventException("event is not a " + type.getSimpleName() + ": "
                    + e.getCause().getMessage().lines().findFirst().orElse(""));
        }
    }
}
