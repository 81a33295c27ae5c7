package io.github.ecsexecreadiness.handler;

import static io.github.ecsexecreadiness.handler.EventJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.model.Arns;
import io.github.ecsexecreadiness.report.securityhub.FindingMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A "Security Hub Findings - Custom Action" event: the action a person chose in the console and the findings
 * they selected. Security Hub sends one event per finding, but the format is a list and is read as one.
 *
 * @param actionArn the custom action's ARN (the event's resources), by which the note names who decided
 */
record SecurityHubActionEvent(String actionName, String actionArn, List<Selected> findings) {
    static final String SOURCE = "aws.securityhub";
    static final String DETAIL_TYPE = "Security Hub Findings - Custom Action";

    SecurityHubActionEvent {
        findings = List.copyOf(findings);
    }

    /**
     * One selected finding, as far as this tool needs it; a field is null where the finding lacks it.
     * {@code accountId} and {@code region} (ASFF AwsAccountId and Region) say where it was produced: a delegated
     * administrator's console shows the member accounts' findings too.
     */
    record Selected(String id, String productArn, String generatorId, String checkId, String serviceArn,
                    String cluster, String accountId, String region) {

        /**
         * Why this tool does not act on it; empty when it is one of its own findings about an ECS service of the
         * finding's account. {@code ownProductArn} is that account's product in that Region: only the account
         * itself can import into it, so a finding there cannot speak for another account.
         */
        Optional<String> foreignBecause(String ownProductArn) {
            if (id == null) {
                return Optional.of("the finding has no Id");
            }
            if (!ownProductArn.equals(productArn)) {
                return Optional.of("ProductArn " + productArn + " is not its account's and Region's " + ownProductArn);
            }
            if (generatorId == null || !generatorId.startsWith(FindingMapper.GENERATOR_PREFIX) || checkId == null) {
                return Optional.of("GeneratorId " + generatorId + " is not a check of this tool");
            }
            if (!Arns.isServiceArn(serviceArn)) {
                return Optional.of("Resources[0].Id " + serviceArn + " is not an ECS service ARN");
            }
            if (cluster == null) {
                return Optional.of("cannot tell the cluster of old-format service ARN " + serviceArn);
            }
            if (accountId != null && !Arns.account(serviceArn).orElse("").equals(accountId)) {
                return Optional.of("Resources[0].Id " + serviceArn + " is not a service of account " + accountId);
            }
            return Optional.empty();
        }
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
        List<Selected> selected = new ArrayList<>();
        for (JsonNode finding : findings) {
            selected.add(selected(finding));
        }
        return new SecurityHubActionEvent(actionName == null ? actionArn : actionName,
                actionArn == null ? actionName : actionArn, selected);
    }

    private static Selected selected(JsonNode finding) {
        JsonNode resource = finding.path("Resources").path(0);
        String serviceArn = text(resource, "Id");
        JsonNode fields = finding.path("ProductFields");
        // The tool writes the cluster into ProductFields and the details; an old-format ARN holds none.
        String cluster = Optional.ofNullable(text(fields, FindingMapper.FIELD_CLUSTER))
                .or(() -> Optional.ofNullable(text(resource.path("Details").path("AwsEcsService"), "Cluster")))
                .or(() -> serviceArn == null ? Optional.empty() : Arns.clusterOfService(serviceArn))
                .orElse(null);
        String region = Optional.ofNullable(text(finding, "Region")).orElseGet(() -> text(resource, "Region"));
        return new Selected(text(finding, "Id"), text(finding, "ProductArn"), text(finding, "GeneratorId"),
                text(fields, FindingMapper.FIELD_CHECK_ID), serviceArn, cluster, text(finding, "AwsAccountId"), region);
    }
}
