package io.github.ecsexecreadiness.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimingTest {

    @Test
    void runsEveryCheckAndTheTelemetryWithoutAnAwsClient() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // Priming has no AWS client to call: it builds its own snapshot, so it cannot change an account.
        Priming.run(new PrintStream(out, true, StandardCharsets.UTF_8));

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        JsonNode evaluated = new ObjectMapper().readTree(lines.get(0));
        assertEquals("service evaluated", evaluated.get("message").asText());
        assertEquals("priming", evaluated.get("trigger").asText());
        // Everything the made-up service refers to is unreadable: the checks ran and said so.
        assertTrue(evaluated.get("undecided").size() >= 10, evaluated.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"CloudWatchMetrics\"")), "metrics are flushed too");
    }
}
