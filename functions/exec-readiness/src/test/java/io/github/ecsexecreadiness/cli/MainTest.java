package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line end to end over an in-memory account: exit codes, outputs, errors. */
class MainTest {
    private final InMemoryAccount account = new InMemoryAccount();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<ScanOptions> connections = new ArrayList<>();

    private int run(String... args) {
        Main main = new Main(InMemoryConnections.scan(options -> {
            connections.add(options);
            return account.readers();
        }), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return main.run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exitsZeroWhenEveryServiceIsReady() {
        account.put(Scenario.ready());

        assertEquals(0, run("scan", "--region", "eu-west-1"));
        assertTrue(out().contains("1 of 1 services ready for ECS Exec."), out());
    }

    @Test
    void exitsOneWhenAServiceIsNotReadyAndNamesTheFailingCheck() {
        account.put(Scenario.ready().withService(b -> b.enableExecuteCommand(false)));

        assertEquals(1, run("scan"));
        assertTrue(out().lines().anyMatch(l -> l.matches("shop\\s+web\\s+NO\\s+exec\\.service-flag.*")), out());
    }

    @Test
    void jsonOutputIsTheDocumentedDocumentWithStats() throws Exception {
        account.put(Scenario.ready());

        assertEquals(0, run("scan", "--output", "json"));

        JsonNode root = new ObjectMapper().readTree(out());
        assertEquals(Scenario.SERVICE_ARN, root.at("/services/0/serviceArn").asText());
        assertEquals(Checks.ALL.size(), root.at("/services/0/checks").size());
        assertEquals("READY", root.at("/services/0/readiness").asText());
        assertEquals(1, root.at("/stats/services").asInt());
        assertTrue(root.at("/stats/apiCalls/ECS.DescribeServices").asInt() >= 1, out());
    }

    @Test
    void clusterAndServiceOptionsNarrowTheScan() {
        account.put(Scenario.ready());
        account.putReadyFargateService("other", "api", account.taskDefinitionArn("api:1"), 1);
        account.setEnableExecuteCommand(account.serviceArn("other", "api"), false);

        assertEquals(0, run("scan", "--cluster", "shop", "--service", "web"), out());
        assertTrue(out().contains("1 of 1 services ready"), out());
        assertEquals(List.of("shop"), connections.get(0).clusters());
    }

    @Test
    void emptyAccountIsReady() {
        assertEquals(0, run("scan"));
        assertTrue(out().startsWith("No ECS services found."), out());
    }

    @Test
    void statsListCallsPerOperation() {
        account.put(Scenario.ready());

        run("scan", "--stats");

        assertTrue(out().contains("API calls: "), out());
        assertTrue(out().lines().anyMatch(l -> l.matches("\\s+ECS\\.ListClusters\\s+1")), out());
    }

    @Test
    void badArgumentsExitTwoWithOneLine() {
        assertEquals(2, run("scan", "--output", "yaml"));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("error: --output must be table or json"), err());
        assertTrue(connections.isEmpty(), "nothing is called with bad arguments");
    }

    @Test
    void unknownCommandAndNoCommandExitTwo() {
        assertEquals(2, run("deploy"));
        assertTrue(err().contains("unknown command deploy"), err());
        assertEquals(2, run());
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, run("scan", "--help"));
        assertTrue(out().contains("Usage: ecs-exec-readiness scan"), out());
        assertTrue(connections.isEmpty(), "help connects to nothing");
    }

    @Test
    void anErrorThatStopsTheScanExitsTwo() {
        account.put(Scenario.ready()).fail("ECS.ListClusters", "AccessDeniedException");

        assertEquals(2, run("scan"));
        assertTrue(err().contains("ECS.ListClusters: AccessDeniedException"), err());
    }

    @Test
    void aDeniedApiMakesChecksUnknownAndTheScanGoesOn() throws Exception {
        account.put(Scenario.ready()).fail("IAM.GetRole", "AccessDeniedException");

        int exit = run("scan", "--output", "json");

        assertEquals(3, exit, "an UNKNOWN that can stop a session makes the service undetermined, not ready");
        JsonNode ssmmessages = check(new ObjectMapper().readTree(out()), "iam.ssmmessages");
        assertEquals("UNKNOWN", ssmmessages.get("status").asText());
        assertTrue(ssmmessages.get("reason").asText().contains("AccessDeniedException"), ssmmessages.toString());
        assertEquals("PASS", check(new ObjectMapper().readTree(out()), "exec.service-flag").get("status").asText());
    }

    private static JsonNode check(JsonNode root, String id) {
        for (JsonNode check : root.at("/services/0/checks")) {
            if (check.get("id").asText().equals(id)) {
                return check;
            }
        }
        throw new AssertionError("no check " + id);
    }
}
