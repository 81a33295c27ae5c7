package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.flow.Accounts;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.Review;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * EventBridge: a Security Hub custom action ("Fix ECS Exec") on findings of this tool ({@link
 * SecurityHubActionEvent}; aws-lambda-java-events has no type for it), reviewed where each finding was produced
 * ({@link Review}); a member whose role cannot be assumed does not stop the others but fails the invocation.
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
        return new Review(TRIGGER, event.actionName(), event.actionArn(), event.findings()).run(accounts,
                target -> new Review.Target(target.findings(), target.remediator().map(remediator -> target.flow())),
                telemetry);
    }
}
