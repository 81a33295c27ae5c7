package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.report.ScanReport;
import io.github.ecsexecreadiness.report.Telemetry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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
        ScanReport report = Scans.region(scan, telemetry);
        wiring.findings().publish(report.services(), report.complete(), telemetry);
        long notReady = report.services().stream().filter(s -> !s.ready()).count();
        return Invocation.JSON.createObjectNode()
                .put("status", "swept")
                .put("services", report.services().size())
                .put("notReady", notReady)
                .put("durationMs", report.durationMs());
    }
}
