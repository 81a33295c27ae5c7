package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.collect.AccountsInScope;
import io.github.ecsexecreadiness.flow.Accounts;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.sweep.SweepFanOut;
import io.github.ecsexecreadiness.sweep.SweepItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
        List<String> accounts = sweep.scope().isEmpty() ? List.of(wiring.accountId()) : accountsInScope(telemetry);
        List<String> regions = sweep.regions().isEmpty() ? List.of(wiring.region()) : sweep.regions();
        if (wiring.members().isEmpty() && !(accounts.equals(List.of(wiring.accountId()))
                && regions.equals(List.of(wiring.region())))) {
            throw new IllegalStateException(Accounts.UNREACHABLE + " (the sweep's scope covers other accounts or "
                    + "Regions: " + Settings.SWEEP_ACCOUNTS + ", " + Settings.SWEEP_ORGANIZATIONAL_UNITS + ", "
                    + Settings.SWEEP_REGIONS + ")");
        }
        List<SweepItem> items = SweepFanOut.items(accounts, regions, sweepId);
        if (items.isEmpty()) {
            telemetry.info("nothing to sweep: no ACTIVE account in scope", Map.of("scope", sweep.scope()));
        }
        SweepFanOut.send(sweep.queue(), items);
        telemetry.info("sweep queued", Map.of("sweepId", sweepId, "accounts", accounts.size(), "regions", regions,
                "items", items.size()));
        telemetry.count("SweepItemsQueued", items.size());
        ObjectNode result = Invocation.JSON.createObjectNode().put("status", "queued").put("sweepId", sweepId)
                .put("accounts", accounts.size()).put("items", items.size());
        regions.forEach(result.putArray("regions")::add);
        return result;
    }

    private List<String> accountsInScope(Telemetry telemetry) {
        AccountsInScope.Resolved resolved = AccountsInScope.resolve(sweep.scope(), sweep.organization());
        resolved.notActive().forEach(account -> telemetry.info("account not swept: not ACTIVE in the organisation",
                Map.of("account", account.id(), "state", String.valueOf(account.state()))));
        return List.copyOf(resolved.accounts());
    }
}
