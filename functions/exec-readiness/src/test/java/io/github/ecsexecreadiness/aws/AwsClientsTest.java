package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class AwsClientsTest {
    private static final StaticCredentialsProvider FAKE =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "eu-west-1, aws-global",
        "us-east-1, aws-global",
        "cn-north-1, aws-cn-global",
        "us-gov-west-1, aws-us-gov-global",
    })
    void iamUsesThePartitionsGlobalRegion(String region, String iamRegion) {
        try (var clients = AwsClients.create(Region.of(region), null, null)) {
            assertEquals(Region.of(region), clients.ecs().serviceClientConfiguration().region());
            assertEquals(Region.of(region), clients.ec2().serviceClientConfiguration().region());
            assertEquals(Region.of(iamRegion), clients.iam().serviceClientConfiguration().region());
        }
    }

    @Test
    void anEndpointOverrideServesIamToo() {
        var endpoint = URI.create("http://127.0.0.1:5000");
        try (var clients = new AwsClients(Region.EU_WEST_1, FAKE, endpoint)) {
            assertEquals(endpoint, clients.iam().serviceClientConfiguration().endpointOverride().orElseThrow());
            assertEquals(Region.EU_WEST_1, clients.iam().serviceClientConfiguration().region());
        }
    }

    @Test
    void throttlingIsRetriedBeyondTheDefaultAttemptsAndCountedOnce() throws IOException {
        var requests = new AtomicInteger();
        var endpoint = ecsAnswering(attempt -> attempt <= 3
                ? Map.entry(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")
                : Map.entry(200, "{\"clusterArns\":[\"arn:aws:ecs:eu-west-1:123456789012:cluster/prod\"]}"), requests);

        try (var clients = new AwsClients(Region.EU_WEST_1, FAKE, endpoint)) {
            var clusters = new SdkEcsReader(clients.ecs()).listClusters();

            assertEquals(1, clusters.size());
            assertEquals(4, requests.get()); // more than the SDK default of 3 attempts
            assertEquals(Map.of("ECS.ListClusters", 1L), clients.apiCalls().snapshot());
        }
    }

    /** A local ECS endpoint whose n-th request (from 1) gets {@code answer(n)}: HTTP status and JSON body. */
    private URI ecsAnswering(java.util.function.IntFunction<Map.Entry<Integer, String>> answer, AtomicInteger requests)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            var response = answer.apply(requests.incrementAndGet());
            byte[] body = response.getValue().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(response.getKey(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
