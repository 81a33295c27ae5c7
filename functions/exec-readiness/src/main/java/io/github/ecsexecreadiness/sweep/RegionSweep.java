package io.github.ecsexecreadiness.sweep;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.collect.EcsReader;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.model.Arns;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.Coverage;
import io.github.ecsexecreadiness.report.securityhub.FindingsReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sweeps one {@link SweepItem}: every service of one account and Region, a few clusters at a time. Each batch
 * is collected, checked, repaired and published before the next, so what is done stays done; when the time
 * left would not fit another batch as long as the longest so far, the sweep stops and returns its
 * continuation (the same item after the last cluster finished) instead of being cut off by the Lambda
 * timeout and starting over.
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

    /** Repairs a service that is not ready, within the guardrails; returns its latest report. */
    @FunctionalInterface
    public interface Remediator {
        ServiceReport remediate(ReadinessScan.Evaluation evaluation, ServiceReport report);

        Remediator NONE = (evaluation, report) -> report;
    }

    /**
     * What one invocation did: the clusters and services swept in it, and the continuation when it stopped
     * before the last cluster.
     */
    public record Outcome(int clusters, int services, int notReady, Optional<SweepItem> continuation) {}

    private final EcsReader ecs;
    private final ReadinessScan scan;
    private final Remediator remediator;
    private final FindingsReport findings;
    private final int clustersPerBatch;

    public RegionSweep(EcsReader ecs, ReadinessScan scan, Remediator remediator, FindingsReport findings,
                       int clustersPerBatch) {
        if (clustersPerBatch < 1) {
            throw new IllegalArgumentException("clustersPerBatch must be 1 or more: " + clustersPerBatch);
        }
        this.ecs = ecs;
        this.scan = scan;
        this.remediator = remediator;
        this.findings = findings;
        this.clustersPerBatch = clustersPerBatch;
    }

    /**
     * @throws io.github.ecsexecreadiness.collect.AwsApiException when the clusters cannot be listed or described:
     *         nothing of this item could be swept, so it is retried as a whole
     */
    public Outcome run(SweepItem item, Deadline deadline, Telemetry telemetry) {
        // Sorted, so that a continuation finds its place whatever order ListClusters answers in.
        List<String> listed = ecs.listClusters().stream().sorted().toList();
        List<String> left = item.startAfter() == null ? listed
                : listed.stream().filter(arn -> arn.compareTo(item.startAfter()) > 0).toList();
        List<List<String>> batches = batches(left);
        Set<String> listedNames = names(listed);
        int clusters = 0;
        int services = 0;
        int notReady = 0;
        long longestMillis = 0;
        for (int i = 0; i < batches.size(); i++) {
            List<String> batch = batches.get(i);
            if (i > 0 && deadline.remainingMillis() < RESERVE_MILLIS + 2 * longestMillis) {
                List<String> previous = batches.get(i - 1);
                return new Outcome(clusters, services, notReady,
                        Optional.of(item.after(previous.get(previous.size() - 1))));
            }
            long start = System.nanoTime();
            List<ServiceReport> latest = sweep(batch, i == batches.size() - 1, listedNames, telemetry);
            clusters += batch.size();
            services += latest.size();
            notReady += (int) latest.stream().filter(report -> !report.ready()).count();
            longestMillis = Math.max(longestMillis, (System.nanoTime() - start) / 1_000_000);
        }
        return new Outcome(clusters, services, notReady, Optional.empty());
    }

    /**
     * One batch: its services' latest reports, published with the findings of every cluster it read entirely;
     * the last batch also archives the findings of clusters the Region no longer lists.
     */
    private List<ServiceReport> sweep(List<String> batch, boolean last, Set<String> listedNames,
                                      Telemetry telemetry) {
        List<ServiceReport> latest = List.of();
        Coverage coverage = Coverage.NONE;
        if (!batch.isEmpty()) {
            ReadinessScan.Evaluation evaluation = scan.evaluate(new Scope(batch, null));
            telemetry.scanned(evaluation.report());
            latest = evaluation.reports().stream()
                    .map(report -> report.ready() ? report : remediator.remediate(evaluation, report))
                    .toList();
            if (evaluation.report().complete()) {
                coverage = Coverage.clusters(names(batch));
            }
        }
        if (last) {
            coverage = coverage.or(Coverage.clustersOtherThan(listedNames));
        }
        findings.publish(latest, coverage, telemetry);
        return latest;
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
