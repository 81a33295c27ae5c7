package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.apply.FixResult;
import io.github.ecsexecreadiness.apply.Remediation;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.exec.ServiceFlagCheck;
import io.github.ecsexecreadiness.check.exec.TaskFlagCheck;
import io.github.ecsexecreadiness.handler.SecurityHubActionEvent.Selected;
import io.github.ecsexecreadiness.plan.Fix;
import io.github.ecsexecreadiness.plan.PlannedFix;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.Finding.WorkflowStatus;
import io.github.ecsexecreadiness.report.securityhub.SecurityHubApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * EventBridge: a Security Hub custom action ("Fix ECS Exec") on findings of this tool. A person chose the fix,
 * so the plan is made as reviewed: the protected-environment and VPC-endpoint guardrails are lifted for the
 * selected findings' fixes, every other guardrail holds, and manual fixes stay manual. The decision and what
 * came of it are recorded on each finding as a Note, with Workflow NOTIFIED (applied, awaiting verification),
 * RESOLVED (the check now passes) or unchanged (nothing could be applied; the note says why).
 */
public final class SecurityHubActionHandler implements RequestStreamHandler {
    static final String TRIGGER = "securityhub-custom-action";
    static final String BY = "ecs-exec-readiness reviewed fix";
    static final String NOT_ENABLED = BY + ": remediation is not enabled in this stack, nothing was changed";
    /** One redeployment repairs both flags, so the fix planned under either repairs the other too. */
    private static final Set<String> EXEC_FLAGS = Set.of(ServiceFlagCheck.METADATA.id(), TaskFlagCheck.METADATA.id());

    private final ReadinessScan scan;
    private final Wiring wiring;

    public SecurityHubActionHandler() {
        this(Wiring.fromEnvironment());
        Priming.register();
    }

    SecurityHubActionHandler(Wiring wiring) {
        this.wiring = wiring;
        this.scan = new ReadinessScan(wiring.readers());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(input, output, wiring.telemetry(TRIGGER), this::handle);
    }

    private ObjectNode handle(JsonNode json, Telemetry telemetry) {
        SecurityHubActionEvent event = SecurityHubActionEvent.parse(json);
        ObjectNode result = Invocation.JSON.createObjectNode().put("action", event.actionName());
        Optional<String> product = wiring.findings().productArn();
        if (product.isEmpty()) {
            telemetry.info("ignored: Security Hub findings are not enabled in this stack", Map.of());
            return result.put("status", "ignored");
        }
        Map<String, List<Selected>> byService = new LinkedHashMap<>();
        for (Selected finding : event.findings()) {
            Optional<String> foreign = finding.foreignBecause(product.get());
            if (foreign.isPresent()) {
                telemetry.info("ignored finding: not one of this tool's", Map.of(
                        "findingId", String.valueOf(finding.id()), "reason", foreign.get()));
                continue;
            }
            byService.computeIfAbsent(finding.serviceArn(), arn -> new ArrayList<>()).add(finding);
        }
        result.put("status", byService.isEmpty() ? "ignored" : "reviewed")
                .put("ignored", event.findings().size() - byService.values().stream().mapToInt(List::size).sum());
        ArrayNode services = result.putArray("services");
        ArrayNode notes = result.putArray("notes");
        byService.forEach((serviceArn, findings) -> {
            Map<String, Review> reviews = review(event, serviceArn, findings, telemetry, services);
            reviews.forEach((findingId, review) -> {
                wiring.findings().note(List.of(findingId), review.text(), event.actionArn(), review.workflow(),
                        telemetry);
                notes.addObject().put("findingId", findingId).put("workflow", review.workflow()
                        .map(Enum::name).orElse("unchanged")).put("note", review.text());
            });
        });
        return result;
    }

