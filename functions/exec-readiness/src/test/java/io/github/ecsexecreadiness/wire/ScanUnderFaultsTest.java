package io.github.ecsexecreadiness.wire;

import static io.github.ecsexecreadiness.wire.WireAccount.serviceArn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.report.ScanReport;
import io.github.ecsexecreadiness.wire.ScriptedAws.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The real scan (ReadinessScan over SdkAccount and AwsClients) against a moto account seen through
 * {@link ScriptedAws}: faults written as AWS writes them, on the wire. Each test compares with a scan of the
 * same account without faults: a fault may only turn the verdicts that need the failed call into UNKNOWN,
 * naming the operation and the error; every other verdict, and the other services, stay as they were.
 */
@StartsEmulator
class ScanUnderFaultsTest {
    /** The scan only reads: one seeding serves every test. */
    @RegisterExtension
    static final MotoServer moto = MotoServer.resetPerClass();

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    private static final String BLUE = serviceArn("blue");
    private static final String GREEN = serviceArn("green");
    /** The checks that need the service's running tasks. */
    private static final List<String> TASK_CHECKS = List.of("exec.task-flag", "platform.version", "network.ssmmessages");

    private static ScriptedAws aws;
    /** The whole Region scanned without faults. */
    private static ScanReport baseline;

    @BeforeAll
    static void seed() throws Exception {
        try (var clients = moto.newClients()) {
            WireAccount.seed(clients, moto);
        }
        aws = ScriptedAws.inFrontOf(moto.endpoint());
        baseline = scanWithoutFaults(Scope.wholeRegion());
    }

