package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.wire.ScriptedAws;
import io.github.ecsexecreadiness.wire.ScriptedAws.Fault;
import io.github.ecsexecreadiness.wire.WireAccount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The command line over the SDK, against a moto account behind {@link ScriptedAws}: errors that stop the scan. */
@StartsEmulator
class MainUnderFaultsTest {
    /** The scan only reads: one seeding serves every test. */
    @RegisterExtension
    static final MotoServer moto = MotoServer.resetPerClass();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<AwsClients> opened = new ArrayList<>();
    private static ScriptedAws aws;

    @BeforeAll
    static void seed() throws Exception {
        try (var clients = moto.newClients()) {
            WireAccount.seed(clients, moto);
        }
        aws = ScriptedAws.inFrontOf(moto.endpoint());
    }

    @BeforeEach
    void clearScripts() {
        aws.reset();
    }

    @AfterEach
    void closeClients() {
        opened.forEach(AwsClients::close);
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    /** Main as the command line runs it, with fake static credentials instead of the default chain. */
    private int run(String... args) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        Main main = new Main(InMemoryConnections.scan(options -> {
            var clients = new AwsClients(Region.of(options.region()), credentials, options.endpointUrl());
            opened.add(clients);
            return new SdkAccount(clients).readers();
        }), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return main.run(List.of(args));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void scansThroughTheProxyAndOnlyReads() {
        int exit = run("scan", "--region", "eu-west-1", "--endpoint-url", aws.endpoint().toString());

        assertEquals(1, exit, "platform.version fails on moto's container instances: " + out);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("0 of 2 services ready"), out.toString());
        assertTrue(aws.requests().stream().map(r -> r.operation().substring(r.operation().indexOf('.') + 1))
                .allMatch(op -> op.startsWith("List") || op.startsWith("Describe") || op.startsWith("Get")),
                "scan only reads, on the wire: " + aws.requests());
    }

    @Test
    void deniedListClustersExitsTwoWithOneLine() {
        aws.on("ECS.ListClusters").answer(Fault.accessDenied());

        int exit = run("scan", "--region", "eu-west-1", "--endpoint-url", aws.endpoint().toString());

        assertEquals(2, exit);
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("error: ECS.ListClusters: AccessDeniedException (User: arn:aws:sts::"), err());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no half report");
        assertEquals(List.of("ECS.ListClusters"), aws.requests().stream().map(ScriptedAws.Request::operation).toList(),
                "nothing else is read once the clusters cannot be listed");
    }

    @Test
    void listClustersThrottledOnEveryAttemptExitsTwoAfterTheRetries() {
        aws.on("ECS.ListClusters").answer(Fault.throttling());

        int exit = run("scan", "--region", "eu-west-1", "--endpoint-url", aws.endpoint().toString());

        assertEquals(2, exit);
        assertEquals("error: ECS.ListClusters: ThrottlingException (Rate exceeded)", err().strip());
        assertEquals(5, aws.attempts("ECS.ListClusters"));
    }
}
