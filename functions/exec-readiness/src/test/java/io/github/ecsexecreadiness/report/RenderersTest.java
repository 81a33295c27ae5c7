package io.github.ecsexecreadiness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.check.ReadinessEngine;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ScanReport report(Scenario... scenarios) {
        List<ServiceReport> reports = new java.util.ArrayList<>();
        for (Scenario s : scenarios) {
            reports.addAll(new ReadinessEngine().evaluate(s.snapshot()));
        }
        return new ScanReport(reports, List.of("service x was deleted while scanning"),
                Map.of("ECS.DescribeServices", 1L, "ECS.ListClusters", 1L), 42);
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        Scenario notReady = Scenario.ready().withService(b -> b.enableExecuteCommand(false));

        JsonNode root = JSON.readTree(JsonRenderer.render(report(notReady)));

        JsonNode service = root.get("services").get(0);
        assertEquals(Scenario.SERVICE_ARN, service.get("serviceArn").asText());
        assertEquals(Scenario.CLUSTER_ARN, service.get("clusterArn").asText());
        assertEquals("web", service.get("serviceName").asText());
        assertFalse(service.get("ready").asBoolean());
        assertEquals("NOT_READY", service.get("readiness").asText());
        JsonNode flag = service.get("checks").findParents("id").stream()
                .filter(c -> c.get("id").asText().equals("exec.service-flag")).findFirst().orElseThrow();
        assertEquals("FAIL", flag.get("status").asText());
        assertTrue(flag.get("reason").asText().contains("false"));
        assertEquals(List.of("aws ecs update-service --cluster shop --service web --enable-execute-command "
                + "--force-new-deployment --region eu-west-1"), texts(flag.get("advice")));
        JsonNode agent = service.get("checks").findParents("id").stream()
                .filter(c -> c.get("id").asText().equals("exec.agent")).findFirst().orElseThrow();
        assertEquals(List.of(), texts(agent.get("advice")), "an array, empty where there is no advice");
        assertEquals(1, root.get("stats").get("services").asInt());
        assertEquals(1, root.get("stats").get("apiCalls").get("ECS.DescribeServices").asInt());
        assertEquals(42, root.get("stats").get("durationMs").asInt());
    }

    @Test
    void tableNamesFailingChecksInTheServiceRowAndExplainThem() {
        Scenario notReady = Scenario.ready().withService(b -> b.enableExecuteCommand(false));

        String table = TableRenderer.render(report(notReady), false);

        String row = table.lines().filter(l -> l.startsWith("shop")).findFirst().orElseThrow();
        assertTrue(row.matches("shop\\s+web\\s+NO\\s+.*exec\\.service-flag.*"), row);
        assertTrue(table.contains("FAIL exec.service-flag: enableExecuteCommand is false"), table);
        assertTrue(table.contains("fix: Run aws ecs update-service"), table);
        assertTrue(table.contains("\n      run: aws ecs update-service --cluster shop --service web "
                + "--enable-execute-command --force-new-deployment --region eu-west-1\n"), table);
        assertTrue(table.contains("0 of 1 services ready"), table);
        assertTrue(table.contains("note: service x was deleted while scanning"), table);
        assertFalse(table.contains("API calls"), "stats only on request");
    }

    @Test
    void undeterminedServicesAreNeitherReadyNorNotReady() throws Exception {
        Scenario ready = Scenario.ready();
        Scenario undetermined = Scenario.ready();
        undetermined.unreadableRole(Scenario.TASK_ROLE_ARN, "AccessDeniedException");

        JsonNode root = JSON.readTree(JsonRenderer.render(report(undetermined, ready)));
        String table = TableRenderer.render(report(undetermined, ready), false);

        assertEquals("UNDETERMINED", root.at("/services/0/readiness").asText());
        assertFalse(root.at("/services/0/ready").asBoolean(), "ready is true for READY only");
        assertEquals("READY", root.at("/services/1/readiness").asText());
        assertTrue(root.at("/services/1/ready").asBoolean());
        assertTrue(table.lines().anyMatch(l -> l.matches("shop\\s+web\\s+\\?\\s+-\\s+-\\s+.*iam\\.ssmmessages.*")),
                table);
        assertTrue(table.contains("1 of 2 services ready for ECS Exec; 1 undetermined"), table);
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void statsShowCallsPerOperationAndPerService() {
        String table = TableRenderer.render(report(Scenario.ready()), true);

        assertTrue(table.contains("API calls: 2 in 42 ms (2.00 per service)"), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("\\s+ECS\\.DescribeServices\\s+1")), table);
    }

    @Test
    void emptyAccountSaysSo() {
        String table = TableRenderer.render(new ScanReport(List.of(), List.of(), Map.of(), 1), false);
        assertTrue(table.startsWith("No ECS services found."), table);
    }
}
