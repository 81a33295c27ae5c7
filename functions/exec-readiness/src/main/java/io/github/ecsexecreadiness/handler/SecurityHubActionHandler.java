package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.flow.Accounts;
import io.github.ecsexecreadiness.flow.Request;
import io.github.ecsexecreadiness.handler.SecurityHubActionEvent.Selected;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.FindingsSink;
import io.github.ecsexecreadiness.report.securityhub.ReviewNotes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
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
        Optional<Wiring.Target> reached = result.reach(accounts, place.account(), place.region(), findings, telemetry);
        if (reached.isEmpty()) {
            return;
        }
        Wiring.Target target = reached.get();
        result.ours(findings, target.findings().productArn(), telemetry).forEach((serviceArn, selected) -> {
            ReviewNotes notes = new ReviewNotes(target.findings(), event.actionName(), event.actionArn(),
                    selected.stream().map(f -> new ReviewNotes.Selected(f.id(), f.checkId())).toList());
            if (target.remediator().isEmpty()) {
                notes.notEnabled(telemetry);
                result.notRemediated(serviceArn);
            } else {
                String who = TRIGGER + ": " + event.actionName() + " on "
                        + selected.stream().map(Selected::id).collect(Collectors.joining(", "));
                target.flow().run(Request.service(place.account(), place.region(), selected.get(0).cluster(),
                        serviceArn, who, null, Request.Fixes.reviewed(notes::selects)), telemetry,
                        List.of(FindingsSink.of(target.findings()), result.services, notes));
            }
            result.noted(notes);
        });
    }
}
