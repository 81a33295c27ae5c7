package io.github.ecsexecreadiness.scenario;

import io.github.ecsexecreadiness.TestScope;
import io.github.ecsexecreadiness.moto.MotoAccount;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * LocalStack in a container (Testcontainers), started for the suite when a Docker engine answers. Register it as
 * an extension.
 *
 * <p>Image: {@code LOCALSTACK_IMAGE}, default {@value #DEFAULT_IMAGE}, the last Community tag that runs without
 * an auth token (later images exit with code 55 without {@code LOCALSTACK_AUTH_TOKEN}; tags get no security
 * updates). {@code LOCALSTACK_AUTH_TOKEN} is passed through when set. Without a token the free tier has no ECS
 * (paid Base tier), so every scenario that scans is skipped with that reason; Security Hub is not emulated in
 * any tier.
 */
public final class LocalStackBackend implements EmulatorBackend, BeforeAllCallback, AfterAllCallback {
    static final String DEFAULT_IMAGE = "localstack/localstack:4.14.0";
    private static final Set<String> FREE = Set.of(IAM, EC2, STS, CONFIG, DYNAMODB);

    private final String image = env("LOCALSTACK_IMAGE").orElse(DEFAULT_IMAGE);
    private final Optional<String> authToken = env("LOCALSTACK_AUTH_TOKEN");
    private LocalStackContainer container;
    private Optional<String> unavailable = Optional.of("LocalStack was not started (register it as an extension)");

    @Override
    public void beforeAll(ExtensionContext context) {
        TestScope.refuseEmulatorOutsideRepository("LocalStack");
        // Without an engine this answers false in under a second (checked: no DOCKER_HOST, no docker.sock).
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            unavailable = Optional.of("no Docker engine (Testcontainers found none; LocalStack " + image
                    + " needs one)");
            return;
        }
        container = new LocalStackContainer(DockerImageName.parse(image)
                .asCompatibleSubstituteFor("localstack/localstack"));
        authToken.ifPresent(token -> container.withEnv("LOCALSTACK_AUTH_TOKEN", token));
        try {
            container.start();
            unavailable = Optional.empty();
        } catch (RuntimeException e) {
            // E.g. exit code 55: a 2026.3+ image without LOCALSTACK_AUTH_TOKEN.
            unavailable = Optional.of("LocalStack " + image + " did not start: " + e.getMessage()
                    + (authToken.isEmpty() ? " (images after 4.14.0 need LOCALSTACK_AUTH_TOKEN)" : ""));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (container != null) {
            container.stop();
        }
    }

    @Override
    public String name() {
        return "LocalStack " + image.substring(image.lastIndexOf(':') + 1);
    }

    @Override
    public Optional<String> unavailable() {
        return unavailable;
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    /** LocalStack serves any Region; the seeded account's subnets and endpoint names are in this one. */
    @Override
    public Region region() {
        return Region.of(MotoAccount.REGION);
    }

    @Override
    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey()));
    }

    @Override
    public String accountId() {
        return "000000000000";
    }

    /** The free tier's services; ECS only with a token (Base tier and up). Security Hub in no tier. */
    @Override
    public Set<String> services() {
        Set<String> services = new TreeSet<>(FREE);
        if (authToken.isPresent()) {
            services.add(ECS);
        }
        return services;
    }

    @Override
    public String whyMissing(String service) {
        return switch (service) {
            case ECS -> "LocalStack has ECS only in its paid tiers: set LOCALSTACK_AUTH_TOKEN";
            case SECURITY_HUB -> "LocalStack does not emulate Security Hub in any tier";
            default -> "LocalStack " + image + " does not provide " + service;
        };
    }

    /** The container is started for this suite alone and seeded once: it is already empty. */
    @Override
    public void reset() {
    }

    /** LocalStack's ECS tasks keep their status; nothing to hold. */
    @Override
    public void holdTaskStatus() {
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
