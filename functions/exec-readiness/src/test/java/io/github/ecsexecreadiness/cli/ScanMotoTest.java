package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.moto.MotoAccount;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.moto.RecordingProxy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;

/**
 * The real command line, in process, against a moto account seeded by {@link MotoAccount}: verdicts, exit codes,
 * output formats, and proof that a scan only reads.
 *
 * <p>moto resets before each test method, and rebuilding its backends and seeding cost seconds, so the scans
 * of the seeded account are dynamic tests of one factory: seeded once, each scan with fresh clients whose call
 * count is its own. (The bad-argument case needs no account; it rides along rather than pay for a reset.)
 */
class ScanMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern READ_OPERATION = Pattern.compile("(ECS|IAM|EC2)\\.(List|Describe|Get)[A-Za-z]+");

    @TestFactory
    Stream<DynamicTest> scansOfTheSeededAccount() throws Exception {
        MotoAccount account;
        try (var seeding = moto.newClients()) {
            account = MotoAccount.seed(seeding, moto);
        }
        return Stream.of(
                dynamicTest("json verdicts name each seeded defect", () -> jsonVerdicts(account)),
                dynamicTest("a scope of ready services exits 0", this::scopeOfReadyServices),
                dynamicTest("table output with stats", this::tableWithStats),
                dynamicTest("a scan sends only read operations", this::onlyReads),
                dynamicTest("a bad argument exits 2 before any call", this::badArgument));
    }

    private void jsonVerdicts(MotoAccount account) throws Exception {
        Run run = scan("--output", "json");

        assertEquals(1, run.exitCode(), run.err());
        Map<String, JsonNode> services = byName(JSON.readTree(run.out()).path("services"));
        assertEquals(Set.of("web", "api", "static-creds", "isolated", "no-role", "no-permissions", "readonly",
                "exec-off", "worker"), services.keySet());
        List<Executable> expectations = new ArrayList<>();
        // Ready services: nothing FAILs; what they WARN about is named.
        expectations.add(failing(services, "web"));
        expectations.add(check(services, "web", "network.ssmmessages", "PASS",
                "subnet " + account.natPrivateSubnet, "through NAT gateway " + account.natGateway));
        expectations.add(check(services, "web", "iam.ssmmessages", "PASS", account.appTaskRole));
        expectations.add(check(services, "web", "exec.service-flag", "PASS", "service web"));
        expectations.add(check(services, "web", "platform.version", "PASS", "1.4.0"));
        expectations.add(failing(services, "api"));
        expectations.add(check(services, "api", "network.ssmmessages", "PASS",
                "subnet " + account.endpointSubnet, "through interface endpoint " + account.ssmmessagesEndpoint));
        // The permission comes from a customer managed policy, read with GetAccountAuthorizationDetails.
        expectations.add(check(services, "api", "iam.ssmmessages", "PASS", account.managedTaskRole));
        expectations.add(check(services, "api", "iam.exec-logging", "WARN", account.managedTaskRole,
                MotoAccount.EXEC_LOG_GROUP));
        expectations.add(failing(services, "static-creds"));
        expectations.add(check(services, "static-creds", "iam.static-credentials", "WARN",
                "AWS_ACCESS_KEY_ID (environment)", "AWS_SECRET_ACCESS_KEY (environment)"));
        // One defect each.
        expectations.add(failing(services, "isolated", "network.ssmmessages"));
        expectations.add(check(services, "isolated", "network.ssmmessages", "FAIL",
                "subnet " + account.isolatedSubnet, "no route to ssmmessages"));
        expectations.add(failing(services, "no-role", "iam.task-role", "iam.ssmmessages", "iam.exec-logging"));
        expectations.add(check(services, "no-role", "iam.task-role", "FAIL",
                "no task role in task definition no-role:1"));
        expectations.add(failing(services, "no-permissions", "iam.ssmmessages"));
        expectations.add(check(services, "no-permissions", "iam.ssmmessages", "FAIL", account.bareTaskRole,
                "ssmmessages:CreateControlChannel"));
        expectations.add(failing(services, "readonly", "container.readonly-root"));
        expectations.add(check(services, "readonly", "container.readonly-root", "FAIL", "app in readonly:1"));
        expectations.add(failing(services, "exec-off", "exec.service-flag"));
        expectations.add(check(services, "exec-off", "exec.service-flag", "FAIL",
                "enableExecuteCommand is false on service exec-off"));
        // The EC2 worker shows moto's gaps, each reported as real AWS data of that shape would be:
        // RunTask drops enableExecuteCommand, so the running task counts as started without exec;
        expectations.add(failing(services, "worker", "exec.task-flag", "platform.version"));
        expectations.add(check(services, "worker", "exec.task-flag", "FAIL", "1 of 1 RUNNING tasks"));
        // every container instance reports agent 1.0.0, below the 1.50.2 ECS Exec needs;
        expectations.add(check(services, "worker", "platform.version", "FAIL", "agent 1.0.0", "below 1.50.2"));
        // so no task has exec on and exec.agent has nothing to judge (moto reports no managedAgents either).
        expectations.add(check(services, "worker", "exec.agent", "NOT_APPLICABLE", "no RUNNING task with ECS Exec on"));
        // The bridge task uses its host's network: the instance in the NAT subnet.
        expectations.add(check(services, "worker", "network.ssmmessages", "PASS",
                "task " + taskId(account.workerTask), "through NAT gateway " + account.natGateway));
        assertAll(expectations);
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
        assertEquals(counted, wire);
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

    /** One run of the command line: exit code, what it printed, and every API call its clients sent. */
    private record Run(int exitCode, String out, String err, Map<String, Long> apiCalls) {}

    /** Runs {@code scan --endpoint-url <moto> --region eu-west-1 <args>}. */
    private static Run scan(String... args) {
        return scan(moto.endpoint(), args);
    }

    /**
     * Runs {@code scan --endpoint-url <endpoint> --region eu-west-1 <args>}. The connection takes the parsed
     * Region and endpoint as the production one does, with moto's fake static credentials.
     */
    private static Run scan(URI endpoint, String... args) {
        List<AwsClients> opened = new ArrayList<>();
        Function<ScanOptions, AccountReaders> connect = options -> {
            var clients = new AwsClients(Region.of(options.region()), MotoServer.CREDENTIALS, options.endpointUrl());
            opened.add(clients);
            return new SdkAccount(clients).readers();
        };
        List<String> argv = new ArrayList<>(List.of("scan", "--endpoint-url", endpoint.toString(),
                "--region", MotoAccount.REGION));
        argv.addAll(List.of(args));
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exitCode = new Main(connect, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(argv);
        Map<String, Long> calls = new TreeMap<>();
        opened.forEach(clients -> {
            clients.apiCalls().snapshot().forEach((op, n) -> calls.merge(op, n, Long::sum));
            clients.close();
        });
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), calls);
    }

    private static Map<String, JsonNode> byName(JsonNode services) {
        Map<String, JsonNode> byName = new TreeMap<>();
        services.forEach(service -> byName.put(service.path("serviceName").asText(), service));
        return byName;
    }

    /** The service's FAIL checks are exactly these, and it is ready exactly when there are none. */
    private static Executable failing(Map<String, JsonNode> services, String name, String... checkIds) {
        return () -> {
            JsonNode service = services.get(name);
            Set<String> failing = new HashSet<>();
            service.path("checks").forEach(check -> {
                if (check.path("status").asText().equals("FAIL")) {
                    failing.add(check.path("id").asText());
                }
            });
            assertEquals(Set.of(checkIds), failing, name + ": " + service);
            assertEquals(checkIds.length == 0, service.path("ready").asBoolean(), name + " ready");
        };
    }

    /** The check has this status and its reason names every fragment. */
    private static Executable check(Map<String, JsonNode> services, String name, String checkId, String status,
                                    String... fragments) {
        return () -> {
            JsonNode check = StreamSupport.stream(services.get(name).path("checks").spliterator(), false)
                    .filter(c -> c.path("id").asText().equals(checkId)).findFirst().orElseThrow();
            String reason = check.path("reason").asText();
            assertEquals(status, check.path("status").asText(), name + " " + checkId + ": " + reason);
            for (String fragment : fragments) {
                assertTrue(reason.contains(fragment),
                        name + " " + checkId + " reason lacks '" + fragment + "': " + reason);
            }
        };
    }

    private static void assertMatches(String text, String regex) {
        assertTrue(Pattern.compile(regex).matcher(text).find(), "no match for " + regex + " in:\n" + text);
    }

    private static String taskId(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
