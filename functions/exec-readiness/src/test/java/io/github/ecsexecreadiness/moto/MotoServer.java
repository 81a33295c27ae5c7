package io.github.ecsexecreadiness.moto;

import io.github.ecsexecreadiness.TestScope;
import io.github.ecsexecreadiness.aws.AwsClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A moto server ({@code python3 -m moto.server}) for tests that talk to AWS APIs. One process serves the whole
 * test run (it is started by the first test that needs it and stopped when JUnit finishes); its state is reset
 * before every test, so tests seed what they need in {@code @BeforeEach} or in the test itself.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final MotoServer moto = new MotoServer();
 *
 * &#64;Test void reads() { try (var clients = moto.newClients()) { ... } }
 * </pre>
 *
 * Tests that only read can share one seeding: with {@link #resetPerClass()} the state is reset once, before
 * the class's {@code @BeforeAll} methods, which then seed it.
 *
 * <p>Without python3 or moto the tests are skipped, unless system property {@code moto.required} or environment
 * variable {@code CI} is {@code true}: then they fail, so CI cannot go green by skipping.
 */
public final class MotoServer implements BeforeAllCallback, BeforeEachCallback {
    public static final Region REGION = Region.EU_WEST_1;
    public static final String ACCOUNT_ID = "123456789012";
    /** moto accepts any credentials; these are its documented fake ones. */
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoServer.class);
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final boolean perClass;
    private Process server;
    private URI endpoint;

    /** Resets the state before every test. */
    public MotoServer() {
        this(false);
    }

    private MotoServer(boolean perClass) {
        this.perClass = perClass;
    }

    /** Resets the state once per test class (register it in a static field), for classes whose tests only read. */
    public static MotoServer resetPerClass() {
        return new MotoServer(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (perClass) {
            connect(context);
            reset();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        connect(context);
        if (!perClass) {
            reset();
        }
    }

    /** Starts the shared server on first use; skips (or fails) the test when there is none. */
    private void connect(ExtensionContext context) {
        unavailable(context).ifPresent(Assumptions::abort);
    }

    /**
     * Starts the shared server on first use and connects to it, or says why there is none: for callers that run
     * other work when moto is missing. Fails (rather than returns the reason) when moto is required.
     */
    public Optional<String> unavailable(ExtensionContext context) {
        var state = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(State.class, key -> State.start(), State.class);
        if (state.unavailable() != null) {
            String message = "moto server unavailable: " + state.unavailable()
                    + " (install with: pip install 'moto[server]')";
            if (required()) {
                Assertions.fail(message + "; required because moto.required or CI is true");
            }
            return Optional.of(message);
        }
        server = state.process();
        endpoint = state.endpoint();
        return Optional.empty();
    }

    /** http://127.0.0.1:port, for {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Clients for {@link #REGION} with moto's fake credentials, all pointing at this server. Close them. */
    public AwsClients newClients() {
        return new AwsClients(REGION, CREDENTIALS, endpoint);
    }

    /** Forgets every resource created so far. */
    public void reset() throws IOException, InterruptedException {
        post("/moto-api/reset", "");
    }

    /**
     * Stops moto advancing the status of {@code model} (e.g. {@code ecs::task}, which otherwise moves from
     * RUNNING towards STOPPED each time it is described).
     */
    public void holdStatus(String model) throws IOException, InterruptedException {
        String body = "{\"model_name\": \"%s\", \"transition\": {\"progression\": \"manual\", \"times\": 1000000}}"
                .formatted(model);
        post("/moto-api/state-manager/set-transition", body);
    }

    private void post(String path, String body) throws IOException, InterruptedException {
        var response = HTTP.send(HttpRequest.newBuilder(endpoint.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2 || !server.isAlive()) {
            throw new IllegalStateException("moto " + path + " failed: HTTP " + response.statusCode() + " "
                    + response.body());
        }
    }

    private static boolean required() {
        return Boolean.getBoolean("moto.required") || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The shared server, or why there is none. Closed by JUnit at the end of the run. */
    private record State(Process process, URI endpoint, String unavailable) implements AutoCloseable {

        static State start() {
            TestScope.refuseEmulatorOutsideRepository("a moto server");
            Path log;
            Process process;
            int port;
            try {
                log = Files.createTempFile("moto-server-", ".log");
                port = freePort();
                var builder = new ProcessBuilder(List.of("python3", "-m", "moto.server", "-H", "127.0.0.1",
                        "-p", Integer.toString(port)));
                // AWS managed policies (arn:aws:iam::aws:policy/...) exist only when moto loads them.
                builder.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
                process = builder
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                return new State(null, null, "cannot run python3: " + e.getMessage());
            }
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Instant deadline = Instant.now().plus(STARTUP);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    return new State(null, null, "python3 -m moto.server exited with " + process.exitValue()
                            + ": " + lastLine(log));
                }
                if (answers(endpoint)) {
                    return new State(process, endpoint, null);
                }
                sleep();
            }
            process.destroyForcibly();
            return new State(null, null, "no answer from moto on port " + port + " within " + STARTUP.toSeconds()
                    + " s: " + lastLine(log));
        }

        @Override
        public void close() throws InterruptedException {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }

        private static boolean answers(URI endpoint) {
            try {
                HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return true;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private static int freePort() throws IOException {
            try (var socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        private static String lastLine(Path log) {
            try {
                var lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
                return lines.isEmpty() ? "(no output)" : lines.getLast().strip();
            } catch (IOException e) {
                return "(log unreadable: " + e.getMessage() + ")";
            }
        }

        private static void sleep() {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
