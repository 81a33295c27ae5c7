package io.github.ecsexecreadiness.handler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.aws.MemberAccounts.MemberAccessException;
import io.github.ecsexecreadiness.flow.Accounts;
import io.github.ecsexecreadiness.handler.SecurityHubActionEvent.Selected;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.ReviewNotes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one reviewed fix did, account by account: the services remediated, the notes written, the findings
 * ignored or unreachable, and the member roles that could not be assumed (the invocation then fails, after the
 * other accounts were served, so that Lambda retries the event and then parks it in the dead-letter queue).
 */
final class ReviewResult {
    private final SecurityHubActionEvent event;
    private final ObjectNode result;
    private final ArrayNode notes = Invocation.JSON.createArrayNode();
    private final ArrayNode unreachable = Invocation.JSON.createArrayNode();
    private final List<MemberAccessException> failures = new ArrayList<>();
    final Results services = new Results(true);
    private int ignored;
    private int failed;

    ReviewResult(SecurityHubActionEvent event) {
        this.event = event;
        this.result = Invocation.JSON.createObjectNode().put("action", event.actionName());
    }

    /**
     * The account and Region of these findings; empty, with the findings counted, when no role reaches it
     * (ignored) or its member role cannot be assumed (failed: the others are still served).
     */
    <A> Optional<A> reach(Accounts<A> accounts, String account, String region, List<Selected> findings,
                          Telemetry telemetry) {
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
    Map<String, List<Selected>> ours(List<Selected> findings, Optional<String> product, Telemetry telemetry) {
        Map<String, List<Selected>> byService = new LinkedHashMap<>();
        if (product.isEmpty()) {
            telemetry.info("ignored: Security Hub findings are not enabled in this stack", Map.of());
            ignored += findings.size();
            return byService;
        }
        for (Selected finding : findings) {
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
    void notRemediated(String serviceArn) {
        services.results().add(Invocation.JSON.createObjectNode().put("serviceArn", serviceArn)
                .put("status", "not remediated"));
    }

    void noted(ReviewNotes written) {
        written.written().forEach(note -> notes.addObject().put("findingId", note.findingId())
                .put("workflow", note.workflow().map(Enum::name).orElse("unchanged")).put("note", note.text()));
    }

    /** Running it again is safe: each fix looks before it changes, and the ledger's cooldown holds. */
    ObjectNode finish(Telemetry telemetry) {
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
                + event.findings().size() + " selected findings were not reviewed, the others were: "
                + failures.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")), failures.get(0));
        failures.stream().skip(1).forEach(error::addSuppressed);
        throw error;
    }

    private static String ids(List<Selected> findings) {
        return findings.stream().map(f -> String.valueOf(f.id())).collect(Collectors.joining(", "));
    }

    /** Fails an invocation in which some findings' member role could not be assumed, after the others were done. */
    static final class FindingsNotReviewedException extends RuntimeException {
        FindingsNotReviewedException(String message, MemberAccessException cause) {
            super(message, cause);
        }
    }
}
