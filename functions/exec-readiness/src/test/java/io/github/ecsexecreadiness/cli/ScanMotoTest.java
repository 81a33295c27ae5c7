package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static io.github.ecsexecreadiness.scenario.Verdicts.byName;
import static io.github.ecsexecreadiness.scenario.Verdicts.check;
import static io.github.ecsexecreadiness.scenario.Verdicts.failing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.cli.CommandLine.Run;
import io.github.ecsexecreadiness.moto.MotoAccount;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.moto.RecordingProxy;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real command line, in process, against a moto account seeded by {@link MotoAccount}: exit codes, output
 * formats, scopes, proof that a scan only reads, and what moto's gaps make of the EC2 worker. The verdicts of the
 * seeded account on every backend are in {@code ScenarioSuiteTest}.
 *
 * <p>moto resets before each test method, and rebuilding its backends and seeding cost seconds, so the scans
 * of the seeded account are dynamic tests of one factory: seeded once, each scan with fresh clients whose call
 * count is its own. (The bad-argument case needs no account; it rides along rather than pay for a reset.)
 */
@StartsEmulator
class ScanMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern READ_OPERATION = Pattern.compile(
            "(ECS|IAM|EC2|Route53|Route53Resolver)\\.(List|Describe|Get)[A-Za-z]+");

    @TestFactory
    Stream<DynamicTest> scansOfTheSeededAccount() throws Exception {
        try (var seeding = moto.newClients()) {
            MotoAccount.seed(seeding, moto);
        }
        return Stream.of(
                dynamicTest("moto's gaps, as real AWS data of that shape", this::workerOnMoto),
                dynamicTest("a scope of ready services exits 0", this::scopeOfReadyServices),
                dynamicTest("table output with stats", this::tableWithStats),
                dynamicTest("a scan sends only read operations", this::onlyReads),
                dynamicTest("a bad argument exits 2 before any call", this::badArgument));
    }

    /**
     * The EC2 worker shows moto's gaps, each reported as real AWS data of that shape would be: RunTask drops
     * enableExecuteCommand, so the running task counts as started without exec; every container instance reports
     * agent 1.0.0, below the 1.50.2 ECS Exec needs; so no task has exec on and exec.agent has nothing to judge
     * (moto reports no managedAgents either).
     */
    private void workerOnMoto() throws Exception {
        Run run = scan("--cluster", MotoAccount.LEGACY, "--output", "json");

        Map<String, JsonNode> services = byName(JSON.readTree(run.out()).path("services"));
        assertAll(
                failing(services, "worker", "exec.task-flag", "platform.version"),
                check(services, "worker", "exec.task-flag", "FAIL", "1 of 1 RUNNING tasks"),
                // moto gives the container instance ecs.os-type "windows" (its EC2 instance's platform).
                check(services, "worker", "platform.version", "FAIL", "agent 1.0.0", "below 1.56.0 for Windows"),
                check(services, "worker", "exec.agent", "NOT_APPLICABLE", "no RUNNING task with ECS Exec on"));
    }

    private void scopeOfReadyServices() throws Exception {
        Run web = scan("--cluster", MotoAccount.PROD, "--service", "web", "--output", "json");
        Run apiByArn = scan("--service", MotoAccount.serviceArn(MotoAccount.PROD, "api"), "--output", "json");
        Run legacy = scan("--cluster", MotoAccount.LEGACY, "--output", "json");

        assertAll(
                () -> assertEquals(0, web.exitCode(), web.err()),
                () -> assertEquals(Set.of("web"), byName(JSON.readTree(web.out()).path("services")).keySet()),
                () -> assertEquals(0, apiByArn.exitCode(), apiByArn.err()),
                () -> assertEquals(Set.of("api"), byName(JSON.readTree(apiByArn.out()).path("services")).keySet()),
                () -> assertEquals(1, legacy.exitCode(), legacy.err()),
                () -> assertEquals(Set.of("worker"), byName(JSON.readTree(legacy.out()).path("services")).keySet()));
    }

    private void tableWithStats() {
        Run run = scan("--output", "table", "--stats");

        assertEquals(1, run.exitCode(), run.err());
        assertAll(
                () -> assertMatches(run.out(), "(?m)^CLUSTER +SERVICE +READY +FAILING +WARN +UNKNOWN$"),
                () -> assertMatches(run.out(), "(?m)^prod +web +yes +- +- +-$"),
                () -> assertMatches(run.out(), "(?m)^prod +isolated +NO +network\\.ssmmessages +- +-$"),
                () -> assertMatches(run.out(), "(?m)^prod +static-creds +yes +- +iam\\.static-credentials +-$"),
                () -> assertMatches(run.out(),
                        "(?m)^prod/readonly\\n  FAIL container\\.readonly-root: .+\\n      fix: "),
                () -> assertMatches(run.out(), "(?m)^3 of 9 services ready for ECS Exec\\.$"),
                () -> assertMatches(run.out(), "(?m)^API calls: \\d+ in \\d+ ms \\(\\d+\\.\\d\\d per service\\)$"),
                // One DescribeServices per cluster (up to 10 services each), one IAM read for the whole sweep.
                () -> assertMatches(run.out(), "(?m)^  ECS\\.DescribeServices +2$"),
                () -> assertMatches(run.out(), "(?m)^  IAM\\.GetAccountAuthorizationDetails +1$"),
                () -> assertMatches(run.out(), "(?m)^  EC2\\.DescribeRouteTables +1$"));
    }

    /**
     * A sweep and a single-service scan (which reads roles one by one rather than the whole account) together
     * use every kind of read. Every operation their clients counted must be a List, Describe or Get, and the
     * requests that reached the wire (through a recording proxy) must be exactly those operations.
     */
    private void onlyReads() throws Exception {
        Map<String, Long> counted = new TreeMap<>();
        List<String> onTheWire;
        try (var proxy = new RecordingProxy(moto.endpoint())) {
            scan(proxy.endpoint(), "--output", "json").apiCalls().forEach((op, n) -> counted.merge(op, n, Long::sum));
            scan(proxy.endpoint(), "--cluster", MotoAccount.PROD, "--service", "api").apiCalls()
                    .forEach((op, n) -> counted.merge(op, n, Long::sum));
            onTheWire = proxy.operations();
        }

        List<String> writes = counted.keySet().stream().filter(op -> !READ_OPERATION.matcher(op).matches()).toList();
        assertEquals(List.of(), writes, "operations that are not reads: " + counted);
        assertTrue(counted.keySet().containsAll(Set.of("ECS.ListClusters", "ECS.DescribeServices", "ECS.ListTasks",
                "ECS.DescribeTasks", "ECS.DescribeTaskDefinition", "ECS.DescribeContainerInstances",
                "IAM.GetAccountAuthorizationDetails", "IAM.GetRole", "IAM.ListAttachedRolePolicies",
                "IAM.GetPolicyVersion", "EC2.DescribeSubnets", "EC2.DescribeRouteTables", "EC2.DescribeInstances",
                "EC2.DescribeVpcEndpoints", "EC2.DescribeVpcAttribute")), counted.toString());
        // Same operations, same number of requests (moto does not throttle, so there is no retry).
        Map<String, Long> wire = new TreeMap<>();
        for (String op : onTheWire) {
            int dot = op.indexOf('.');
            wire.merge(op.substring(0, dot).toUpperCase(Locale.ROOT) + op.substring(dot), 1L, Long::sum);
        }
        Map<String, Long> countedByWireName = new TreeMap<>();
        counted.forEach((op, n) -> countedByWireName.put(
                op.substring(0, op.indexOf('.')).toUpperCase(Locale.ROOT) + op.substring(op.indexOf('.')), n));
        assertEquals(countedByWireName, wire);
    }

    private void badArgument() {
        Run run = scan("--output", "xml");

        assertEquals(2, run.exitCode());
        assertEquals("error: --output must be table or json, not xml (try --help)\n", run.err());
        assertEquals("", run.out());
        assertEquals(Map.of(), run.apiCalls(), "no client was even opened");
    }

    @Test
    void emptyAccountHasNothingToFix() {
        Run table = scan();
        Run json = scan("--output", "json");

        assertAll(
                () -> assertEquals(0, table.exitCode(), table.err()),
                () -> assertTrue(table.out().startsWith("No ECS services found.\n"), table.out()),
                () -> assertEquals(0, json.exitCode(), json.err()),
                () -> assertEquals(0, JSON.readTree(json.out()).path("services").size(), json.out()));
    }

    /** Runs {@code scan --endpoint-url <moto> --region eu-west-1 <args>}. */
    private static Run scan(String... args) {
        return scan(moto.endpoint(), args);
    }

    /** Runs {@code scan --endpoint-url <endpoint> --region eu-west-1 <args>}, with moto's fake credentials. */
    private static Run scan(URI endpoint, String... args) {
        return CommandLine.run(endpoint, MotoServer.REGION, MotoServer.CREDENTIALS, new InMemoryRemediationLedger(),
                "scan", args);
    }

    private static void assertMatches(String text, String regex) {
        assertTrue(Pattern.compile(regex).matcher(text).find(), "no match for " + regex + " in:\n" + text);
    }
}
