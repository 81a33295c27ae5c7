package io.github.ecsexecreadiness.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.check.ReadinessEngine;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TelemetryTest {
    private static final Instant NOW = Instant.parse("2026-11-21T06:00:05.123Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Telemetry telemetry = new Telemetry("Team/EcsExec", "scheduled-sweep",
            Clock.fixed(NOW, ZoneOffset.UTC), new PrintStream(out, true, UTF_8));

    private static ServiceReport report(Scenario scenario) {
        return new ReadinessEngine().evaluate(scenario.facts());
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private List<JsonNode> metricDocuments() throws IOException {
        return lines().stream().filter(l -> l.has("_aws")).toList();
    }

    /**
     * The EMF specification: _aws.Timestamp in epoch milliseconds, one CloudWatchMetrics directive naming the
     * namespace, dimension sets of names and metric definitions; every metric and dimension has a top-level value.
     */
    private static void assertValidEmf(JsonNode doc) {
        JsonNode aws = doc.path("_aws");
        assertEquals(NOW.toEpochMilli(), aws.path("Timestamp").asLong(), doc.toString());
        assertTrue(aws.path("Timestamp").isIntegralNumber());
        assertEquals(1, aws.path("CloudWatchMetrics").size());
        JsonNode directive = aws.path("CloudWatchMetrics").get(0);
        assertEquals("Team/EcsExec", directive.path("Namespace").asText());
        assertTrue(directive.path("Dimensions").isArray() && !directive.path("Dimensions").isEmpty());
        for (JsonNode set : directive.path("Dimensions")) {
            assertTrue(set.isArray() && set.size() <= 30, doc.toString());
            set.forEach(name -> assertTrue(doc.path(name.asText()).isTextual(), "dimension value " + name));
        }
        assertTrue(directive.path("Metrics").isArray() && !directive.path("Metrics").isEmpty());
        for (JsonNode metric : directive.path("Metrics")) {
            assertEquals("Count", metric.path("Unit").asText());
            assertTrue(doc.path(metric.path("Name").asText()).isNumber(), "metric value " + metric);
        }
    }

    /** Metric name -> value, for the documents whose dimension set is exactly {@code dimensions}. */
    private Map<String, Long> metrics(Set<String> dimensions) throws IOException {
        Map<String, Long> values = new HashMap<>();
        for (JsonNode doc : metricDocuments()) {
            JsonNode directive = doc.path("_aws").path("CloudWatchMetrics").get(0);
            Set<String> names = new TreeSet<>();
            directive.path("Dimensions").get(0).forEach(n -> names.add(n.asText()));
            if (names.equals(dimensions)) {
                directive.path("Metrics").forEach(m -> values.merge(
                        m.path("Name").asText() + dimensionSuffix(doc, names), doc.path(m.path("Name").asText())
                                .asLong(), Long::sum));
            }
        }
        return values;
    }

    private static String dimensionSuffix(JsonNode doc, Set<String> names) {
        return names.contains("CheckId") ? "/" + doc.path("CheckId").asText() : "";
    }

    @Test
    void countsServicesAndFailingChecksAsValidEmf() throws IOException {
        telemetry.serviceEvaluated(report(Scenario.ready()), 40);
        telemetry.serviceEvaluated(report(Scenario.ready().withService(b -> b.enableExecuteCommand(false))), 40);
        telemetry.serviceEvaluated(report(Scenario.ready().withService(b -> b.enableExecuteCommand(false))
                .withTasks(b -> b.enableExecuteCommand(false))), 40);
        Scenario unreadableRole = Scenario.ready();
        unreadableRole.unreadableRole(Scenario.TASK_ROLE_ARN, "AccessDeniedException");
        telemetry.serviceEvaluated(report(unreadableRole), 40);

        telemetry.flush();

        metricDocuments().forEach(TelemetryTest::assertValidEmf);
        assertEquals(Map.of("ServicesEvaluated", 4L, "ServicesNotReady", 2L, "ServicesUndetermined", 1L),
                metrics(Set.of("Trigger")));
        Map<String, Long> byCheck = metrics(Set.of("CheckId", "Trigger"));
        assertEquals(2L, byCheck.get("ChecksFailing/exec.service-flag"), byCheck.toString());
        assertEquals(1L, byCheck.get("ChecksFailing/exec.task-flag"), byCheck.toString());
        assertTrue(metricDocuments().stream().allMatch(d -> "scheduled-sweep".equals(d.path("Trigger").asText())));
    }

    @Test
    void flushStartsAgain() throws IOException {
        telemetry.count("MalformedEvents", 1);
        telemetry.flush();
        telemetry.flush();

        assertEquals(1, metricDocuments().size());
        assertValidEmf(metricDocuments().get(0));
        assertEquals(Map.of("MalformedEvents", 1L), metrics(Set.of("Trigger")));
    }

    @Test
    void nothingCountedWritesNoMetricDocument() throws IOException {
        telemetry.info("ignored", Map.of());
        telemetry.flush();

        assertTrue(metricDocuments().isEmpty(), lines().toString());
        assertEquals(1, lines().size());
    }

    @Test
    void logLinesAreJsonWithTimeLevelTriggerAndMessage() throws IOException {
        telemetry.error("evaluation not recorded by AWS Config", Map.of("resourceId", "id-1"));

        JsonNode line = lines().get(0);
        assertEquals(NOW.toString(), line.path("timestamp").asText());
        assertEquals("ERROR", line.path("level").asText());
        assertEquals("scheduled-sweep", line.path("trigger").asText());
        assertEquals("evaluation not recorded by AWS Config", line.path("message").asText());
        assertEquals("id-1", line.path("resourceId").asText());
    }

    @Test
    void linesBelowTheLogLevelAreLeftOutButMetricsAreNot() throws IOException {
        Telemetry quiet = new Telemetry("Team/EcsExec", "config-rule", Telemetry.Level.named("warn"),
                Clock.fixed(NOW, ZoneOffset.UTC), new PrintStream(out, true, UTF_8));

        quiet.serviceEvaluated(report(Scenario.ready().withService(b -> b.enableExecuteCommand(false))), 40);
        quiet.info("ignored", Map.of());
        quiet.scanned(new ScanReport(List.of(), List.of("cluster batch not found"), Map.of(), 5));
        quiet.error("malformed event", Map.of("reason", "x"));
        quiet.flush();

        assertEquals(List.of("WARN", "ERROR"), lines().stream().filter(l -> !l.has("_aws"))
                .map(l -> l.path("level").asText()).toList());
        assertEquals(Map.of("ServicesEvaluated", 1L, "ServicesNotReady", 1L, "ServicesUndetermined", 0L),
                metrics(Set.of("Trigger")));
        assertEquals(Map.of("ChecksFailing/exec.service-flag", 1L), metrics(Set.of("CheckId", "Trigger")));
    }

    @Test
    void logLevelNames() {
        assertEquals(Telemetry.Level.INFO, Telemetry.Level.named(null));
        assertEquals(Telemetry.Level.DEBUG, Telemetry.Level.named("debug"));
        assertEquals(Telemetry.Level.ERROR, Telemetry.Level.named(" ERROR "));
        var error = assertThrows(IllegalArgumentException.class,
                () -> Telemetry.Level.named("VERBOSE"));
        assertTrue(error.getMessage().contains("VERBOSE"), error.getMessage());
    }
}
