package io.github.ecsexecreadiness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ServiceReport;
import java.util.TreeMap;

/**
 * The machine-readable scan output, a public contract:
 * {@code {"services":[{"serviceArn","clusterArn","serviceName","ready","readiness","checks":[{"id","status","reason",
 * "advice":["<command>"]}]}], "stats":{"services","apiCalls":{"<Service>.<Operation>":n},"durationMs"}}}, where
 * {@code advice} holds the AWS CLI commands, names filled in and shell-quoted, that repair the check (empty when
 * none can be given). {@code readiness} is READY, NOT_READY or UNDETERMINED; {@code ready}, kept for older readers, is
 * true for READY only.
 */
public final class JsonRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonRenderer() {}

    public static String render(ScanReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode services = root.putArray("services");
        for (ServiceReport service : report.services()) {
            ObjectNode node = services.addObject()
                    .put("serviceArn", service.service().arn())
                    .put("clusterArn", service.service().clusterArn())
                    .put("serviceName", service.service().name())
                    .put("ready", service.ready())
                    .put("readiness", service.readiness().name());
            ArrayNode checks = node.putArray("checks");
            for (CheckResult result : service.results()) {
                ObjectNode check = checks.addObject()
                        .put("id", result.id())
                        .put("status", result.status().name())
                        .put("reason", result.reason());
                result.advice().forEach(check.putArray("advice")::add);
            }
        }
        ObjectNode stats = root.putObject("stats");
        stats.put("services", report.services().size());
        ObjectNode calls = stats.putObject("apiCalls");
        new TreeMap<>(report.apiCalls()).forEach(calls::put);
        stats.put("durationMs", report.durationMs());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
