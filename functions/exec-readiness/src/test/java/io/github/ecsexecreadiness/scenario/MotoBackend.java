package io.github.ecsexecreadiness.scenario;

import io.github.ecsexecreadiness.moto.MotoServer;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The shared {@link MotoServer} child process as a backend. Register it as an extension: it connects before the
 * suite's tests, and then fails the run when moto is missing and required ({@code CI=true} or
 * {@code -Dmoto.required=true}), or makes the backend unavailable with the reason.
 */
public final class MotoBackend implements EmulatorBackend, BeforeAllCallback {
    private static final Set<String> SERVICES = Set.of(ECS, IAM, EC2, STS, CONFIG, SECURITY_HUB, DYNAMODB);

    private final MotoServer server = new MotoServer();
    private Optional<String> unavailable = Optional.of("moto was not started (register MotoBackend as an extension)");

    @Override
    public void beforeAll(ExtensionContext context) {
        unavailable = server.unavailable(context);
    }

    @Override
    public String name() {
        return "moto";
    }

    @Override
    public Optional<String> unavailable() {
        return unavailable;
    }

    @Override
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public Region region() {
        return MotoServer.REGION;
    }

    @Override
    public AwsCredentialsProvider credentials() {
        return MotoServer.CREDENTIALS;
    }

    @Override
    public String accountId() {
        return MotoServer.ACCOUNT_ID;
    }

    @Override
    public Set<String> services() {
        return SERVICES;
    }

    @Override
    public String whyMissing(String service) {
        return "moto has no " + service + " emulation";
    }

    @Override
    public void reset() throws Exception {
        server.reset();
    }

    @Override
    public void holdTaskStatus() throws Exception {
        server.holdStatus("ecs::task");
    }
}
