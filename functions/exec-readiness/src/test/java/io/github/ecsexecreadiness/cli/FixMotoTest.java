package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.moto.MotoAccount;
import io.github.ecsexecreadiness.moto.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * {@code fix --apply} through the SDK against moto: the seeded account's fixable defects are fixed, protected and
 * opted-out services are left alone, a second run writes nothing, and {@code scan} then shows the services ready.
 */
class FixMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> READS = List.of("List", "Describe", "Get");

    private final InMemoryRemediationLedger ledger = new InMemoryRemediationLedger();

    private record Run(int exitCode, String out, Map<String, Long> apiCalls) {
        long writes() {
            return apiCalls.entrySet().stream()
                    .filter(e -> READS.stream().noneMatch(read -> e.getKey().split("\\.")[1].startsWith(read)))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    @TestFactory
    Stream<DynamicTest> fixThenScan() throws Exception {
        try (AwsClients seeding = moto.newClients()) {
            MotoAccount account = MotoAccount.seed(seeding, moto);
            // moto keeps every service's rollout IN_PROGRESS unless it runs as many tasks as desired (it starts
            // none), and the guardrail rightly never redeploys during a rollout: a service with desiredCount 0 has
            // a COMPLETED rollout, so it is the one that can be redeployed here.
            seeding.ecs().createService(r -> r.cluster(MotoAccount.PROD).serviceName("drifted").taskDefinition("web")
                    .desiredCount(0).launchType("FARGATE").networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                            .subnets(account.natPrivateSubnet).securityGroups(account.natTaskGroup))));
            // Two more services with a fixable defect that the guardrails must protect.
            for (var protectedService : Map.of("web", "environment=production",
                    "api", "ecs-exec-readiness:auto-fix=false").entrySet()) {
                String arn = MotoAccount.serviceArn(MotoAccount.PROD, protectedService.getKey());
                String[] tag = protectedService.getValue().split("=");
                seeding.ecs().updateService(r -> r.cluster(MotoAccount.PROD).service(arn).enableExecuteCommand(false));
                seeding.ecs().tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key(tag[0]).value(tag[1]).build()));
            }
        }
        Run first = run("fix", "--apply", "--cluster", MotoAccount.PROD);
        Run second = run("fix", "--apply", "--cluster", MotoAccount.PROD);
        Run scan = run("scan", "--cluster", MotoAccount.PROD, "--output", "json");
        JsonNode services = JSON.readTree(scan.out()).path("services");
        return Stream.of(
                dynamicTest("the first run fixes and writes", () -> {
                    assertTrue(first.writes() > 0, first.out());
                    assertEquals(1, first.apiCalls().get("ECS.UpdateService"), first.out());
                    assertTrue(first.apiCalls().containsKey("IAM.CreatePolicy"), first.apiCalls().toString());
                    assertTrue(first.apiCalls().containsKey("ECS.UpdateService"), first.apiCalls().toString());
                }),
                dynamicTest("drifted is ready: exec turned on and redeployed", () -> assertReady(services, "drifted")),
                dynamicTest("exec-off is not redeployed while its rollout is in progress", () -> {
                    assertEquals("FAIL", status(services, "exec-off", "exec.service-flag"));
                    assertTrue(first.out().contains("wait for the rollout to complete"), first.out());
                }),
                dynamicTest("no-permissions is ready: the ssmmessages policy attached", () ->
                        assertReady(services, "no-permissions")),
                dynamicTest("the protected and opted-out services are untouched", () -> {
                    assertEquals("FAIL", status(services, "web", "exec.service-flag"));
                    assertEquals("FAIL", status(services, "api", "exec.service-flag"));
                }),
                dynamicTest("never-automatic defects are left to a person", () -> {
                    assertEquals("FAIL", status(services, "readonly", "container.readonly-root"));
                    assertTrue(first.out().contains("MANUAL"), first.out());
                }),
                dynamicTest("a second run writes nothing", () -> assertEquals(0, second.writes(),
                        second.apiCalls().toString())));
    }

    private static void assertReady(JsonNode services, String name) {
        JsonNode service = service(services, name);
        assertTrue(service.path("ready").asBoolean(), service.toString());
    }

    private static String status(JsonNode services, String name, String checkId) {
        for (JsonNode check : service(services, name).path("checks")) {
            if (check.path("id").asText().equals(checkId)) {
                return check.path("status").asText();
            }
        }
        throw new AssertionError("no " + checkId + " for " + name);
    }

    private static JsonNode service(JsonNode services, String name) {
        for (JsonNode service : services) {
            if (service.path("serviceName").asText().equals(name)) {
                return service;
            }
        }
        throw new AssertionError("no service " + name + " in " + services);
    }

    private Run run(String... args) {
        List<AwsClients> opened = new ArrayList<>();
        var out = new ByteArrayOutputStream();
        Main main = new Main(options -> open(opened).readers(), options -> {
            SdkAccount account = open(opened);
            return new Main.FixConnection(account.readers(), account.writers(), ledger);
        }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--endpoint-url", moto.endpoint().toString(), "--region", MotoAccount.REGION));
        int exitCode = main.run(argv);
        Map<String, Long> calls = new java.util.TreeMap<>();
        opened.forEach(clients -> {
            clients.apiCalls().snapshot().forEach((op, n) -> calls.merge(op, n, Long::sum));
            clients.close();
        });
        assertFalse(out.toString(StandardCharsets.UTF_8).startsWith("error"), out.toString(StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), calls);
    }

    private static SdkAccount open(List<AwsClients> opened) {
        AwsClients clients = new AwsClients(MotoServer.REGION, MotoServer.CREDENTIALS, moto.endpoint());
        opened.add(clients);
        return new SdkAccount(clients);
    }
}
