package io.github.ecsexecreadiness.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.collect.ApiCalls;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.collect.OrganizationReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;

/**
 * {@link OrganizationReader} speaking AWS Organizations' JSON 1.1 protocol itself, signed with the SDK's SigV4
 * signer: the SDK's {@code organizations} module is not available to this build. Organizations is global: one
 * endpoint per partition, whatever the caller's Region. Throttling, internal errors and I/O failures are
 * retried with jittered exponential backoff; every failure leaves as {@link AwsApiException}.
 */
public final class SdkOrganizationsReader implements OrganizationReader, AutoCloseable {
    static final int MAX_ATTEMPTS = 5;
    /** The largest MaxResults the three list operations accept. */
    static final int PAGE_SIZE = 20;
    private static final Duration BASE_DELAY = Duration.ofMillis(500);
    private static final Duration MAX_DELAY = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a partition's Organizations endpoint is, and the Region its requests are signed for. */
    record Endpoint(URI uri, String signingRegion) {
        static Endpoint of(Region region, URI override) {
            var endpoint = switch (AwsClients.partition(region)) {
                case "aws-cn" -> new Endpoint(URI.create("https://organizations.cn-northwest-1.amazonaws.com.cn"),
                        "cn-northwest-1");
                case "aws-us-gov" -> new Endpoint(URI.create("https://organizations.us-gov-west-1.amazonaws.com"),
                        "us-gov-west-1");
                default -> new Endpoint(URI.create("https://organizations.us-east-1.amazonaws.com"), "us-east-1");
            };
            return override == null ? endpoint : new Endpoint(override, endpoint.signingRegion());
        }
    }

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    private final Endpoint endpoint;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final ApiCalls apiCalls;
    private final Sleeper sleeper;
    private final int pageSize;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param region           the caller's Region, for its partition
     * @param endpointOverride replaces the partition's endpoint (moto), or null
     * @param http             closed with this reader
     */
    public SdkOrganizationsReader(Region region, AwsCredentialsProvider credentials, URI endpointOverride,
                                  SdkHttpClient http, ApiCalls apiCalls) {
        this(Endpoint.of(region, endpointOverride), credentials, http, apiCalls,
                delay -> Thread.sleep(delay.toMillis()), PAGE_SIZE);
    }

    /** With a sleeper that need not sleep and smaller pages, for tests. */
    SdkOrganizationsReader(Endpoint endpoint, AwsCredentialsProvider credentials, SdkHttpClient http,
                           ApiCalls apiCalls, Sleeper sleeper, int pageSize) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.http = http;
        this.apiCalls = apiCalls;
        this.sleeper = sleeper;
        this.pageSize = pageSize;
    }

    /** In Lambda: the central account's Region, credentials and call counter, against AWS. Close it. */
    public static SdkOrganizationsReader create(AwsClients central) {
        SdkHttpClient http = ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(20))
                .build();
        return new SdkOrganizationsReader(central.region(), central.credentials(), null, http, central.apiCalls());
    }

    @Override
    public List<Account> listAccounts() {
        return pages("ListAccounts", JSON.createObjectNode(), "Accounts", SdkOrganizationsReader::account);
    }

    @Override
    public List<Account> listAccountsForParent(String parentId) {
        return pages("ListAccountsForParent", JSON.createObjectNode().put("ParentId", parentId), "Accounts",
                SdkOrganizationsReader::account);
    }

    @Override
    public List<String> listOrganizationalUnitsForParent(String parentId) {
        return pages("ListOrganizationalUnitsForParent", JSON.createObjectNode().put("ParentId", parentId),
                "OrganizationalUnits", ou -> ou.path("Id").asText());
    }

    private static Account account(JsonNode account) {
        JsonNode state = account.hasNonNull("State") ? account.get("State") : account.path("Status");
        return new Account(account.path("Id").asText(), account.path("Name").asText(), state.asText(null));
    }

    /** Every page of a list operation, largest pages first: Organizations throttles per call, not per item. */
    private <T> List<T> pages(String operation, ObjectNode request, String items, Function<JsonNode, T> item) {
        List<T> all = new ArrayList<>();
        request.put("MaxResults", pageSize);
        String token = null;
        do {
            if (token != null) {
                request.put("NextToken", token);
            }
            JsonNode page = call(operation, request);
            page.path(items).forEach(node -> all.add(item.apply(node)));
            token = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
        } while (token != null);
        return all;
    }

    /**
     * One operation, counted once however many attempts it takes: signs, sends, retries what is transient and
     * turns every failure into {@link AwsApiException}. Package-visible so that tests can seed moto through it.
     */
    JsonNode call(String operation, ObjectNode request) {
        String name = "Organizations." + operation;
        apiCalls.record(name);
        byte[] payload = request.toString().getBytes(StandardCharsets.UTF_8);
        for (int attempt = 1; ; attempt++) {
            Failure failure;
            try {
                Answer answer = send(operation, payload);
                if (answer.status() / 100 == 2) {
                    return parse(name, answer.body());
                }
                failure = Failure.of(answer);
            } catch (IOException e) {
                failure = new Failure("ClientError", e.getMessage(), true);
            } catch (SdkClientException e) {
                failure = new Failure("ClientError", e.getMessage(), false);
            }
            if (!failure.retryable() || attempt == MAX_ATTEMPTS) {
                throw new AwsApiException(name, failure.code(), failure.message());
            }
            try {
                sleeper.sleep(backoff(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AwsApiException(name, "ClientError", "interrupted between attempts");
            }
        }
    }

    private static JsonNode parse(String operation, byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AwsApiException(operation, "ClientError", "unreadable answer: " + e.getMessage());
        }
    }

    /** Full jitter: uniform in [0, min(max, base * 2^(attempt - 1))). */
    static Duration backoff(int attempt) {
        long ceiling = Math.min(MAX_DELAY.toMillis(), BASE_DELAY.toMillis() << (attempt - 1));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling));
    }

    private Answer send(String operation, byte[] payload) throws IOException {
        var request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.uri())
                .encodedPath("/")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AWSOrganizationsV20161128." + operation)
                .putHeader("Content-Length", Integer.toString(payload.length))
                .build();
        var signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "organizations")
                .putProperty(AwsV4HttpSigner.REGION_NAME, endpoint.signingRegion()));
        var response = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null))
                .build()).call();
        try (InputStream body = response.responseBody().map(InputStream.class::cast)
                .orElseGet(InputStream::nullInputStream)) {
            return new Answer(response.httpResponse().statusCode(), body.readAllBytes());
        }
    }

    private record Answer(int status, byte[] body) {}

    /** An AWS error: its code (the part of {@code __type} after '#'), message, and whether to try again. */
    private record Failure(String code, String message, boolean retryable) {
        static Failure of(Answer answer) {
            JsonNode error;
            try {
                error = JSON.readTree(answer.body());
            } catch (IOException e) {
                error = JSON.createObjectNode();
            }
            String type = error.path("__type").asText("");
            String code = type.isEmpty() ? "HTTP " + answer.status() : type.substring(type.indexOf('#') + 1);
            String message = error.hasNonNull("message") ? error.get("message").asText()
                    : error.path("Message").asText(null);
            boolean retryable = answer.status() >= 500 || code.equals("TooManyRequestsException")
                    || code.equals("ServiceException");
            return new Failure(code, message, retryable);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
