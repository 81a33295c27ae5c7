package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.sweep.SweepFanOut;
import io.github.ecsexecreadiness.sweep.SweepItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;

/**
 * EventBridge schedule: starts a sweep of every ECS service in the accounts and Regions in scope by putting one
 * {@link SweepItem} per account and Region on the sweep queue; {@link SweepItemHandler} sweeps each. Without a
 * scope it is the function's own account and Region: one item. Organisation accounts that are not ACTIVE are
 * logged and left out.
 */
public final class ScheduledSweepHandler implements RequestStreamHandler {
    static final String TRIGGER = "scheduled-sweep";

    private final Wiring wiring;
    private final Wiring.Sweeping sweep;

    public ScheduledSweepHandler() {
        this(Wiring.lambda(ScheduledSweepHandler.class));
        Priming.register();
    }

    ScheduledSweepHandler(Wiring wiring) {
        this.wiring = wiring;
        this.sweep = wiring.sweep().orElseThrow();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(input, output, wiring.logs().telemetry(TRIGGER), ScheduledEvent.class, this::handle);
    }

    private ObjectNode handle(ScheduledEvent event, Telemetry telemetry) {
        if (!"Scheduled Event".equals(event.getDetailType())) {
            throw new MalformedEventException("not an EventBridge Scheduled Event");
        }
        if (event.getTime() == null) {
            throw new MalformedEventException("the Scheduled Event has no time");
        }
        String sweepId = Instant.ofEpochMilli(event.getTime().getMillis()).toString();
        SweepFanOut.Started started = SweepFanOut.start(new SweepFanOut.Scope(sweep.scope(), sweep.organization(),
                sweep.regions(), String.join(", ", Settings.SWEEP_ACCOUNTS, Settings.SWEEP_ORGANIZATIONAL_UNITS,
                Settings.SWEEP_REGIONS)), sweep.queue(), wiring.accountId(), wiring.region(),
                wiring.members().isPresent(), sweepId, telemetry);
        ObjectNode result = Invocation.JSON.createObjectNode().put("status", "queued").put("sweepId", sweepId)
                .put("accounts", started.accounts()).put("items", started.items());
        started.regions().forEach(result.putArray("regions")::add);
        return result;
    }
}
