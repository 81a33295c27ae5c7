package io.github.ecsexecreadiness.report.securityhub;

import static io.github.ecsexecreadiness.iam.PolicyStatement.IMPORT_INTO_OWN_PRODUCT;
import static io.github.ecsexecreadiness.iam.PolicyStatement.READ_AND_RESOLVE_ON_OWN_HUB;

import io.github.ecsexecreadiness.iam.CallsAws;
import java.util.List;
import java.util.Optional;

/**
 * The Security Hub CSPM operations findings need, on the account's own hub and {@code default} product.
 * Implementations throw {@link io.github.ecsexecreadiness.collect.AwsApiException} when a whole call fails.
 */
public interface SecurityHubApi {
    /** AWS limits: findings per BatchImportFindings call, bytes per finding, bytes per call. */
    int IMPORT_MAX = 100;
    int FINDING_BYTES_MAX = 240 * 1024;
    int IMPORT_BYTES_MAX = 6 * 1024 * 1024;
    /** BatchUpdateFindings takes at most this many finding identifiers. */
    int UPDATE_MAX = 100;
    /** Note.Text holds at most this many characters. */
    int NOTE_MAX = 512;

    /** A finding Security Hub did not take, from FailedFindings or UnprocessedFindings. */
    record Failure(String id, String errorCode, String errorMessage) {}

    /** BatchImportFindings with at most {@value #IMPORT_MAX} findings; returns FailedFindings. */
    @CallsAws(operation = "SecurityHub.BatchImportFindings", statements = IMPORT_INTO_OWN_PRODUCT)
    List<Failure> batchImportFindings(List<Finding> findings);

    /**
     * The ACTIVE findings of the default product whose GeneratorId starts with {@code generatorIdPrefix}, of
     * one resource or of all (GetFindings, every page).
     */
    @CallsAws(operation = "SecurityHub.GetFindings", statements = READ_AND_RESOLVE_ON_OWN_HUB)
    List<StoredFinding> activeFindings(String generatorIdPrefix, Optional<String> resourceArn);

    /** BatchUpdateFindings Workflow.Status for at most {@value #UPDATE_MAX} findings; returns UnprocessedFindings. */
    @CallsAws(operation = "SecurityHub.BatchUpdateFindings", statements = READ_AND_RESOLVE_ON_OWN_HUB)
    List<Failure> updateWorkflow(List<String> findingIds, Finding.WorkflowStatus status);

    /**
     * BatchUpdateFindings Note {Text, UpdatedBy} and, when present, Workflow.Status for at most
     * {@value #UPDATE_MAX} findings; returns UnprocessedFindings.
     */
    @CallsAws(operation = "SecurityHub.BatchUpdateFindings", statements = READ_AND_RESOLVE_ON_OWN_HUB)
    List<Failure> note(List<String> findingIds, String text, String updatedBy,
                       Optional<Finding.WorkflowStatus> workflow);
}
