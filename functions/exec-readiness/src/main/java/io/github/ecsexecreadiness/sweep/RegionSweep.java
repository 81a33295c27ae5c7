package io.github.ecsexecreadiness.sweep;

import io.github.ecsexecreadiness.check.Readiness;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.collect.EcsReader;
import io.github.ecsexecreadiness.flow.ReadinessFlow;
import io.github.ecsexecreadiness.flow.Request;
import io.github.ecsexecreadiness.flow.Sink;
import io.github.ecsexecreadiness.model.Arns;
import io.github.ecsexecreadiness.report.Telemetry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sweeps one {@link SweepItem}: every service of one account and Region, a few clusters at a time. Each batch
 * is one run of the flow (collected, checked, repaired and reported) before the next, so what is done stays done;
 * when the time left would not fit another batch as long as the longest so far, the sweep queues its continuation
 * (the same item after the last cluster finished) and stops, instead of being cut off by the Lambda timeout and
 * starting over.
 */
public final class RegionSweep {
    /** Clusters collected together: a whole small account in one go, a large one in steps that fit the timeout. */
    public static final int CLUSTERS_PER_BATCH = 10;
    /** Kept free at the end of an invocation for queueing the continuation and flushing logs and metrics. */
    static final long RESERVE_MILLIS = 20_000;

    /** The time left in this invocation. */
    @FunctionalInterface
    public interface Deadline {
        long remainingMillis();

        Deadline NONE = () -> Long.MAX_VALUE;
    }

    /**
     * What one invocation did: the clusters and services swept in it, and the continuation when it stopped
     * before the last cluster.
     */
    public record Outcome(int clusters, int services, int notReady, int undetermined,
                          Optional<SweepItem> continuation) {}

    private final EcsReader ecs;
    private final ReadinessFlow flow;
    private final List<? extends Sink> sinks;
    private final int clustersPerBatch;
    private final String requester;

    /**
     * @param sinks     where each batch is reported
     * @param requester the trigger, as the audit lines of the fixes name it
     */
    public RegionSweep(EcsReader ecs, ReadinessFlow flow, List<? extends Sink> sinks, int clustersPerBatch,
                       String requester) {
        if (clustersPerBatch < 1) {
            throw new IllegalArgumentException("clustersPerBatch must be 1 or more: " + clustersPerBatch);
        }
        this.ecs = ecs;
        this.flow = flow;
        this.sinks = List.copyOf(sinks);
        this.clustersPerBatch = clustersPerBatch;
        this.requester = requester;
    }

    /**
     * Sweeps the item, queues its continuation when time runs short, and logs what was done.
     *
     * @throws io.github.ecsexecreadiness.collect.AwsApiException when the clusters cannot be listed or described:
     *         nothing of this item could be swept, so it is retried as a whole
     */
    public Outcome run(SweepItem item, Deadline deadline, SweepQueue queue, Telemetry telemetry) {
        Outcome outcome = sweep(item, deadline, telemetry);
        outcome.continuation().ifPresent(next -> SweepFanOut.send(queue, List.of(next)));
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("account", item.account(), "region", item.region(),
                "sweepId", item.sweepId(), "part", item.part(), "clusters", outcome.clusters(),
                "services", outcome.services(), "notReady", outcome.notReady(),
                "undetermined", outcome.undetermined(),
                "status", outcome.continuation().isPresent() ? "continued" : "done"));
        outcome.continuation().ifPresent(next -> fields.put("continuesAfter", next.startAfter()));
        telemetry.info("sweep item swept", fields);
        return outcome;
    }

    private Outcome sweep(SweepItem item, Deadline deadline, Telemetry telemetry) {
        // Sorted, so that a continuation finds its place whatever order ListClusters answers in.
        List<String> listed = ecs.listClusters().stream().sorted().toList();
        List<String> left = item.startAfter() == null ? listed
                : listed.stream().filter(arn -> arn.compareTo(item.startAfter()) > 0).toList();
        List<List<String>> batches = batches(left);
        Set<String> listedNames = names(listed);
        int clusters = 0;
        int services = 0;
        int notReady = 0;
        int undetermined = 0;
        long longestMillis = 0;
        for (int i = 0; i < batches.size(); i++) {
            List<String> batch = batches.get(i);
            if (i > 0 && deadline.remainingMillis() < RESERVE_MILLIS + 2 * longestMillis) {
                List<String> previous = batches.get(i - 1);
                return new Outcome(clusters, services, notReady, undetermined,
                        Optional.of(item.after(previous.get(previous.size() - 1))));
            }
            long start = System.nanoTime();
            List<ServiceReport> latest = sweep(item, batch, i == batches.size() - 1, listedNames, telemetry);
            clusters += batch.size();
            services += latest.size();
            notReady += count(latest, Readiness.NOT_READY);
            undetermined += count(latest, Readiness.UNDETERMINED);
            longestMillis = Math.max(longestMillis, (System.nanoTime() - start) / 1_000_000);
        }
        return new Outcome(clusters, services, notReady, undetermined, Optional.empty());
    }

    private static int count(List<ServiceReport> reports, Readiness readiness) {
        return (int) reports.stream().filter(report -> report.readiness() == readiness).count();
    }

    /**
     * One batch: its services' latest reports, reported for every cluster it read entirely; the last batch also
     * speaks for the clusters the Region no longer lists (their services are gone).
     */
    private List<ServiceReport> sweep(SweepItem item, List<String> batch, boolean last, Set<String> listedNames,
                                      Telemetry telemetry) {
        Request request = new Request(item.account(), item.region(), new Request.Services.Clusters(batch),
                last ? Optional.of(listedNames) : Optional.empty(), requester, null, Request.Fixes.AUTOMATIC);
        return flow.run(request, telemetry, sinks).latest();
    }

    /** At least one batch, even empty: an account without clusters still has its old findings archived. */
    private List<List<String>> batches(List<String> clusters) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < clusters.size(); from += clustersPerBatch) {
            batches.add(clusters.subList(from, Math.min(from + clustersPerBatch, clusters.size())));
        }
        if (batches.isEmpty()) {
            batches.add(List.of());
        }
        return batches;
    }

    private static Set<String> names(List<String> clusterArns) {
        return clusterArns.stream().map(Arns::clusterName)
                .collect(Collectors.toSet());
    }
}
