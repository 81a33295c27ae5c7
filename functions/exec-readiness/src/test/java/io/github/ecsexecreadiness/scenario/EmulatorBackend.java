package io.github.ecsexecreadiness.scenario;

import io.github.ecsexecreadiness.aws.AwsClients;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * An AWS emulator the scenario suite runs against: where it listens, with which Region, credentials and account,
 * and which AWS services it provides (by SDK service id: "ecs", "iam", "ec2", "sts", "config", "securityhub",
 * "dynamodb"). A scenario that needs a service the backend lacks is skipped with {@link #whyMissing(String)}.
 */
public interface EmulatorBackend {
    String ECS = "ecs";
    String IAM = "iam";
    String EC2 = "ec2";
    String STS = "sts";
    String CONFIG = "config";
    String SECURITY_HUB = "securityhub";
    String DYNAMODB = "dynamodb";

    /** Shown in every test name: "{@code <scenario> on <name>}". */
    String name();

    /** Why the backend cannot run at all (not installed, no Docker engine...), or empty when it is up. */
    Optional<String> unavailable();

    URI endpoint();

    Region region();

    AwsCredentialsProvider credentials();

    /** The account id the emulator puts in the ARNs it makes. */
    String accountId();

    Set<String> services();

    /** Why {@code service} is not in {@link #services()}. */
    String whyMissing(String service);

    /** Forgets every resource, so a scenario starts from an empty account. */
    void reset() throws Exception;

    /** Keeps ECS tasks RUNNING once started (moto otherwise moves them towards STOPPED on each describe). */
    void holdTaskStatus() throws Exception;

    /** Clients pointing at the emulator. Close them. */
    default AwsClients newClients() {
        return new AwsClients(region(), credentials(), endpoint());
    }
}
