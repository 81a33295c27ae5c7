package io.github.ecsexecreadiness.handler;

import static io.github.ecsexecreadiness.handler.EventJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.model.Arns;
import io.github.ecsexecreadiness.report.securityhub.FindingMapper;
import io.github.ecsexecreadiness.report.securityhub.SelectedFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A "Security Hub Findings - Custom Action" event: the action a person chose in the console and the findings
 * they selected. Security Hub sends one event per finding, but the format is a list and is read as one.
 *
 * @param actionArn the custom action's ARN (the event's resources), by which the note names who decided
 */
record SecurityHubActionEvent(String actionName, String actionArn, List<SelectedFinding> findings) {
    static final String SOURCE = "aws.securityhub";
    static final String DETAIL_TYPE = "Security Hub Findings - Custom Action";

    SecurityHubActionEvent {
        findings = List.copyOf(findings);
    }

    /** Throws {@link MalformedEventException} unless it is a custom-action event with at least one finding. */
    static SecurityHubActionEvent parse(JsonNode event) {
        if (!SOURCE.equals(text(event, "source")) || !DETAIL_TYPE.equals(text(event, "detail-type"))) {
            throw new MalformedEventException("not a " + SOURCE + " \"" + DETAIL_TYPE + "\" event");
        }
        JsonNode detail = event.path("detail");
        JsonNode findings = detail.path("findings");
        if (!findings.isArray() || findings.isEmpty()) {
            throw new MalformedEventException("detail.findings holds no finding");
        }
        String actionName = text(detail, "actionName");
        String actionArn = event.path("resources").path(0).asText(null);
        if (actionName == null && actionArn == null) {
            throw new MalformedEventException("neither detail.actionName nor resources name the custom action");
        }
        List<SelectedFinding> selected = new ArrayList<>();
        for (JsonNode finding : findings) {
            selected.add(selected(finding));
        }
        return new SecurityHubActionEvent(actionName == null ? actionArn : actionName,
                actionArn == null ? actionName : actionArn, selected);
    }

    private static SelectedFinding selected(JsonNode finding) {
        JsonNode resource = finding.path("Resources").path(0);
        String serviceArn = text(resource, "Id");
        JsonNode fields = finding.path("ProductFields");
        // The tool writes the cluster into ProductFields and the details; an old-format ARN holds none.
        String cluster = Optional.ofNullable(text(fields, FindingMapper.FIELD_CLUSTER))
                .or(() -> Optional.ofNullable(text(resource.path("Details").path("AwsEcsService"), "Cluster")))
                .or(() -> serviceArn == null ? Optional.empty() : Arns.clusterOfService(serviceArn))
                .orElse(null);
        String region = Optional.ofNullable(text(finding, "Region")).orElseGet(() -> text(resource, "Region"));
        return new SelectedFinding(text(finding, "Id"), text(finding, "ProductArn"), text(finding, "GeneratorId"),
                text(fields, FindingMapper.FIELD_CHECK_ID), serviceArn, cluster, text(finding, "AwsAccountId"), region);
    }
}
