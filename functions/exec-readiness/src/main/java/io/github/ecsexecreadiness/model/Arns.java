package io.github.ecsexecreadiness.model;

import java.util.Optional;

/** What can be read from an ARN without calling AWS. */
public final class Arns {
    private Arns() {}

    /** The account field (the fifth) of an ARN. */
    public static String account(String arn) {
        String[] fields = arn.split(":", 6);
        if (fields.length < 6 || !fields[0].equals("arn")) {
            throw new IllegalArgumentException("not an ARN: " + arn);
        }
        return fields[4];
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
