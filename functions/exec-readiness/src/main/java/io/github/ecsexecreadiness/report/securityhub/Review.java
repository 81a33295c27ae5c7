package io.github.ecsexecreadiness.report.securityhub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.flow.Accounts.MemberAccessException;
import io.github.ecsexecreadiness.flow.Accounts;
import io.github.ecsexecreadiness.flow.ReadinessFlow;
import io.github.ecsexecreadiness.flow.Request;
import io.github.ecsexecreadiness.report.ServiceResults;
import io.github.ecsexecreadiness.report.Telemetry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Security Hub custom action ("Fix ECS Exec") on findings of this tool, and what it did. A person chose the fix,
 * so each selected service is planned as reviewed, keeping only the fixes that repair a selected check
 * ({@link ReviewNotes} says what came of it on each finding). A delegated administrator's findings are each acted
 * on in their own account and Region. The result says, account by account, the services remediated, the notes
 * written, the findings ignored or unreachable, and the member roles that could not be assumed: the review then
 * fails, after the other accounts were served, so that Lambda retries the event and then parks it in the
 * dead-letter queue.
 */
public final class Review {
    /** One account and Region as a review acts on it: its findings and, where fixes are on there, its flow. */
    public record Target(FindingsReport findings, Optional<ReadinessFlow> flow) {}

    private final String trigger;
    private final String actionName;
    private final String actionArn;
    private final List<SelectedFinding> findings;
    private final ObjectNode result;
    private final ArrayNode notes = JsonNodeFactory.instance.arrayNode();
    private final ArrayNode unreachable = JsonNodeFactory.instance.arrayNode();
    private final List<MemberAccessException> failures = new ArrayList<>();
    private final ServiceResults services = new ServiceResults(true);
    private int ignored;
    private int failed;

    /** @param trigger what invoked it, as the audit lines of the fixes name it */
    public Review(String trigger, String actionName, String actionArn, List<SelectedFinding> findings) {
        this.trigger = trigger;
        this.actionName = actionName;
        this.actionArn = actionArn;
        this.findings = List.copyOf(findings);
        this.result = JsonNodeFactory.instance.objectNode().put("action", actionName);
    }

    /**
     * Acts on the findings of each account and Region there, and returns what came of it.
     *
     * @param targets the findings and flow of an account and Region {@code accounts} reached
     * @throws FindingsNotReviewedException when some member role could not be assumed, after the others were served
     */
    public <A> ObjectNode run(Accounts<A> accounts, Function<A, Target> targets, Telemetry telemetry) {
        findings.stream().collect(Collectors.groupingBy(f -> new Place(f.accountId(), f.region()),
                        LinkedHashMap::new, Collectors.toList()))
                .forEach((place, selected) -> reach(accounts, place.account(), place.region(), selected, telemetry)
                        .ifPresent(target -> review(place, targets.apply(target), selected, telemetry)));
        return finish(telemetry);
    }

    /** The account and Region a finding was produced in; null parts are the function's own. */
    private record Place(String account, String region) {}

    /** The findings of one account and Region, acted on there, service by service. */
    private void review(Place place, Target target, List<SelectedFinding> selected, Telemetry telemetry) {
        ours(selected, target.findings().productArn(), telemetry).forEach((serviceArn, service) -> {
            ReviewNotes notes = new ReviewNotes(target.findings(), actionName, actionArn,
                    service.stream().map(f -> new ReviewNotes.Selected(f.id(), f.checkId())).toList());
            if (target.flow().isEmpty()) {
                notes.notEnabled(telemetry);
                notRemediated(serviceArn);
            } else {
                String who = trigger + ": " + actionName + " on "
                        + service.stream().map(SelectedFinding::id).collect(Collectors.joining(", "));
                target.flow().get().run(Request.service(place.account(), place.region(), service.get(0).cluster(),
                        serviceArn, who, null, Request.Fixes.reviewed(notes::selects)), telemetry,
                        List.of(FindingsSink.of(target.findings()), services, notes));
            }
            noted(notes);
        });
    }

    /**
     * The account and Region of these findings; empty, with the findings counted, when no role reaches it
     * (ignored) or its member role cannot be assumed (failed: the others are still served).
     */
    private <A> Optional<A> reach(Accounts<A> accounts, String account, String region,
                                  List<SelectedFinding> findings, Telemetry telemetry) {
        Optional<A> target;
        try {
            target = accounts.reach(account, region);
        } catch (MemberAccessException e) {
            telemetry.error("findings not reviewed: the member role cannot be assumed", Map.of("account",
                    e.accountId(), "region", String.valueOf(region), "findingIds", ids(findings),
                    "reason", e.getMessage()));
            failures.add(e);
            failed += findings.size();
            return Optional.empty();
        }
        if (target.isEmpty()) {
            telemetry.info("ignored findings: " + Accounts.UNREACHABLE, Map.of("account", String.valueOf(account),
                    "region", String.valueOf(region), "findingIds", ids(findings)));
            findings.forEach(f -> unreachable.addObject().put("findingId", f.id())
                    .put("account", String.valueOf(account)));
            ignored += findings.size();
        }
        return target;
    }

    /**
     * The findings of this tool about ECS services of their account, by service; the others are logged and
     * ignored. {@code product}: the account's own product in that Region, empty when findings are off.
     */
    private Map<String, List<SelectedFinding>> ours(List<SelectedFinding> findings, Optional<String> product,
                                                    Telemetry telemetry) {
        Map<String, List<SelectedFinding>> byService = new LinkedHashMap<>();
        if (product.isEmpty()) {
            telemetry.info("ignored: Security Hub findings are not enabled in this stack", Map.of());
            ignored += findings.size();
            return byService;
        }
        for (SelectedFinding finding : findings) {
            Optional<String> foreign = finding.foreignBecause(product.get());
            if (foreign.isPresent()) {
                telemetry.info("ignored finding: not one of this tool's", Map.of(
                        "findingId", String.valueOf(finding.id()), "reason", foreign.get()));
                ignored++;
            } else {
                byService.computeIfAbsent(finding.serviceArn(), arn -> new ArrayList<>()).add(finding);
            }
        }
        return byService;
    }

    /** A service whose findings were noted without remediation (it is off in this stack). */
    private void notRemediated(String serviceArn) {
        services.results().add(JsonNodeFactory.instance.objectNode().put("serviceArn", serviceArn)
                .put("status", "not remediated"));
    }

    private void noted(ReviewNotes written) {
        written.written().forEach(note -> notes.addObject().put("findingId", note.findingId())
                .put("workflow", note.workflow().map(Enum::name).orElse("unchanged")).put("note", note.text()));
    }

    /** Running it again is safe: each fix looks before it changes, and the ledger's cooldown holds. */
    private ObjectNode finish(Telemetry telemetry) {
        result.put("status", services.results().isEmpty() ? "ignored" : "reviewed").put("ignored", ignored);
        services.results().forEach(result.putArray("services")::add);
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
                + findings.size() + " selected findings were not reviewed, the others were: "
                + failures.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")), failures.get(0));
        failures.stream().skip(1).forEach(error::addSuppressed);
        throw error;
    }

    private static String ids(List<SelectedFinding> findings) {
        return findings.stream().map(f -> String.valueOf(f.id())).collect(Collectors.joining(", "));
    }

    /** Fails an invocation in which some findings' member role could not be assumed, after the others were done. */
    public static final class FindingsNotReviewedException extends RuntimeException {
        FindingsNotReviewedException(String message, MemberAccessException cause) {
            super(message, cause);
        }
    }
}
