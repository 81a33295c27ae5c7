package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.apply.Remediation;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.report.Telemetry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EventBridge: ECS deployment and service events, and CloudTrail CreateService/UpdateService records.
 * Evaluates the one service concerned.
 */
public final class DeploymentEventHandler implements RequestStreamHandler {
    static final String TRIGGER = "deployment-event";

    private final ReadinessScan scan;
    private final Wiring wiring;

    public DeploymentEventHandler() {
        this(Wiring.fromEnvironment());
        Priming.register();
    }

    DeploymentEventHandler(Wiring wiring) {
        this.wiring = wiring;
        this.scan = new ReadinessScan(wiring.readers());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(input, output, wiring.telemetry(TRIGGER), this::handle);
    }

    private ObjectNode handle(JsonNode json, Telemetry telemetry) {
        Optional<EcsServiceEvent> parsed = EcsServiceEvent.parse(json);
        if (parsed.isEmpty()) {
            telemetry.info("ignored: the API call failed, nothing changed", Map.of());
            return Invocation.JSON.createObjectNode().put("status", "ignored");
        }
        EcsServiceEvent event = parsed.get();
        Optional<Wiring> target = wiring.forAccount(event.account(), event.region());
        if (target.isEmpty()) {
            telemetry.info("skipped: the event is from another account and MEMBER_ROLE_NAME is not set",
                    Map.of("account", event.account(), "serviceArn", event.serviceArn()));
            return Invocation.JSON.createObjectNode().put("status", "skipped").put("account", event.account());
        }
        return evaluate(event, target.get(), target.get() == wiring ? scan : new ReadinessScan(target.get().readers()),
                telemetry);
    }

    /** Evaluates the event's service in its own account: the function's, or a member's through its role. */
    private ObjectNode evaluate(EcsServiceEvent event, Wiring target, ReadinessScan scan, Telemetry telemetry) {
        ReadinessScan.Evaluation evaluation = Scans.service(scan, event.cluster(), event.serviceArn(), telemetry);
        Optional<ServiceReport> service = evaluation.service(event.serviceArn());
        if (service.isEmpty()) {
            target.findings().serviceGone(event.serviceArn(), telemetry);
            return Invocation.JSON.createObjectNode().put("status", "gone").put("serviceArn", event.serviceArn());
        }
        Optional<Remediation.Result> remediation = remediate(event, target, scan, evaluation, service.get(),
                telemetry);
        ServiceReport latest = remediation.flatMap(Remediation.Result::latest).orElse(service.get());
        target.findings().publish(List.of(latest), false, telemetry);
        return Results.of(service.get(), remediation);
    }

    /**
     * A service that is not ready gets the fixes the guardrails allow, unless the event is the CloudTrail record of
     * the remediator's own change: acting on it again would loop.
     */
    private static Optional<Remediation.Result> remediate(EcsServiceEvent event, Wiring target, ReadinessScan scan,
                                                          ReadinessScan.Evaluation evaluation, ServiceReport report,
                                                          Telemetry telemetry) {
        if (report.ready() || target.remediation().isEmpty()) {
            return Optional.empty();
        }
        RemediationWiring remediation = target.remediation().get();
        if (remediation.causedByRemediator(event)) {
            telemetry.info("not remediated: the event records the remediator's own change",
                    Map.of("serviceArn", event.serviceArn(), "actorArn", event.actorArn()));
            return Optional.empty();
        }
        // Planned from the evaluation just made: the service is read again only if a fix changed something.
        return Optional.of(remediation.remediation(scan, telemetry, false)
                .remediate(evaluation, report, TRIGGER + ": " + event.detailType()));
    }
}
