package io.github.ecsexecreadiness.handler;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.model.Arns;
import io.github.ecsexecreadiness.report.ScanReport;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation.ComplianceType;
import io.github.ecsexecreadiness.report.config.ConfigEvaluations;
import io.github.ecsexecreadiness.report.config.ConfigRuleApi;
import io.github.ecsexecreadiness.report.config.EvaluationPublisher;
import io.github.ecsexecreadiness.report.config.EvaluationPublisher.Unrecorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS Config custom rule: turns one Config invocation into evaluations of ECS services and records them
 * with PutEvaluations.
 */
public final class ConfigRule {
    private final ReadinessScan scan;
    private final ConfigRuleApi config;
    private final EvaluationPublisher publisher;

    public ConfigRule(ReadinessScan scan, ConfigRuleApi config) {
        this.scan = scan;
        this.config = config;
        this.publisher = new EvaluationPublisher(config);
    }

    /**
     * What was sent, and what AWS Config did not record even after a retry; the services evaluated, and
     * whether they are every service of the Region (a complete scheduled sweep), for the findings report.
     */
    public record Outcome(List<ConfigEvaluation> evaluations, List<Unrecorded> unrecorded,
                          List<ServiceReport> services, boolean sweepComplete) {}

    /** The evaluations of one invocation and the service reports they came from. */
    private record Evaluated(List<ConfigEvaluation> evaluations, List<ServiceReport> services, boolean complete) {
        static Evaluated notApplicable(ConfigEvaluation evaluation) {
            return new Evaluated(List.of(evaluation), List.of(), false);
        }
    }

    public Outcome handle(ConfigRuleEvent event, Telemetry telemetry) {
        Evaluated evaluated = switch (event) {
            case ConfigRuleEvent.ItemChange change -> evaluate(change, telemetry);
            case ConfigRuleEvent.Scheduled scheduled -> sweep(scheduled, telemetry);
        };
        List<ConfigEvaluation> evaluations = evaluated.evaluations();
        List<Unrecorded> unrecorded = publisher.publish(evaluations, event.resultToken());
        telemetry.count("EvaluationsRecorded", evaluations.size() - unrecorded.size());
        telemetry.count("EvaluationsFailed", unrecorded.size());
        return new Outcome(evaluations, unrecorded, evaluated.services(), evaluated.complete());
    }

    private Evaluated evaluate(ConfigRuleEvent.ItemChange change, Telemetry telemetry) {
        if (change.notApplicable()) {
            String why = change.eventLeftScope() ? "the resource left the rule's scope"
                    : "configuration item status " + change.status() + " (" + change.resourceType() + ")";
            return Evaluated.notApplicable(ConfigEvaluation.notApplicable(change.resourceType(),
                    change.resourceId(), why, change.captureTime()));
        }
        if (!Arns.isServiceArn(change.serviceArn())) {
            throw new MalformedEventException("configuration item " + change.resourceId() + " names no service ARN: "
                    + change.serviceArn());
        }
        String cluster = Optional.ofNullable(change.cluster())
                .or(() -> Arns.clusterOfService(change.serviceArn()))
                .or(() -> config.clusterOf(change.resourceId()))
                .orElseThrow(() -> new MalformedEventException("cannot tell the cluster of " + change.serviceArn()));
        return Scans.service(scan, cluster, change.serviceArn(), telemetry).service(change.serviceArn())
                .map(service -> new Evaluated(List.of(evaluation(service, change.resourceId(), change.captureTime())),
                        List.of(service), false))
                .orElseGet(() -> Evaluated.notApplicable(ConfigEvaluation.notApplicable(change.resourceId(),
                        "the service no longer exists", change.captureTime())));
    }

    /**
     * Every service of the Region. Services that Config does not record are skipped (Config has no resource id
     * for them); resources this rule evaluated that Config no longer records are NOT_APPLICABLE.
     */
    private Evaluated sweep(ConfigRuleEvent.Scheduled scheduled, Telemetry telemetry) {
        Instant at = scheduled.notificationCreationTime();
        ScanReport report = Scans.region(scan, telemetry).report();
        Map<String, String> recorded = config.recordedServices();
        List<ConfigEvaluation> evaluations = new ArrayList<>();
        for (ServiceReport service : report.services()) {
            String resourceId = recorded.get(service.service().arn());
            if (resourceId == null) {
                telemetry.count("ServicesNotRecordedByConfig", 1);
            } else {
                evaluations.add(evaluation(service, resourceId, at));
            }
        }
        Set<String> current = new HashSet<>(recorded.values());
        if (scheduled.configRuleName() != null) {
            for (String stale : config.evaluatedResourceIds(scheduled.configRuleName())) {
                if (!current.contains(stale)) {
                    evaluations.add(ConfigEvaluation.notApplicable(stale, "the service no longer exists", at));
                }
            }
        }
        return new Evaluated(evaluations, report.services(), report.complete());
    }

    private static ConfigEvaluation evaluation(ServiceReport report, String resourceId, Instant at) {
        return new ConfigEvaluation(ConfigEvaluation.ECS_SERVICE, resourceId,
                report.ready() ? ComplianceType.COMPLIANT : ComplianceType.NON_COMPLIANT,
                ConfigEvaluations.annotation(report), at);
    }
}