    @BeforeEach
    void clearScripts() {
        aws.reset();
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void throttlingTheSdkRidesOutLeavesTheVerdictsAsTheyWere() {
        aws.on("ECS.DescribeServices").times(2).answer(Fault.throttling());
        aws.on("IAM.GetAccountAuthorizationDetails").times(2).answer(Fault.throttling());
        aws.on("EC2.DescribeSubnets").times(2).answer(Fault.throttling());

        var report = scan(Scope.wholeRegion());

        assertEquals(results(baseline), results(report));
        for (String operation : List.of("ECS.DescribeServices", "IAM.GetAccountAuthorizationDetails",
                "EC2.DescribeSubnets")) {
            var first = aws.requests(operation).subList(0, 3);
            assertEquals(List.of(1, 2, 3), first.stream().map(ScriptedAws.Request::attempt).toList(), operation);
            assertEquals(200, first.get(2).status(), operation);
        }
        assertEquals(baseline.apiCalls(), report.apiCalls(), "retries are not counted as calls");
    }

    @Test
    void aClusterThrottledOnEveryAttemptIsUnknownAndTheOtherClusterIsEvaluated() {
        aws.on("ECS.DescribeTasks").matching("cluster/blue").answer(Fault.throttling());

        var report = scan(Scope.wholeRegion());

        var unknown = assertOnlyUnknownsNaming(baseline, report, "ECS.DescribeTasks: ThrottlingException");
        assertTrue(unknown.keySet().containsAll(TASK_CHECKS.stream().map(id -> key(BLUE, id)).toList()),
                unknown.toString());
        assertTrue(unknown.keySet().stream().allMatch(k -> k.startsWith(BLUE)), "green is evaluated as before");
        assertEquals(5, aws.requests("ECS.DescribeTasks").stream().filter(r -> r.status() == 400).count(),
                "the SDK's 5 attempts, then the collector moves on");
    }

    static Stream<Arguments> iamScopes() {
        return Stream.of(
                Arguments.of(Scope.wholeRegion(), List.of(BLUE, GREEN), "IAM.GetAccountAuthorizationDetails"),
                Arguments.of(new Scope(List.of(), BLUE), List.of(BLUE), "IAM.GetRole"));
    }

    @ParameterizedTest
    @MethodSource("iamScopes")
    void deniedIamMakesTheIamChecksUnknownAndDecidesTheRest(Scope scope, List<String> services, String readBy) {
        var before = scanWithoutFaults(scope);
        aws.on("IAM.GetAccountAuthorizationDetails").answer(Fault.accessDenied());
        aws.on("IAM.GetRole").answer(Fault.accessDenied());

        var report = scan(scope);

        var unknown = assertOnlyUnknownsNaming(before, report, ": AccessDenied");
        // The tag-based exec grants are found among every role of the account, whatever the scope.
        unknown.forEach((key, result) -> assertTrue(result.reason().contains((key.endsWith(" iam.tag-propagation")
                ? "IAM.GetAccountAuthorizationDetails" : readBy) + ": AccessDenied"), key + ": " + result.reason()));
        for (String service : services) {
            assertTrue(unknown.containsKey(key(service, "iam.task-role")), unknown.toString());
            assertTrue(unknown.containsKey(key(service, "iam.ssmmessages")), unknown.toString());
        }
        assertTrue(unknown.keySet().stream().allMatch(k -> k.contains(" iam.")), unknown.toString());
        assertTrue(aws.requests(readBy).stream().allMatch(r -> r.attempt() == 1), "AccessDenied is not retried");
    }

    /** A role deployed before these permissions existed: the path is undecided, naming the call, and nothing else. */
    @ParameterizedTest
    @CsvSource({"Route53.ListHostedZonesByVPC, Route53.ListHostedZonesByVPC: AccessDenied",
        "Route53Resolver.ListResolverRuleAssociations, Route53Resolver.ListResolverRuleAssociations: "
                + "AccessDeniedException"})
    void deniedNameResolutionMakesOnlyTheNetworkPathUnknown(String operation, String reason) {
        aws.on(operation).answer(Fault.accessDenied());

        var report = scan(Scope.wholeRegion());

        var unknown = assertOnlyUnknownsNaming(baseline, report, reason);
        assertEquals(Set.of(key(BLUE, "network.ssmmessages"), key(GREEN, "network.ssmmessages")), unknown.keySet());
    }

    /** Network ACLs AWS refuses to describe: only the ACL check is undecided, naming the call. */
    @Test
    void deniedNetworkAclsMakeOnlyTheAclCheckUnknown() {
        aws.on("EC2.DescribeNetworkAcls").answer(Fault.error(403, "UnauthorizedOperation",
                "You are not authorized to perform this operation."));

        var report = scan(Scope.wholeRegion());

        var unknown = assertOnlyUnknownsNaming(baseline, report, "EC2.DescribeNetworkAcls: UnauthorizedOperation");
        assertEquals(Set.of(key(BLUE, "network.acls"), key(GREEN, "network.acls")), unknown.keySet());
    }

    static Stream<Arguments> serverErrors() {
        return Stream.of(
                Arguments.of("EC2.DescribeRouteTables", Fault.error(500, "InternalError",
                        "An internal error has occurred"), "EC2.DescribeRouteTables: InternalError"),
                Arguments.of("EC2.DescribeVpcs", Fault.error(503, "Unavailable", "The server is overloaded"),
                        "EC2.DescribeVpcs: Unavailable"),
                Arguments.of("EC2.DescribeSubnets", Fault.status(502, "text/html",
                        "<html><body><h1>502 Bad Gateway</h1></body></html>"), "EC2.DescribeSubnets: HTTP 502"),
                // Not an HTTP error but the same outcome: every attempt's connection dropped.
                Arguments.of("EC2.DescribeInternetGateways", Fault.connectionReset(),
                        "EC2.DescribeInternetGateways: ClientError"));
    }

    @ParameterizedTest
    @MethodSource("serverErrors")
    void serverErrorsOnAnEc2DescribeMakeTheNetworkPathUnknown(String operation, Fault fault, String reason) {
        aws.on(operation).answer(fault);

        var report = scan(Scope.wholeRegion());

        var unknown = assertOnlyUnknownsNaming(baseline, report, reason);
        assertEquals(Set.of(key(BLUE, "network.ssmmessages"), key(GREEN, "network.ssmmessages"),
                key(BLUE, "network.acls"), key(GREEN, "network.acls")), unknown.keySet());
        assertEquals(5, aws.attempts(operation), "retried up to the SDK's 5 attempts");
    }

    static Stream<Arguments> malformedAnswers() {
        return Stream.of(
                // JSON cut short: the SDK's parse error is a ClientError; only green's revision 2 is affected.
                Arguments.of("ECS.DescribeTaskDefinition", "green-web:2", Fault.truncated(),
                        "ECS.DescribeTaskDefinition: ClientError", GREEN),
                Arguments.of("EC2.DescribeSubnets", null, Fault.truncated(), "EC2.DescribeSubnets: ClientError", null),
                Arguments.of("ECS.DescribeTasks", "cluster/green", Fault.status(200, "application/x-amz-json-1.1",
                        "{\"tasks\":\"not a list\"}"), "ECS.DescribeTasks: ClientError", GREEN),
                // Answers that parse but are not the operation's answer (an empty body, a portal's 200 page)
                // must not read as "no tasks" or "the roles do not exist".
                Arguments.of("ECS.DescribeTasks", "cluster/green", Fault.status(200, "application/x-amz-json-1.1",
                        ""), "ECS.DescribeTasks: ClientError", GREEN),
                Arguments.of("IAM.GetAccountAuthorizationDetails", null, Fault.status(200, "text/html",
                        "<html><body>Welcome</body></html>"), "IAM.GetAccountAuthorizationDetails: ClientError", null),
                Arguments.of("EC2.DescribeSubnets", null, Fault.status(200, "text/xml",
                        "<html><body>Welcome</body></html>"), "EC2.DescribeSubnets: ClientError", null));
    }

    @ParameterizedTest
    @MethodSource("malformedAnswers")
    void aMalformedAnswerMakesWhatItWasForUnknown(String operation, String matching, Fault fault, String reason,
                                                  String onlyService) {
        aws.on(operation).matching(matching).answer(fault);

        var report = scan(Scope.wholeRegion());

        var unknown = assertOnlyUnknownsNaming(baseline, report, reason);
        assertNotEquals(Map.of(), unknown, "the malformed answer was noticed");
        if (onlyService != null) {
            assertTrue(unknown.keySet().stream().allMatch(k -> k.startsWith(onlyService)), unknown.toString());
        }
    }

    @Test
    void retryAfterIsHonouredAndSlowAnswersDoNotBreakTheScan() {
        aws.on("ECS.ListServices").times(1).answer(
                Fault.error(429, "ThrottlingException", "Rate exceeded").withHeader("Retry-After", "1"));
        aws.on("ECS.ListServices").times(1).answer(
                Fault.status(503, "text/html", "<html>Service Unavailable</html>").withHeader("Retry-After", "1"));
        aws.on("ECS.DescribeContainerInstances").times(1).answer(Fault.slow(Duration.ofMillis(1500)));

        long start = System.nanoTime();
        var report = scan(Scope.wholeRegion());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(results(baseline), results(report));
        var listServices = aws.requests("ECS.ListServices").subList(0, 3);
        assertEquals(List.of(429, 503, 200), listServices.stream().map(ScriptedAws.Request::status).toList());
        for (int i = 1; i < 3; i++) {
            var wait = Duration.between(listServices.get(i - 1).at(), listServices.get(i).at());
            assertTrue(wait.compareTo(Duration.ofSeconds(1)) >= 0, "the SDK waits as Retry-After says: " + wait);
        }
        assertTrue(elapsedMs < 15_000, "bounded: " + elapsedMs + " ms");
    }

    private static ScanReport scanWithoutFaults(Scope scope) {
        var report = scan(scope);
        assertTrue(results(report).values().stream().noneMatch(r -> r.status() == Status.UNKNOWN),
                "every check is decided without faults: " + results(report));
        aws.reset();
        return report;
    }

    private static ScanReport scan(Scope scope) {
        try (var clients = new AwsClients(MotoServer.REGION, CREDENTIALS, aws.endpoint())) {
            return new ReadinessScan(new SdkAccount(clients).readers()).scan(scope);
        }
    }

    /**
     * Asserts the scan finished with the same services and checks, and that no verdict changed except to
     * UNKNOWN with a reason naming {@code reason}; a reason alone may change where the verdict held on the facts
     * that were read (one task that surely fails still fails). Returns the verdicts now UNKNOWN, by {@link #key}.
     */
    private static Map<String, CheckResult> assertOnlyUnknownsNaming(ScanReport baseline, ScanReport report,
                                                                     String reason) {
        var before = results(baseline);
        var after = results(report);
        assertEquals(before.keySet(), after.keySet(), "the sweep finished with every service and check");
        Map<String, CheckResult> unknown = new TreeMap<>();
        after.forEach((key, result) -> {
            if (result.status() != before.get(key).status()) {
                unknown.put(key, result);
            }
        });
        assertAll(unknown.entrySet().stream().map(e -> () -> {
            assertEquals(Status.UNKNOWN, e.getValue().status(), e.getKey() + ": " + e.getValue().reason());
            assertTrue(e.getValue().reason().contains(reason), e.getKey() + ": " + e.getValue().reason());
        }));
        return unknown;
    }

    private static Map<String, CheckResult> results(ScanReport report) {
        Map<String, CheckResult> results = new TreeMap<>();
        for (ServiceReport service : report.services()) {
            service.results().forEach(result -> results.put(key(service.service().arn(), result.id()), result));
        }
        return results;
    }

    private static String key(String serviceArn, String checkId) {
        return serviceArn + " " + checkId;
    }
}
