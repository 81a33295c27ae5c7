package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.flow.Accounts;
import io.github.ecsexecreadiness.flow.Request;
import io.github.ecsexecreadiness.report.ServiceResults;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.FindingsSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EventBridge: ECS deployment and service events, and CloudTrail CreateService/UpdateService records
 * ({@link EcsServiceEvent}; aws-lambda-java-events has no type for them). Evaluates the one service concerned in
 * its own account, repairs it within the guardrails unless the event records the remediator's own change, and
 * archives its findings when it no longer exists.
 */
public final class DeploymentEventHandler implements RequestStreamHandler {
    static final String TRIGGER = "deployment-event";

    private final Wiring wiring;
    private final Accounts<Wiring.Target> accounts;

    public DeploymentEventHandler() {
        this(Wiring.lambda(DeploymentEventHandler.class));
        Priming.register();
    }

    DeploymentEventHandler(Wiring wiring) {
        this.wiring = wiring;
        this.accounts = wiring.accounts();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(input, output, wiring.logs().telemetry(TRIGGER), JsonNode.class, this::handle);
    }

    private Object handle(JsonNode json, Telemetry telemetry) {
        Optional<EcsServiceEvent> parsed = EcsServiceEvent.parse(json);
        if (parsed.isEmpty()) {
            telemetry.info("ignored: the API call failed, nothing changed", Map.of());
            return Invocation.JSON.createObjectNode().put("status", "ignored");
        }
        EcsServiceEvent event = parsed.get();
        Optional<Wiring.Target> target = accounts.reach(event.account(), event.region());
        if (target.isEmpty()) {
            return ServiceResults.unreachable(event.account(), event.region(), telemetry);
        }
        ServiceResults result = new ServiceResults(false);
        target.get().flow().run(Request.service(event.account(), event.region(), event.cluster(), event.serviceArn(),
                TRIGGER + ": " + event.detailType(), event.actorArn(), Request.Fixes.AUTOMATIC), telemetry,
                List.of(new FindingsSink(target.get().findings(), true), result));
        return result.last();
    }
}
