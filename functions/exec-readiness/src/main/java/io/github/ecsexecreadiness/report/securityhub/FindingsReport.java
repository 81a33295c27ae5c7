package io.github.ecsexecreadiness.report.securityhub;

import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.Finding.ComplianceStatus;
import io.github.ecsexecreadiness.report.securityhub.Finding.WorkflowStatus;
import io.github.ecsexecreadiness.report.securityhub.SecurityHubApi.Failure;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps this tool's Security Hub findings equal to the latest evaluation. Each call:
 * <ol>
 * <li>reads the ACTIVE findings of the services concerned (GetFindings), to keep their CreatedAt;</li>
 * <li>imports, with a newer UpdatedAt (BatchImportFindings), every check that does not pass, and the resolved
 *     form of a check that passes only where it closes an open finding: a check that never failed, or whose
 *     finding is already PASSED, writes nothing (Security Hub bills and shows every import);</li>
 * <li>sets Workflow RESOLVED on findings that now pass and were NEW or NOTIFIED (BatchUpdateFindings):
 *     BatchImportFindings ignores Workflow once a finding exists. A check that fails again needs nothing:
 *     Security Hub itself resets RESOLVED to NEW when Compliance leaves PASSED. SUPPRESSED is left alone;</li>
 * <li>archives the ACTIVE findings not produced this time (deleted services, removed checks) of the services
 *     the publication covers ({@link Coverage}): a whole complete sweep, or the clusters a sweep read entirely.
 *     Nothing else is archived: a cluster that could not be read is not a cluster without services.</li>
 * </ol>
 * Security Hub errors are logged and counted ({@code FindingsFailed}); they never fail the evaluation, whose
 * other reports (Config, logs, metrics) stand on their own.
 */
public final class FindingsReport {
    private final SecurityHubApi hub;
    private final FindingMapper mapper;
    private final FindingsPublisher publisher;
    private final Clock clock;

