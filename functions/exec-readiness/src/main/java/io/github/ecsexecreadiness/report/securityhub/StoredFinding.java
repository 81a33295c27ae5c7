package io.github.ecsexecreadiness.report.securityhub;

import io.github.ecsexecreadiness.report.securityhub.Finding.ComplianceStatus;
import io.github.ecsexecreadiness.report.securityhub.Finding.WorkflowStatus;
import java.time.Instant;

/**
 * What GetFindings tells about one ACTIVE finding of this tool: enough to keep CreatedAt, to resolve it and
 * to archive it. {@code checkId} is null if the finding lacks the CheckId product field.
 */
public record StoredFinding(String id, String resourceArn, String checkId, Instant createdAt,
                            ComplianceStatus complianceStatus, WorkflowStatus workflowStatus) {}
