package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.report.ScanReport;
import io.github.ecsexecreadiness.report.Telemetry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * EventBridge schedule, for accounts that do not run AWS Config: evaluates every service of the Region and
 * reports through logs and metrics, the same verdicts the Config rule records.
 */
public final class ScheduledSweepHandler implements RequestStreamHandler {
    static final String TRIGGER = "scheduled-sweep";

    private final ReadinessScan scan;
    private final Wiring wiring;

    public ScheduledSweepHandler() {
        this(Wiring.fromEnvironment());
        Priming.register();
    }

    ScheduledSweepHandler(Wiring wiring) {
        this.wiring = wiring;
        this.scan = new ReadinessScan(wiring.readers());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(input, output, wiring.telemetry(TRIGGER), this::handle);
    }

    private ObjectNode handle(JsonNode event, Telemetry telemetry) {
        if (!"Scheduled Event".equals(EventJson.text(event, "detail-type"))) {
            throw new MalformedEventException("not an EventBridge Scheduled Event");
        }
        ReadinessScan.Evaluation evaluation = Scans.region(scan, telemetry);
        ScanReport report = evaluation.report();
        List<ServiceReport> latest = report.services().stream()
                .map(service -> remediate(evaluation, service, telemetry))
                .toList();
        wiring.findings().publish(latest, report.complete(), telemetry);
        long notReady = latest.stream().filter(s -> !s.ready()).count();
        return Invocation.JSON.createObjectNode()
                .put("status", "swept")
                .put("services", report.services().size())
                .put("notReady", notReady)
                .put("durationMs", report.durationMs());
    }

    /** Drift the sweep finds is fixed under the same guardrails; the service's latest report is returned. */
    private ServiceReport remediate(ReadinessScan.Evaluation evaluation, ServiceReport report, Telemetry telemetry) {
        if (report.ready() || wiring.remediation().isEmpty()) {
            return report;
        }
        return wiring.remediation().get().remediation(scan, telemetry, false)
                .remediate(evaluation, report, TRIGGER).latest().orElse(report);
    }
}
