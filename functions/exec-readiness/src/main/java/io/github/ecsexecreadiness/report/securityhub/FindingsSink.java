package io.github.ecsexecreadiness.report.securityhub;

import io.github.ecsexecreadiness.flow.Outcome;
import io.github.ecsexecreadiness.flow.Request;
import io.github.ecsexecreadiness.flow.Sink;
import io.github.ecsexecreadiness.model.Arns;
import io.github.ecsexecreadiness.report.Telemetry;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A run's findings: each service's latest report published to the account's hub, archiving what the run speaks
 * for entirely ({@link Coverage}): the whole Region or the clusters it read completely, and, for the last part of
 * a sweep, the clusters the Region no longer lists.
 *
 * @param archiveGone archive the findings of the request's one service when it no longer exists (an ECS event
 *                    names a service that was just deleted)
 */
public record FindingsSink(FindingsReport findings, boolean archiveGone) implements Sink {

    public static FindingsSink of(FindingsReport findings) {
        return new FindingsSink(findings, false);
    }

    @Override
    public void report(Outcome outcome, Telemetry telemetry) {
        if (archiveGone && outcome.gone().isPresent()) {
            findings.serviceGone(outcome.gone().get(), telemetry);
        } else {
            findings.publish(outcome.latest(), coverage(outcome), telemetry);
        }
    }

    static Coverage coverage(Outcome outcome) {
        Coverage read = !outcome.scan().complete() ? Coverage.NONE : switch (outcome.request().services()) {
            case Request.Services.Region region -> Coverage.WHOLE_REGION;
            case Request.Services.Clusters clusters -> Coverage.clusters(names(clusters.clusterArns()));
            case Request.Services.Service service -> Coverage.NONE;
        };
        return outcome.request().regionClusters().map(listed -> read.or(Coverage.clustersOtherThan(listed)))
                .orElse(read);
    }

    private static Set<String> names(List<String> clusterArns) {
        return clusterArns.stream().map(Arns::clusterName).collect(Collectors.toSet());
    }
}
