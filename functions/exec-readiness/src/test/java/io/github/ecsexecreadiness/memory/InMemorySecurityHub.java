package io.github.ecsexecreadiness.memory;

import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.report.securityhub.Finding;
import io.github.ecsexecreadiness.report.securityhub.Finding.ComplianceStatus;
import io.github.ecsexecreadiness.report.securityhub.Finding.RecordState;
import io.github.ecsexecreadiness.report.securityhub.Finding.WorkflowStatus;
import io.github.ecsexecreadiness.report.securityhub.FindingMapper;
import io.github.ecsexecreadiness.report.securityhub.SecurityHubApi;
import io.github.ecsexecreadiness.report.securityhub.StoredFinding;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Security Hub CSPM in memory, as the reference describes it (§3.4, §3.5): findings are kept by Id; an import
 * whose UpdatedAt is not newer than the stored one is silently ignored; the first CreatedAt is kept; Workflow
 * is taken on creation only; Workflow NOTIFIED/RESOLVED goes back to NEW when Compliance leaves PASSED or
 * RecordState goes from ARCHIVED to ACTIVE; more than 100 findings per call is InvalidInputException.
 * Queued answers make the next calls fail whole or list findings in FailedFindings.
 */
public final class InMemorySecurityHub implements SecurityHubApi {
    /** What Security Hub holds for one finding: the last import, plus the customer-owned workflow. */
    public record Stored(Finding finding, WorkflowStatus workflow) {}

    /** The last Note set through BatchUpdateFindings. */
    public record Note(String text, String updatedBy) {}

    private final String productArn;
    private final Map<String, Stored> findings = new LinkedHashMap<>();
    private final Map<String, Note> notes = new LinkedHashMap<>();
    private final Deque<RuntimeException> callFailures = new ArrayDeque<>();
    private final Deque<String> findingFailureCodes = new ArrayDeque<>();
    private final List<Integer> importSizes = new ArrayList<>();
    private int getFindingsCalls;

    public InMemorySecurityHub(String productArn) {
        this.productArn = productArn;
    }

    /** The next call fails whole with this AWS error code. */
    public InMemorySecurityHub failNextCall(String errorCode) {
        callFailures.add(new AwsApiException("SecurityHub", errorCode, "injected"));
        return this;
    }

    /** The next import lists its first finding in FailedFindings with this code. */
    public InMemorySecurityHub failNextFinding(String errorCode) {
        findingFailureCodes.add(errorCode);
        return this;
    }

    public Optional<Stored> get(String id) {
        return Optional.ofNullable(findings.get(id));
    }

    public Optional<Note> note(String id) {
        return Optional.ofNullable(notes.get(id));
    }

    public Map<String, Stored> all() {
        return Map.copyOf(findings);
    }

    /** How many findings each BatchImportFindings call carried. */
    public List<Integer> importSizes() {
        return List.copyOf(importSizes);
    }

    public int getFindingsCalls() {
        return getFindingsCalls;
    }

    /** What a person does in the console: set a workflow status. */
    public void setWorkflow(String id, WorkflowStatus status) {
        findings.computeIfPresent(id, (key, stored) -> new Stored(stored.finding(), status));
    }

    @Override
    public List<Failure> batchImportFindings(List<Finding> batch) {
        throwQueued();
        if (batch.isEmpty() || batch.size() > IMPORT_MAX) {
            throw new AwsApiException("SecurityHub.BatchImportFindings", "InvalidInputException",
                    "Findings must hold 1 to 100 items: " + batch.size());
        }
        importSizes.add(batch.size());
        List<Failure> failed = new ArrayList<>();
        for (Finding finding : batch) {
            if (!findingFailureCodes.isEmpty()) {
                failed.add(new Failure(finding.id(), findingFailureCodes.poll(), "injected"));
                continue;
            }
            if (!productArn.equals(finding.productArn())) {
                failed.add(new Failure(finding.id(), "InvalidAccess", "not this account's product"));
                continue;
            }
            upsert(finding);
        }
        return failed;
    }

    private void upsert(Finding finding) {
        Stored before = findings.get(finding.id());
        if (before == null) {
            findings.put(finding.id(), new Stored(finding, finding.workflowStatus()));
            return;
        }
        if (!finding.updatedAt().isAfter(before.finding().updatedAt())) {
            return;
        }
        WorkflowStatus workflow = before.workflow();
        boolean leftPassed = before.finding().complianceStatus() == ComplianceStatus.PASSED
                && finding.complianceStatus() != ComplianceStatus.PASSED;
        boolean reactivated = before.finding().recordState() == RecordState.ARCHIVED
                && finding.recordState() == RecordState.ACTIVE;
        if ((leftPassed || reactivated) && (workflow == WorkflowStatus.NOTIFIED || workflow == WorkflowStatus.RESOLVED)) {
            workflow = WorkflowStatus.NEW;
        }
        findings.put(finding.id(), new Stored(finding.withCreatedAt(before.finding().createdAt()), workflow));
    }

    @Override
    public List<StoredFinding> activeFindings(String generatorIdPrefix, Optional<String> resourceArn) {
        throwQueued();
        getFindingsCalls++;
        return findings.values().stream()
                .filter(s -> s.finding().recordState() == RecordState.ACTIVE)
                .filter(s -> s.finding().generatorId().startsWith(generatorIdPrefix))
                .filter(s -> resourceArn.map(arn -> arn.equals(s.finding().resource().id())).orElse(true))
                .map(s -> new StoredFinding(s.finding().id(), s.finding().resource().id(),
                        s.finding().productFields().get(FindingMapper.FIELD_CHECK_ID), s.finding().createdAt(),
                        s.finding().complianceStatus(), s.workflow()))
                .toList();
    }

    @Override
    public List<Failure> updateWorkflow(List<String> findingIds, WorkflowStatus status) {
        return batchUpdate(findingIds, id -> setWorkflow(id, status));
    }

    /** Note.Text and UpdatedBy are 1 to 512 characters, as the API requires. */
    @Override
    public List<Failure> note(List<String> findingIds, String text, String updatedBy,
                              Optional<WorkflowStatus> workflow) {
        if (text.isEmpty() || text.length() > NOTE_MAX || updatedBy.isEmpty() || updatedBy.length() > NOTE_MAX) {
            throw new AwsApiException("SecurityHub.BatchUpdateFindings", "InvalidInputException", "bad note");
        }
        return batchUpdate(findingIds, id -> {
            notes.put(id, new Note(text, updatedBy));
            workflow.ifPresent(status -> setWorkflow(id, status));
        });
    }

    private List<Failure> batchUpdate(List<String> findingIds, Consumer<String> update) {
        throwQueued();
        if (findingIds.isEmpty() || findingIds.size() > UPDATE_MAX
                || Set.copyOf(findingIds).size() != findingIds.size()) {
            throw new AwsApiException("SecurityHub.BatchUpdateFindings", "InvalidInputException", "bad identifiers");
        }
        List<Failure> unprocessed = new ArrayList<>();
        for (String id : findingIds) {
            if (findings.containsKey(id)) {
                update.accept(id);
            } else {
                unprocessed.add(new Failure(id, "FindingNotFound", "no such finding"));
            }
        }
        return unprocessed;
    }

    private void throwQueued() {
        if (!callFailures.isEmpty()) {
            throw callFailures.poll();
        }
    }
}