    /** Remediates one service for its selected findings, publishes its new state; the note for each finding. */
    private Map<String, Review> review(SecurityHubActionEvent event, String serviceArn, List<Selected> findings,
                                       Telemetry telemetry, ArrayNode services) {
        Map<String, Review> reviews = new LinkedHashMap<>();
        if (wiring.remediation().isEmpty()) {
            findings.forEach(f -> reviews.put(f.id(), new Review(NOT_ENABLED, Optional.empty())));
            services.addObject().put("serviceArn", serviceArn).put("status", "not remediated");
            return reviews;
        }
        Set<String> checks = findings.stream().map(Selected::checkId).collect(Collectors.toSet());
        String who = TRIGGER + ": " + event.actionName() + " on " + findings.stream().map(Selected::id)
                .collect(Collectors.joining(", "));
        Remediation.Result remediation = wiring.remediation().get()
                .remediation(scan, telemetry, true, fix -> checks.stream().anyMatch(check -> repairs(fix, check)))
                .remediate(findings.get(0).cluster(), serviceArn, who);
        remediation.latest().ifPresentOrElse(latest -> {
            wiring.findings().publish(List.of(latest), false, telemetry);
            services.add(Results.of(latest, Optional.of(remediation)));
        }, () -> services.addObject().put("serviceArn", serviceArn).put("status", "gone"));
        findings.forEach(f -> reviews.put(f.id(), review(f.checkId(), remediation, event.actionName())));
        return reviews;
    }

    /** The note and workflow status for one selected check after its service's remediation. */
    static Review review(String checkId, Remediation.Result remediation, String actionName) {
        List<FixResult> fixes = remediation.fixes().stream()
                .filter(f -> repairs(f.planned().fix(), checkId)).toList();
        List<FixResult> done = fixes.stream().filter(f -> f.outcome() == FixResult.Outcome.APPLIED
                || f.outcome() == FixResult.Outcome.ALREADY_DONE).toList();
        List<String> parts = new ArrayList<>();
        if (!done.isEmpty()) {
            parts.add("applied: " + done.stream().map(f -> f.planned().fix().description())
                    .collect(Collectors.joining("; ")));
        }
        List<FixResult> left = fixes.stream().filter(f -> !done.contains(f)).toList();
        if (!left.isEmpty()) {
            parts.add("left to a person: " + left.stream().map(SecurityHubActionHandler::leftBecause)
                    .collect(Collectors.joining("; ")));
        }
        Optional<Remediation.CheckChange> change = remediation.checks().stream()
                .filter(c -> c.checkId().equals(checkId)).findFirst();
        Optional<WorkflowStatus> workflow;
        if (change.isEmpty()) {
            parts.add(remediation.latest().isEmpty() ? "the service was not found, nothing was changed"
                    : checkId + " was not evaluated");
            workflow = Optional.empty();
        } else if (change.get().after() == Status.PASS) {
            parts.add(checkId + (change.get().before() == Status.PASS ? " already passed" : " now passes"));
            workflow = Optional.of(WorkflowStatus.RESOLVED);
        } else {
            String now = checkId + " is " + change.get().after() + ": " + change.get().reason();
            if (done.isEmpty()) {
                parts.add((fixes.isEmpty() ? "no fix could be planned; " : "nothing was applied; ") + now);
                workflow = Optional.empty();
            } else {
                parts.add("awaiting verification, " + now);
                workflow = Optional.of(WorkflowStatus.NOTIFIED);
            }
        }
        return new Review(fit(BY + " (" + actionName + "): " + String.join(". ", parts)), workflow);
    }

    private static String leftBecause(FixResult fix) {
        PlannedFix planned = fix.planned();
        return planned.decision() == PlannedFix.Decision.MANUAL ? planned.fix().description()
                : planned.fix().description() + " was not applied (" + fix.reason() + ")";
    }

    static boolean repairs(Fix fix, String checkId) {
        return fix.checkId().equals(checkId)
                || fix instanceof Fix.EnableExecAndRedeploy && EXEC_FLAGS.contains(checkId);
    }

    private static String fit(String text) {
        return text.length() <= SecurityHubApi.NOTE_MAX ? text : text.substring(0, SecurityHubApi.NOTE_MAX - 1) + "…";
    }

    /** @param workflow empty: left as it is */
    record Review(String text, Optional<WorkflowStatus> workflow) {}
}
