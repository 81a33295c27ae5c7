package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.aws.MemberAccounts.MemberAccessException;
import io.github.ecsexecreadiness.flow.Accounts;
import io.github.ecsexecreadiness.flow.Request;
import io.github.ecsexecreadiness.handler.SecurityHubActionEvent.Selected;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.FindingsSink;
import io.github.ecsexecreadiness.report.securityhub.ReviewNotes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * EventBridge: a Security Hub custom action ("Fix ECS Exec") on findings of this tool ({@link
 * SecurityHubActionEvent}; aws-lambda-java-events has no type for it). A person chose the fix, so each selected
 * service is planned as reviewed, keeping only the fixes that repair a selected check ({@link ReviewNotes} says
 * what came of it on each finding). A delegated administrator's findings are each acted on in their own account
 * and Region; a member whose role cannot be assumed does not stop the others but fails the invocation.
 */
public final class SecurityHubActionHandler implements RequestStreamHandler {
    static final String TRIGGER = "securityhub-custom-action";

    private final Wiring wiring;
    private final Accounts<Wiring.Target> accounts;

    public SecurityHubActionHandler() {
        this(Wiring.lambda(SecurityHubActionHandler.class));
        Priming.register();
    }

    SecurityHubActionHandler(Wiring wiring) {
        this.wiring = wiring;
        this.accounts = wiring.accounts();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(input, output, wiring.logs().telemetry(TRIGGER), JsonNode.class, this::handle);
    }

    private Object handle(JsonNode json, Telemetry telemetry) {
        SecurityHubActionEvent event = SecurityHubActionEvent.parse(json);
        ReviewResult result = new ReviewResult(event);
        event.findings().stream().collect(Collectors.groupingBy(f -> new Place(f.accountId(), f.region()),
                        LinkedHashMap::new, Collectors.toList()))
                .forEach((place, findings) -> review(event, place, findings, result, telemetry));
        return result.finish(telemetry);
    }

    /** The account and Region a finding was produced in; null parts are the function's own. */
    private record Place(String account, String region) {}

    /** The findings of one account and Region, acted on there, service by service. */
    private void review(SecurityHubActionEvent event, Place place, List<Selected> findings, ReviewResult result,
                        Telemetry telemetry) {
        Optional<Wiring.Target> target;
        try {
            target = accounts.reach(place.account(), place.region());
        } catch (MemberAccessException e) {
            result.failed(e, place.region(), findings, telemetry);
            return;
        }
        if (target.isEmpty()) {
            result.unreachable(place.account(), place.region(), findings, telemetry);
            return;
        }
        Optional<String> product = target.get().findings().productArn();
        if (product.isEmpty()) {
            telemetry.info("ignored: Security Hub findings are not enabled in this stack", Map.of());
            result.ignored(findings.size());
            return;
        }
        Map<String, List<Selected>> byService = new LinkedHashMap<>();
        for (Selected finding : findings) {
            Optional<String> foreign = finding.foreignBecause(product.get());
            foreign.ifPresent(reason -> telemetry.info("ignored finding: not one of this tool's",
                    Map.of("findingId", String.valueOf(finding.id()), "reason", reason)));
            if (foreign.isPresent()) {
                result.ignored(1);
            } else {
                byService.computeIfAbsent(finding.serviceArn(), arn -> new ArrayList<>()).add(finding);
            }
        }
        byService.forEach((serviceArn, selected) -> {
            ReviewNotes notes = new ReviewNotes(target.get().findings(), event.actionName(), event.actionArn(),
                    selected.stream().map(f -> new ReviewNotes.Selected(f.id(), f.checkId())).toList());
            if (target.get().remediator().isEmpty()) {
                notes.notEnabled(telemetry);
                result.notRemediated(serviceArn);
            } else {
                target.get().flow().run(Request.service(place.account(), place.region(), selected.get(0).cluster(),
                        serviceArn, TRIGGER + ": " + event.actionName() + " on " + selected.stream()
                                .map(Selected::id).collect(Collectors.joining(", ")), null,
                        Request.Fixes.reviewed(notes::selects)), telemetry,
                        List.of(FindingsSink.of(target.get().findings()), result.services, notes));
            }
            result.noted(notes);
        });
    }
}
