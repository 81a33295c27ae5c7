package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.collect.ApiCalls;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.collect.OrganizationReader.Account;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

/** The wire format, signature, paging and retries of SdkOrganizationsReader, on a scripted HTTP client. */
class SdkOrganizationsReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsCredentialsProvider KEYS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    private static final String THROTTLED =
            "{\"__type\":\"com.amazonaws.organizations#TooManyRequestsException\",\"Message\":\"Rate exceeded\"}";
    private static final String OK = "{\"Accounts\":[]}";

    private final ScriptedHttp http = new ScriptedHttp();
    private final ApiCalls apiCalls = new ApiCalls();
    private final List<Duration> sleeps = new ArrayList<>();

    private SdkOrganizationsReader reader(AwsCredentialsProvider credentials) {
        return new SdkOrganizationsReader(SdkOrganizationsReader.Endpoint.of(Region.EU_WEST_1, null), credentials,
                http, apiCalls, sleeps::add, SdkOrganizationsReader.PAGE_SIZE);
    }

    @Test
    void signsAJson11PostForOrganizationsInUsEast1() {
        http.answer(200, OK);

        reader(KEYS).listAccountsForParent("ou-abcd-prodprod");

        SdkHttpRequest sent = http.requests.getFirst();
        String date = sent.firstMatchingHeader("X-Amz-Date").orElseThrow().substring(0, 8);
        String authorization = sent.firstMatchingHeader("Authorization").orElseThrow();
        assertAll(
                () -> assertEquals("POST https://organizations.us-east-1.amazonaws.com/",
                        sent.method() + " " + sent.getUri()),
                () -> assertEquals("application/x-amz-json-1.1", sent.firstMatchingHeader("Content-Type").orElseThrow()),
                () -> assertEquals("AWSOrganizationsV20161128.ListAccountsForParent",
                        sent.firstMatchingHeader("X-Amz-Target").orElseThrow()),
                () -> assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + date
                        + "/us-east-1/organizations/aws4_request, SignedHeaders="), authorization),
                () -> assertTrue(authorization.contains("x-amz-target"), authorization),
                () -> assertFalse(sent.firstMatchingHeader("X-Amz-Security-Token").isPresent()),
                () -> assertEquals(JSON.readTree("{\"ParentId\":\"ou-abcd-prodprod\",\"MaxResults\":20}"),
                        http.bodies.getFirst()));
    }

    @Test
    void sendsTheSessionTokenOfTemporaryCredentials() {
        http.answer(200, OK);

        reader(StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "the-token")))
                .listAccounts();

        SdkHttpRequest sent = http.requests.getFirst();
        assertAll(
                () -> assertEquals("the-token", sent.firstMatchingHeader("X-Amz-Security-Token").orElseThrow()),
                () -> assertTrue(sent.firstMatchingHeader("Authorization").orElseThrow()
                        .contains("x-amz-security-token"), "the token is signed"));
    }

    @Test
    void followsEveryPageAndCountsEachPageOnce() throws IOException {
        http.answer(200, """
                {"Accounts":[{"Id":"111111111111","Name":"a","Status":"ACTIVE"}],"NextToken":"page-2"}""");
        http.answer(200, """
                {"Accounts":[],"NextToken":"page-3"}""");
        http.answer(200, """
                {"Accounts":[{"Id":"222222222222","Name":"b","Status":"ACTIVE","State":"SUSPENDED"}],"NextToken":null}""");

        List<Account> accounts = reader(KEYS).listAccounts();

        assertAll(
                () -> assertEquals(List.of(new Account("111111111111", "a", "ACTIVE"),
                        new Account("222222222222", "b", "SUSPENDED")), accounts, "State wins over Status"),
                () -> assertEquals(List.of(JSON.readTree("{\"MaxResults\":20}"),
                        JSON.readTree("{\"MaxResults\":20,\"NextToken\":\"page-2\"}"),
                        JSON.readTree("{\"MaxResults\":20,\"NextToken\":\"page-3\"}")), http.bodies),
                () -> assertEquals(Map.of("Organizations.ListAccounts", 3L), apiCalls.snapshot()));
    }

    @Test
    void listsTheIdsOfChildOus() {
        http.answer(200, """
                {"OrganizationalUnits":[{"Id":"ou-abcd-prodeu01","Arn":"arn","Name":"eu"}]}""");

        assertEquals(List.of("ou-abcd-prodeu01"), reader(KEYS).listOrganizationalUnitsForParent("r-abcd"));
        assertEquals("AWSOrganizationsV20161128.ListOrganizationalUnitsForParent",
                http.requests.getFirst().firstMatchingHeader("X-Amz-Target").orElseThrow());
    }

    static Stream<Arguments> transientFailures() {
        return Stream.of(
                Arguments.of("throttled", new Step(400, THROTTLED, null)),
                Arguments.of("internal error", new Step(500,
                        "{\"__type\":\"ServiceException\",\"message\":\"try again\"}", null)),
                Arguments.of("unavailable, no body", new Step(503, "", null)),
                Arguments.of("connection reset", new Step(0, null, new IOException("Connection reset"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientFailures")
    void retriesWhatIsTransient(String name, Step failure) {
        http.script.add(failure);
        http.answer(200, """
                {"Accounts":[{"Id":"111111111111","Name":"a","State":"ACTIVE"}]}""");

        List<Account> accounts = reader(KEYS).listAccounts();

        assertAll(
                () -> assertEquals(1, accounts.size()),
                () -> assertEquals(2, http.requests.size()),
                () -> assertEquals(1, sleeps.size()),
                () -> assertEquals(1L, apiCalls.total(), "a retry is not another call"));
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            400 | {"__type":"AccessDeniedException","Message":"not the management account"} | AccessDeniedException | not the management account
            400 | {"__type":"com.amazonaws.organizations#AWSOrganizationsNotInUseException","message":"no org"} | AWSOrganizationsNotInUseException | no org
            400 | {"__type":"ParentNotFoundException"} | ParentNotFoundException |
            403 | <html>forbidden</html> | HTTP 403 |
            """)
    void failsAtOnceOnAnyOtherError(int status, String body, String code, String message) {
        http.answer(status, body);

        var e = assertThrows(AwsApiException.class, () -> reader(KEYS).listAccounts());

        assertAll(
                () -> assertEquals("Organizations.ListAccounts", e.operation()),
                () -> assertEquals(code, e.errorCode()),
                () -> assertEquals("Organizations.ListAccounts: " + code + (message == null ? "" : " (" + message
                        + ")"), e.getMessage()),
                () -> assertEquals(1, http.requests.size()),
                () -> assertEquals(List.of(), sleeps));
    }

    @Test
    void givesUpAfterFiveAttemptsWithGrowingJitteredWaits() {
        for (int i = 0; i < 6; i++) {
            http.answer(400, THROTTLED);
        }

        var e = assertThrows(AwsApiException.class, () -> reader(KEYS).listAccounts());

        assertAll(
                () -> assertEquals("TooManyRequestsException", e.errorCode()),
                () -> assertEquals(SdkOrganizationsReader.MAX_ATTEMPTS, http.requests.size()),
                () -> assertEquals(SdkOrganizationsReader.MAX_ATTEMPTS - 1, sleeps.size()),
                () -> {
                    for (int i = 0; i < sleeps.size(); i++) {
                        long ceiling = 500L << i;
                        assertTrue(sleeps.get(i).toMillis() < ceiling, "wait " + (i + 1) + ": " + sleeps.get(i));
                    }
                },
                () -> assertEquals(1L, apiCalls.total()));
    }

    @Test
    void backoffStaysUnderItsCap() {
        for (int attempt = 1; attempt <= 30; attempt++) {
            long millis = SdkOrganizationsReader.backoff(attempt).toMillis();
            assertTrue(millis >= 0 && millis < 10_000, attempt + ": " + millis);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "eu-west-1, https://organizations.us-east-1.amazonaws.com, us-east-1",
            "us-east-1, https://organizations.us-east-1.amazonaws.com, us-east-1",
            "cn-north-1, https://organizations.cn-northwest-1.amazonaws.com.cn, cn-northwest-1",
            "cn-northwest-1, https://organizations.cn-northwest-1.amazonaws.com.cn, cn-northwest-1",
            "us-gov-east-1, https://organizations.us-gov-west-1.amazonaws.com, us-gov-west-1",
    })
    void oneGlobalEndpointPerPartition(String region, String uri, String signingRegion) {
        assertEquals(new SdkOrganizationsReader.Endpoint(URI.create(uri), signingRegion),
                SdkOrganizationsReader.Endpoint.of(Region.of(region), null));
    }

    @Test
    void anOverrideReplacesTheUrlOnly() {
        URI moto = URI.create("http://127.0.0.1:5000");

        assertEquals(new SdkOrganizationsReader.Endpoint(moto, "us-east-1"),
                SdkOrganizationsReader.Endpoint.of(Region.EU_WEST_1, moto));
    }

    /** An HTTP answer, or the I/O error of the attempt. */
    record Step(int status, String body, IOException error) {}

    /** Answers each request with the next scripted step and records what was sent, body parsed. */
    private static final class ScriptedHttp implements SdkHttpClient {
        final Deque<Step> script = new ArrayDeque<>();
        final List<SdkHttpRequest> requests = new ArrayList<>();
        final List<JsonNode> bodies = new ArrayList<>();

        void answer(int status, String body) {
            script.add(new Step(status, body, null));
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    requests.add(request.httpRequest());
                    try (var in = request.contentStreamProvider().orElseThrow().newStream()) {
                        bodies.add(JSON.readTree(in));
                    }
                    Step step = script.removeFirst();
                    if (step.error() != null) {
                        throw step.error();
                    }
                    var body = new ByteArrayInputStream(step.body().getBytes(StandardCharsets.UTF_8));
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(step.status()).build())
                            .responseBody(AbortableInputStream.create(body))
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}
    }
}
