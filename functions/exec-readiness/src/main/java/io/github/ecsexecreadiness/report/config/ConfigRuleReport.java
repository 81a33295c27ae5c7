package io.github.ecsexecreadiness.report.config;

import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.flow.Outcome;
import io.github.ecsexecreadiness.flow.Sink;
import io.github.ecsexecreadiness.model.Arns;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation.ComplianceType;
import io.github.ecsexecreadiness.report.config.EvaluationPublisher.Unrecorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS Config custom rule's report of one invocation: the evaluations of the services a run found, recorded
 * with PutEvaluations under the invocation's result token. Evaluations AWS Config did not record, even after a
 * retry, are logged one by one and fail the invocation ({@link EvaluationsNotRecordedException}), so that the
 * event reaches the dead-letter queue.
 */
public final class ConfigRuleReport implements Sink {
    private final ConfigRuleApi config;
    private final ConfigRuleInvocation invocation;
    private final EvaluationPublisher publisher;
    private List<ConfigEvaluation> sent = List.of();
    private List<Unrecorded> unrecorded = List.of();

    public ConfigRuleReport(ConfigRuleApi config, ConfigRuleInvocation invocation) {
        this.config = config;
        this.invocation = invocation;
        this.publisher = new EvaluationPublisher(config);
    }

    /**
     * The cluster of the changed service: the item's, its ARN's, else the one Config last recorded for it.
     * Empty when none says (an old-format ARN in a summary that Config no longer holds).
     */
    public Optional<String> cluster(ConfigRuleInvocation.ItemChange change) {
        return Optional.ofNullable(change.cluster())
                .or(() -> Arns.clusterOfService(change.serviceArn()))
                .or(() -> config.clusterOf(change.resourceId()));
    }

    /** The evaluations sent, after {@link #report} or {@link #notApplicable}. */
    public List<ConfigEvaluation> sent() {
        return sent;
    }

    /** What AWS Config did not record of them, even after a retry. */
    public List<Unrecorded> unrecorded() {
        return unrecorded;
    }

    /** Deleted, no longer recorded, or out of the rule's scope: nothing is read, Config is told NOT_APPLICABLE. */
    public void notApplicable(ConfigRuleInvocation.ItemChange change, Telemetry telemetry) {
        String why = change.eventLeftScope() ? "the resource left the rule's scope"
                : "configuration item status " + change.status() + " (" + change.resourceType() + ")";
        record(List.of(ConfigEvaluation.notApplicable(change.resourceType(), change.resourceId(), why,
                change.captureTime())), telemetry);
    }

    @Override
    public void report(Outcome outcome, Telemetry telemetry) {
        record(switch (invocation) {
            case ConfigRuleInvocation.ItemChange change -> outcome.service()
                    .map(service -> List.of(evaluation(service.before(), change.resourceId(), change.captureTime())))
                    .orElseGet(() -> List.of(ConfigEvaluation.notApplicable(change.resourceId(),
                            "the service no longer exists", change.captureTime())));
            case ConfigRuleInvocation.Scheduled scheduled -> sweep(scheduled, outcome, telemetry);
        }, telemetry);
    }

    /**
     * Every service of the Region. Services that Config does not record are skipped (Config has no resource id
     * for them); resources this rule evaluated that Config no longer records are NOT_APPLICABLE.
     */
    private List<ConfigEvaluation> sweep(ConfigRuleInvocation.Scheduled scheduled, Outcome outcome,
                                         Telemetry telemetry) {
        Instant at = scheduled.notificationCreationTime();
        Map<String, String> recorded = config.recordedServices();
        List<ConfigEvaluation> evaluations = new ArrayList<>();
        for (ServiceReport service : outcome.latest()) {
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
        return evaluations;
    }

    private void record(List<ConfigEvaluation> evaluations, Telemetry telemetry) {
        sent = List.copyOf(evaluations);
        unrecorded = publisher.publish(evaluations, invocation.resultToken());
        telemetry.count("EvaluationsRecorded", evaluations.size() - unrecorded.size());
        telemetry.count("EvaluationsFailed", unrecorded.size());
        for (Unrecorded failed : unrecorded) {
            telemetry.error("evaluation not recorded by AWS Config", Map.of(
                    "resourceId", failed.evaluation().resourceId(),
                    "complianceType", failed.evaluation().complianceType().name(),
                    "reason", failed.reason()));
        }
        if (!unrecorded.isEmpty()) {
            throw new EvaluationsNotRecordedException(unrecorded.size() + " of " + evaluations.size()
                    + " evaluations were not recorded by AWS Config");
        }
    }

    /**
     * COMPLIANT only when READY. UNDETERMINED is NON_COMPLIANT: PutEvaluations refuses INSUFFICIENT_DATA (it is
     * Config's own state for a rule without results), and a service that may refuse every session must not count
     * as compliant; the annotation says the readiness is undetermined and names the undecided checks.
     */
    private static ConfigEvaluation evaluation(ServiceReport report, String resourceId, Instant at) {
        return new ConfigEvaluation(ConfigEvaluation.ECS_SERVICE, resourceId,
                report.ready() ? ComplianceType.COMPLIANT : ComplianceType.NON_COMPLIANT,
                ConfigEvaluations.annotation(report), at);
    }

    /** Fails the invocation so that Lambda's retries, then the dead-letter queue, keep the event. */
    public static final class EvaluationsNotRecordedException extends RuntimeException {
        EvaluationsNotRecordedException(String message) {
            super(message);
        }
    }
}
