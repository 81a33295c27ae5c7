package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.cli.CommandLine.Run;
import io.github.ecsexecreadiness.wire.ScriptedAws;
import io.github.ecsexecreadiness.wire.ScriptedAws.Fault;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Each error that stops a command, through the production connection against a scripted endpoint that answers in
 * ECS's own error format: one line that says what to do, exit code 2, and with --debug the full cause. Nothing
 * behind the script is needed: every case is answered (or refused) before a request would be forwarded.
 */
class ErrorMessagesTest {
    private static final AwsCredentialsProvider KEYS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    private static ScriptedAws aws;

    @BeforeAll
    static void start() throws IOException {
        aws = ScriptedAws.inFrontOf(closedPort());
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @BeforeEach
    void clearScripts() {
        aws.reset();
    }

    private static Run scan(AwsCredentialsProvider credentials, String... options) {
        List<String> argv = new ArrayList<>(List.of("scan"));
        argv.addAll(List.of(options));
        return CommandLine.run(credentials, new InMemoryRemediationLedger(), argv);
    }

    private static Run scanThroughScript(String... options) {
        List<String> argv = new ArrayList<>(List.of("--region", "eu-west-1", "--endpoint-url",
                aws.endpoint().toString()));
        argv.addAll(List.of(options));
        return scan(KEYS, argv.toArray(String[]::new));
    }

    /**
     * The SDK's real chain, finding nothing: no system properties, an empty profile file. (The environment
     * provider is left out: a developer's shell may hold keys.)
     */
    @Test
    void noCredentialsSaysHowToGiveThemInsteadOfTheProviderChainDump() {
        var nothing = ProfileFile.builder().content(new ByteArrayInputStream(new byte[0]))
                .type(ProfileFile.Type.CREDENTIALS).build();
        AwsCredentialsProvider chain = AwsCredentialsProviderChain.of(SystemPropertyCredentialsProvider.create(),
                ProfileCredentialsProvider.builder().profileFile(nothing).profileName("default").build());

        Run run = scan(chain, "--region", "eu-west-1", "--endpoint-url", aws.endpoint().toString());
        Run debug = scan(chain, "--region", "eu-west-1", "--endpoint-url", aws.endpoint().toString(), "--debug");

        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertEquals(1, run.err().lines().count(), run.err()),
                () -> assertTrue(run.err().startsWith("error: no AWS credentials found: pass --profile NAME"), run.err()),
                () -> assertTrue(run.err().contains("AWS_PROFILE") && run.err().contains("AWS_ACCESS_KEY_ID")
                        && run.err().contains("aws sso login"), run.err()),
                () -> assertFalse(run.err().contains("AwsCredentialsProviderChain"), "the SDK's dump is for --debug"),
                () -> assertEquals(List.of(), aws.requests(), "nothing is sent without credentials"),
                () -> assertTrue(debug.err().contains("Unable to load credentials from any of the providers"),
                        debug.err()),
                () -> assertTrue(debug.err().contains("\tat software.amazon.awssdk."), "a stack trace"));
    }

    @Test
    void aProfileWithoutCredentialsIsNamed() {
        var nothing = ProfileFile.builder().content(new ByteArrayInputStream(new byte[0]))
                .type(ProfileFile.Type.CREDENTIALS).build();
        AwsCredentialsProvider profile = ProfileCredentialsProvider.builder().profileFile(nothing)
                .profileName("audit").build();

        Run run = scan(profile, "--region", "eu-west-1", "--endpoint-url", aws.endpoint().toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("error: profile audit has no credentials in ~/.aws/config or "
                + "~/.aws/credentials: pass --profile NAME"), run.err());
    }

    @Test
    void anExpiredTokenSaysToGetNewCredentials() {
        aws.on("ECS.ListClusters").answer(Fault.error(400, "ExpiredTokenException",
                "The security token included in the request is expired"));

        Run run = scanThroughScript();
        Run debug = scanThroughScript("--debug");

        assertEquals(2, run.exitCode());
        assertEquals("error: ECS.ListClusters: the session token has expired (ExpiredTokenException): get new "
                + "credentials (`aws sso login --profile NAME`, or new temporary keys) and run again\n", run.err());
        assertEquals(2, aws.attempts("ECS.ListClusters"), "one attempt per run: an expired token is not retried");
        assertTrue(debug.err().lines().count() > 5 && debug.err().contains("ExpiredTokenException"), debug.err());
    }

    @Test
    void accessDeniedOnTheFirstCallNamesTheActionAndWhereThePolicyIs() {
        aws.on("ECS.ListClusters").answer(Fault.accessDenied());

        Run run = scanThroughScript();

        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: ECS.ListClusters: AccessDeniedException (User: arn:aws:sts::"),
                run.err());
        assertTrue(run.err().contains("the credentials need ecs:ListClusters: attach a policy allowing it (the README "
                + "lists every action `scan` calls)"), run.err());
    }

    @Test
    void rejectedKeysSayToCheckThem() {
        aws.on("ECS.ListClusters").answer(Fault.error(400, "UnrecognizedClientException",
                "The security token included in the request is invalid."));

        Run run = scanThroughScript();

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("error: ECS.ListClusters: AWS rejected the credentials "
                + "(UnrecognizedClientException): check the access key"), run.err());
    }

    @Test
    void anUnknownRegionIsRefusedBeforeAnyCallWithTheNearestKnownOne() {
        Run run = scan(KEYS, "--region", "eu-wset-1");

        assertEquals(2, run.exitCode());
        assertEquals("error: unknown Region eu-wset-1 (did you mean eu-west-1?); Regions are named like eu-west-1 "
                + "(try --help)\n", run.err());
        assertEquals(0, run.apiCalls().size(), "no client was opened");
    }

    @Test
    void anUnreachableEndpointSaysSo() throws IOException {
        Run run = scan(KEYS, "--region", "eu-west-1", "--endpoint-url", closedPort().toString());

        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: ECS.ListClusters: cannot reach AWS: Connection refused (is "
                + "--endpoint-url right and the server up?)"), run.err());
    }

    /** A loopback port nothing listens on. */
    private static URI closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
