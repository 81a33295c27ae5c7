package io.github.ecsexecreadiness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Readiness;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Structured logs and CloudWatch metrics for one invocation. Every line is one JSON object on standard
 * output, which Lambda sends to CloudWatch Logs as is; metrics use the embedded metric format (EMF), so
 * CloudWatch extracts them from the log without a PutMetricData call.
 */
public final class Telemetry {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Log levels, least severe first; lines below the threshold are not written (metrics always are). */
    public enum Level {
        DEBUG, INFO, WARN, ERROR;

        /** The level named by LOG_LEVEL (any case); INFO when unset. */
        public static Level named(String name) {
            if (name == null || name.isBlank()) {
                return INFO;
            }
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("log level " + name + " is not one of DEBUG, INFO, WARN, ERROR");
            }
        }
    }

    private final String namespace;
    private final String trigger;
    private final Level threshold;
    private final Clock clock;
    private final PrintStream out;
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private final Map<String, Long> failingByCheck = new TreeMap<>();

    /** @param trigger what invoked the function (config-rule, deployment-event...): a metric dimension */
    public Telemetry(String namespace, String trigger, Clock clock, PrintStream out) {
        this(namespace, trigger, Level.INFO, clock, out);
    }

    /** @param threshold the least severe level written */
    public Telemetry(String namespace, String trigger, Level threshold, Clock clock, PrintStream out) {
        this.namespace = namespace;
        this.trigger = trigger;
        this.threshold = threshold;
        this.clock = clock;
        this.out = out;
    }

    /**
     * Every service the scan evaluated, then each thing it could not evaluate and why (a cluster whose services
     * could not be listed, a service deleted in between...): WARN, since a verdict is missing.
     */
    public void scanned(ScanReport report) {
        report.services().forEach(service -> serviceEvaluated(service, report.durationMs()));
        report.notes().forEach(note -> log(Level.WARN, "not evaluated", Map.of("note", note)));
    }

    /** One line per evaluated service: service, verdict, the checks that fail, warn or are undecided, time taken. */
    public void serviceEvaluated(ServiceReport report, long scanDurationMs) {
        ObjectNode line = line(Level.INFO, "service evaluated");
        line.put("serviceArn", report.service().arn())
                .put("clusterArn", report.service().clusterArn())
                .put("ready", report.ready())
                .put("readiness", report.readiness().name());
        putIds(line.putArray("failing"), report.withStatus(Status.FAIL));
        putIds(line.putArray("warnings"), report.withStatus(Status.WARN));
        putIds(line.putArray("undecided"), report.withStatus(Status.UNKNOWN));
        line.put("scanDurationMs", scanDurationMs);
        if (writes(Level.INFO)) {
            print(line);
        }
        count("ServicesEvaluated", 1);
        count("ServicesNotReady", report.readiness() == Readiness.NOT_READY ? 1 : 0);
        count("ServicesUndetermined", report.readiness() == Readiness.UNDETERMINED ? 1 : 0);
        for (CheckResult result : report.withStatus(Status.FAIL)) {
            failingByCheck.merge(result.id(), 1L, Long::sum);
        }
    }

    public void info(String message, Map<String, ?> fields) {
        log(Level.INFO, message, fields);
    }

    public void error(String message, Map<String, ?> fields) {
        log(Level.ERROR, message, fields);
    }

    private void log(Level level, String message, Map<String, ?> fields) {
        if (writes(level)) {
            print(with(line(level, message), fields));
        }
    }

    private boolean writes(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    public void count(String metric, long value) {
        counters.merge(metric, value, Long::sum);
    }

    /** Writes the metrics gathered so far as EMF documents and starts again. Call once per invocation. */
    public void flush() {
        if (!counters.isEmpty()) {
            print(emf(List.of("Trigger"), counters, Map.of("Trigger", trigger)));
        }
        failingByCheck.forEach((checkId, n) ->
                print(emf(List.of("Trigger", "CheckId"), Map.of("ChecksFailing", n),
                        Map.of("Trigger", trigger, "CheckId", checkId))));
        counters.clear();
        failingByCheck.clear();
    }

    private ObjectNode emf(List<String> dimensions, Map<String, Long> metrics, Map<String, String> dimensionValues) {
        ObjectNode doc = JSON.createObjectNode();
        ObjectNode directive = doc.putObject("_aws").put("Timestamp", clock.millis())
                .putArray("CloudWatchMetrics").addObject().put("Namespace", namespace);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        dimensions.forEach(dimensionSet::add);
        ArrayNode definitions = directive.putArray("Metrics");
        metrics.forEach((name, value) -> {
            definitions.addObject().put("Name", name).put("Unit", "Count");
            doc.put(name, value);
        });
        dimensionValues.forEach(doc::put);
        return doc;
    }

    private ObjectNode line(Level level, String message) {
        return JSON.createObjectNode().put("timestamp", clock.instant().toString()).put("level", level.name())
                .put("trigger", trigger).put("message", message);
    }

    private static ObjectNode with(ObjectNode line, Map<String, ?> fields) {
        fields.forEach((key, value) -> line.set(key, JSON.valueToTree(value)));
        return line;
    }

    private static void putIds(ArrayNode array, List<CheckResult> results) {
        results.forEach(r -> array.add(r.id()));
    }

    private void print(ObjectNode node) {
        out.println(node.toString());
    }
}
