package io.github.ecsexecreadiness.collect;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts AWS API calls by {@code Service.Operation} (ECS.DescribeServices): one per request sent, pages included. */
public final class ApiCalls {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void record(String serviceOperation) {
        counts.computeIfAbsent(serviceOperation, k -> new LongAdder()).increment();
    }

    /** Counts sorted by operation name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((op, n) -> sorted.put(op, n.sum()));
        return sorted;
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