    public FindingsReport(SecurityHubApi hub, FindingMapper mapper, Clock clock, FindingsPublisher.Sleeper sleeper) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.publisher = new FindingsPublisher(hub, sleeper);
        this.clock = clock;
    }

    private FindingsReport() {
        this.hub = null;
        this.mapper = null;
        this.publisher = null;
        this.clock = null;
    }

    /** For FINDINGS_ENABLED=false: publishes nothing. */
    public static FindingsReport disabled() {
        return new FindingsReport();
    }

    public boolean enabled() {
        return hub != null;
    }

    /**
     * @param sweepComplete true only for a whole-Region sweep in which every cluster's services were listed and
     *                      described: only then are findings of services not seen archived
     */
    public void publish(List<ServiceReport> reports, boolean sweepComplete, Telemetry telemetry) {
        publish(reports, sweepComplete ? Coverage.WHOLE_REGION : Coverage.NONE, telemetry);
    }

    /** @param coverage the services whose ACTIVE findings not produced now are archived */
    public void publish(List<ServiceReport> reports, Coverage coverage, Telemetry telemetry) {
        if (!enabled()) {
            return;
        }
        Optional<String> oneService = reports.size() == 1 && coverage == Coverage.NONE
                ? Optional.of(reports.get(0).service().arn()) : Optional.empty();
        guarded(telemetry, () -> {
            Instant now = clock.instant();
            Map<String, StoredFinding> stored = hub.activeFindings(FindingMapper.GENERATOR_PREFIX, oneService)
                    .stream().collect(Collectors.toMap(StoredFinding::id, Function.identity(), (a, b) -> a));
            Set<String> current = new HashSet<>();
            List<Finding> findings = new ArrayList<>();
            for (ServiceReport report : reports) {
                for (Finding finding : mapper.findings(report, now)) {
                    current.add(finding.id());
                    StoredFinding previous = stored.get(finding.id());
                    if (finding.resolved() && (previous == null
                            || previous.complianceStatus() == ComplianceStatus.PASSED)) {
                        continue; // nothing open to close
                    }
                    findings.add(previous == null || previous.createdAt() == null ? finding
                            : finding.withCreatedAt(previous.createdAt()));
                }
            }
            Set<String> failed = ids(publisher.publish(findings, telemetry));
            resolve(findings, stored, failed, telemetry);
            archive(stored.values().stream()
                    .filter(s -> !current.contains(s.id()) && coverage.covers(s.resourceArn())).toList(), now,
                    telemetry);
        });
    }

    /** The account's own product, the only one whose findings this tool writes; empty when findings are off. */
    public Optional<String> productArn() {
        return enabled() ? Optional.of(mapper.productArn()) : Optional.empty();
    }

    /**
     * Records a person's decision on findings of this tool (BatchUpdateFindings): the Note, and the Workflow
     * status when one is given. Errors are logged and counted, like every other write of this report.
     */
    public void note(List<String> findingIds, String text, String updatedBy, Optional<WorkflowStatus> workflow,
                     Telemetry telemetry) {
        if (!enabled() || findingIds.isEmpty()) {
            return;
        }
        guarded(telemetry, () -> {
            List<Failure> unprocessed = new ArrayList<>();
            for (int from = 0; from < findingIds.size(); from += SecurityHubApi.UPDATE_MAX) {
                unprocessed.addAll(hub.note(findingIds.subList(from, Math.min(from + SecurityHubApi.UPDATE_MAX,
                        findingIds.size())), text, updatedBy, workflow));
            }
            unprocessed.forEach(failure -> telemetry.error("finding note not recorded", Map.of(
                    "findingId", failure.id(), "errorCode", failure.errorCode(),
                    "errorMessage", String.valueOf(failure.errorMessage()))));
            telemetry.count("FindingsNoted", findingIds.size() - unprocessed.size());
            telemetry.count("FindingsFailed", unprocessed.size());
        });
    }

    /** The service no longer exists (an event said so): archive its ACTIVE findings. */
    public void serviceGone(String serviceArn, Telemetry telemetry) {
        if (!enabled()) {
            return;
        }
        guarded(telemetry, () -> archive(hub.activeFindings(FindingMapper.GENERATOR_PREFIX,
                Optional.of(serviceArn)), clock.instant(), telemetry));
    }

    private void resolve(List<Finding> imported, Map<String, StoredFinding> stored, Set<String> failed,
                         Telemetry telemetry) {
        List<String> toResolve = imported.stream()
                .filter(f -> f.resolved() && !failed.contains(f.id()))
                .map(f -> stored.get(f.id()))
                .filter(s -> s != null && s.complianceStatus() != ComplianceStatus.PASSED
                        && (s.workflowStatus() == WorkflowStatus.NEW || s.workflowStatus() == WorkflowStatus.NOTIFIED))
                .map(StoredFinding::id).toList();
        List<Failure> unprocessed = new ArrayList<>();
        for (int from = 0; from < toResolve.size(); from += SecurityHubApi.UPDATE_MAX) {
            unprocessed.addAll(hub.updateWorkflow(
                    toResolve.subList(from, Math.min(from + SecurityHubApi.UPDATE_MAX, toResolve.size())),
                    WorkflowStatus.RESOLVED));
        }
        unprocessed.forEach(failure -> telemetry.error("finding workflow not set to RESOLVED", Map.of(
                "findingId", failure.id(), "errorCode", failure.errorCode(),
                "errorMessage", String.valueOf(failure.errorMessage()))));
        telemetry.count("FindingsResolved", toResolve.size() - unprocessed.size());
        telemetry.count("FindingsFailed", unprocessed.size());
    }

    private void archive(List<StoredFinding> gone, Instant now, Telemetry telemetry) {
        if (gone.isEmpty()) {
            return;
        }
        List<Failure> failed = publisher.publish(gone.stream().map(s -> mapper.archived(s, now)).toList(), telemetry);
        telemetry.count("FindingsArchived", gone.size() - failed.size());
    }

    private static void guarded(Telemetry telemetry, Runnable work) {
        try {
            work.run();
        } catch (AwsApiException e) {
            telemetry.error("findings not published to Security Hub", Map.of("operation", e.operation(),
                    "errorCode", e.errorCode(), "reason", e.getMessage()));
            telemetry.count("FindingsFailed", 1);
        }
    }

    private static Set<String> ids(List<Failure> failures) {
        return failures.stream().map(Failure::id).collect(Collectors.toCollection(HashSet::new));
    }
}
