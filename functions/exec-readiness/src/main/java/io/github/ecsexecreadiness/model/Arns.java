package io.github.ecsexecreadiness.model;

import java.util.Optional;

/** What can be read from an ARN without calling AWS. */
public final class Arns {
    private Arns() {}

    /** The account field (the fifth) of an ARN; empty for anything that is not an ARN (a bare role name...). */
    public static Optional<String> account(String arn) {
        String[] fields = arn.split(":", 6);
        return arn.startsWith("arn:") && fields.length == 6 ? Optional.of(fields[4]) : Optional.empty();
    }

    /** The name of a cluster, from its ARN ({@code ...:cluster/<name>}). */
    public static String clusterName(String clusterArn) {
        return clusterArn.substring(clusterArn.lastIndexOf('/') + 1);
    }

    /** An ECS service ARN, in either format. */
    public static boolean isServiceArn(String arn) {
        return arn != null && arn.startsWith("arn:") && arn.contains(":service/");
    }

    /**
     * The cluster name in a long-format service ARN ({@code ...:service/<cluster>/<name>}); empty for the old
     * format ({@code ...:service/<name>}), which does not carry it.
     */
    public static Optional<String> clusterOfService(String serviceArn) {
        if (!isServiceArn(serviceArn)) {
            throw new IllegalArgumentException("not a service ARN: " + serviceArn);
        }
        String[] path = serviceArn.substring(serviceArn.indexOf(":service/") + ":service/".length()).split("/");
        return path.length == 2 ? Optional.of(path[0]) : Optional.empty();
    }
}
