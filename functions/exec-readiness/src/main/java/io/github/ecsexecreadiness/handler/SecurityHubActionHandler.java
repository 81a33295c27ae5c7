package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.apply.FixResult;
import io.github.ecsexecreadiness.apply.Remediation;
import io.github.ecsexecreadiness.aws.MemberAccounts.MemberAccessException;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.check.Status;
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
 *
 * <p>In a Security Hub delegated administrator the selected findings may be member accounts': each account and
 * Region's findings are checked against that account's own product, repaired with its writers and noted in its
 * own hub, through its member role. Findings of an account this stack cannot reach are ignored; a member whose
 * role cannot be assumed does not stop the others, but then fails the invocation so the event is retried.
 */
public final class SecurityHubActionHandler implements RequestStreamHandler {
    static final String TRIGGER = "securityhub-custom-action";
    static final String BY = "ecs-exec-readiness reviewed fix";
    static final String NOT_ENABLED = BY + ": remediation is not enabled in this stack, nothing was changed";

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
        Map<Place, List<Selected>> byPlace = new LinkedHashMap<>();
        event.findings().forEach(f -> byPlace.computeIfAbsent(new Place(f.accountId(), f.region()),
                place -> new ArrayList<>()).add(f));
        Run run = new Run(event, telemetry);
        byPlace.forEach(run::place);
        return run.finish();
    }

    /** The account and Region a finding was produced in; null parts are the function's own. */
    private record Place(String accountId, String region) {}

    /** One invocation: the findings of each account and Region reviewed there, and what came of them. */
    private final class Run {
        private final SecurityHubActionEvent event;
        private final Telemetry telemetry;
        private final ObjectNode result;
        private final ArrayNode services;
        private final ArrayNode notes;
        private final ArrayNode unreachable;
        private final List<MemberAccessException> failures = new ArrayList<>();
        private int ignored;
        private int failed;

        Run(SecurityHubActionEvent event, Telemetry telemetry) {
            this.event = event;
            this.telemetry = telemetry;
            this.result = Invocation.JSON.createObjectNode().put("action", event.actionName());
            this.services = Invocation.JSON.createArrayNode();
            this.notes = Invocation.JSON.createArrayNode();
            this.unreachable = Invocation.JSON.createArrayNode();
        }

        /** Acts on the findings of one account and Region through that account's own wiring. */
        void place(Place place, List<Selected> findings) {
            Optional<Wiring> target;
            try {
                target = wiring.forAccount(place.accountId(), place.region());
            } catch (MemberAccessException e) {
                telemetry.error("findings not reviewed: the member role cannot be assumed", Map.of(
                        "account", e.accountId(), "region", String.valueOf(place.region()),
                        "findingIds", ids(findings), "reason", e.getMessage()));
                failures.add(e);
                failed += findings.size();
                return;
            }
            if (target.isEmpty()) {
                telemetry.info("ignored findings: their account cannot be reached, MEMBER_ROLE_NAME is not set",
                        Map.of("account", String.valueOf(place.accountId()), "region", String.valueOf(place.region()),
                                "findingIds", ids(findings)));
                findings.forEach(f -> unreachable.addObject().put("findingId", f.id())
                        .put("account", String.valueOf(place.accountId())));
                ignored += findings.size();
                return;
            }
            Optional<String> product = target.get().findings().productArn();
            if (product.isEmpty()) {
                telemetry.info("ignored: Security Hub findings are not enabled in this stack", Map.of());
                ignored += findings.size();
                return;
            }
            Map<String, List<Selected>> byService = new LinkedHashMap<>();
            for (Selected finding : findings) {
                Optional<String> foreign = finding.foreignBecause(product.get());
                if (foreign.isPresent()) {
                    telemetry.info("ignored finding: not one of this tool's", Map.of(
                            "findingId", String.valueOf(finding.id()), "reason", foreign.get()));
                    ignored++;
                    continue;
                }
                byService.computeIfAbsent(finding.serviceArn(), arn -> new ArrayList<>()).add(finding);
            }
            ReadinessScan targetScan = target.get() == wiring ? scan : new ReadinessScan(target.get().readers());
            byService.forEach((serviceArn, selected) -> review(target.get(), targetScan, serviceArn, selected)
                    .forEach((findingId, note) -> {
                        target.get().findings().note(List.of(findingId), note.text(), event.actionArn(),
                                note.workflow(), telemetry);
                        notes.addObject().put("findingId", findingId).put("workflow", note.workflow()
                                .map(Enum::name).orElse("unchanged")).put("note", note.text());
                    }));
        }

        /** Remediates one service for its selected findings, publishes its new state; the note for each finding. */
        private Map<String, Review> review(Wiring target, ReadinessScan scan, String serviceArn,
                                           List<Selected> findings) {
            Map<String, Review> reviews = new LinkedHashMap<>();
            if (target.remediation().isEmpty()) {
                findings.forEach(f -> reviews.put(f.id(), new Review(NOT_ENABLED, Optional.empty())));
                services.addObject().put("serviceArn", serviceArn).put("status", "not remediated");
                return reviews;
            }
            Set<String> checks = findings.stream().map(Selected::checkId).collect(Collectors.toSet());
            String who = TRIGGER + ": " + event.actionName() + " on " + findings.stream().map(Selected::id)
                    .collect(Collectors.joining(", "));
            Remediation.Result remediation = target.remediation().get()
                    .remediation(scan, telemetry, true, fix -> checks.stream().anyMatch(check -> repairs(fix, check)))
                    .remediate(findings.get(0).cluster(), serviceArn, who);
            remediation.latest().ifPresentOrElse(latest -> {
                target.findings().publish(List.of(latest), false, telemetry);
                services.add(Results.of(latest, Optional.of(remediation)));
            }, () -> services.addObject().put("serviceArn", serviceArn).put("status", "gone"));
            findings.forEach(f -> reviews.put(f.id(), SecurityHubActionHandler.review(f.checkId(), remediation,
                    event.actionName())));
            return reviews;
        }

        /**
         * The result; when a member role could not be assumed, the invocation fails after the other accounts were
         * served, so that Lambda retries the event and then parks it in the dead-letter queue. Running it again
         * is safe: each fix looks before it changes (a done fix is ALREADY_DONE or no longer planned) and the
         * ledger's cooldown keeps a second forced deployment out.
         */
        ObjectNode finish() {
            result.put("status", services.isEmpty() ? "ignored" : "reviewed").put("ignored", ignored);
            result.set("services", services);
            result.set("notes", notes);
            if (!unreachable.isEmpty()) {
                result.set("unreachable", unreachable);
            }
            if (failures.isEmpty()) {
                return result;
            }
            result.put("failed", failed);
            telemetry.error("invocation failed: some findings were not reviewed", Map.of("result", result));
            FindingsNotReviewedException error = new FindingsNotReviewedException(failed + " of "
                    + event.findings().size() + " selected findings were not reviewed, the others were: "
                    + failures.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")), failures.get(0));
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }

        private static String ids(List<Selected> findings) {
            return findings.stream().map(f -> String.valueOf(f.id())).collect(Collectors.joining(", "));
        }
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

    /** Planned for the check, or repairing it (one redeployment repairs both exec flags). */
    static boolean repairs(Fix fix, String checkId) {
        return fix.checkId().equals(checkId) || Checks.repairedBy(fix).contains(checkId);
    }

    private static String fit(String text) {
        return text.length() <= SecurityHubApi.NOTE_MAX ? text : text.substring(0, SecurityHubApi.NOTE_MAX - 1) + "…";
    }

    /** @param workflow empty: left as it is */
    record Review(String text, Optional<WorkflowStatus> workflow) {}

    /** Fails an invocation in which some findings' member role could not be assumed, after the others were done. */
    static final class FindingsNotReviewedException extends RuntimeException {
        FindingsNotReviewedException(String message, MemberAccessException cause) {
            super(message, cause);
        }
    }
}
