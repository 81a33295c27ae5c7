package io.github.ecsexecreadiness.collect;

import java.util.List;

/**
 * Which services to collect: every cluster of the Region (empty {@code clusters}), or the named clusters;
 * {@code service} (name or ARN) narrows to one service, which then needs exactly one cluster.
 */
public record Scope(List<String> clusters, String service) {
    public Scope {
        clusters = List.copyOf(clusters);
        if (service != null && !service.startsWith("arn:") && clusters.size() != 1) {
            throw new IllegalArgumentException("--service needs exactly one --cluster (or a service ARN)");
        }
    }

    public static Scope wholeRegion() {
        return new Scope(List.of(), null);
    }
}
