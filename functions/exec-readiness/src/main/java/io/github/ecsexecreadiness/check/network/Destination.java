package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.List;

/**
 * An AWS endpoint the SSM agent in the container must reach on TCP 443 for a session to start: {@code name} as
 * its endpoint service calls it, {@code host} the name the agent resolves, {@code gateway} when a gateway
 * endpoint (S3) also carries it.
 */
record Destination(String name, String host, String endpointService, boolean gateway) {

    static Destination of(String name, String region, boolean gateway) {
        return new Destination(name, name + "." + region + ".amazonaws.com", "com.amazonaws." + region + "." + name,
                gateway);
    }

    /**
     * What the cluster's execute-command configuration makes the agent reach before the shell starts:
     * ssmmessages always; KMS for the session key's handshake; CloudWatch Logs and S3 only with encryption on,
     * since the agent then fails the session when it cannot check the log group's or bucket's encryption (without
     * encryption an unreachable log destination only loses the log).
     */
    static List<Destination> neededBy(Ecs.ExecuteCommandConfiguration configuration, String region) {
        List<Destination> destinations = new ArrayList<>(List.of(of("ssmmessages", region, false)));
        if (configuration.kmsKeyId() != null) {
            destinations.add(of("kms", region, false));
        }
        // The log configuration applies only with logging OVERRIDE.
        boolean override = "OVERRIDE".equals(configuration.logging());
        if (override && configuration.cloudWatchEncryptionEnabled() && configuration.cloudWatchLogGroupName() != null) {
            destinations.add(of("logs", region, false));
        }
        if (override && configuration.s3EncryptionEnabled() && configuration.s3BucketName() != null) {
            destinations.add(of("s3", region, true));
        }
        return destinations;
    }
}
