package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.collect.AccountsInScope;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.sweep.SweepFanOut;
import io.github.ecsexecreadiness.sweep.SweepItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * EventBridge schedule: starts a sweep of every ECS service in the accounts and Regions in scope by putting one
 * {@link SweepItem} per account and Region on the sweep queue; {@link SweepItemHandler} sweeps each. Without a
 * scope it is the function's own account and Region: one item.
 */
public final class ScheduledSweepHandler implements RequestStreamHandler {
    static final String TRIGGER = "scheduled-sweep";

    private final Wiring wiring;
    private final SweepWiring sweep;

    public ScheduledSweepHandler() {
        this(Wiring.ownAccount());
        Priming.register();
    }

    private ScheduledSweepHandler(SdkAccount own) {
        this(Wiring.fromEnvironment(own), SweepWiring.fromEnvironment(own));
    }

    ScheduledSweepHandler(Wiring wiring, SweepWiring sweep) {
        this.wiring = wiring;
        this.sweep = sweep;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(input, output, wiring.telemetry(TRIGGER), this::handle);
    }

    private ObjectNode handle(JsonNode event, Telemetry telemetry) {
        if (!"Scheduled Event".equals(EventJson.text(event, "detail-type"))) {
            throw new MalformedEventException("not an EventBridge Scheduled Event");
        }
        String sweepId = EventJson.text(event, "time");
        if (sweepId == null) {
            throw new MalformedEventException("the Scheduled Event has no time");
        }
        if (wiring.accountId() == null) {
            throw new IllegalStateException("ACCOUNT_ID is not set: the sweep cannot name its own account");
        }
        List<String> own = List.of(wiring.accountId());
        List<String> accounts = sweep.scope().isEmpty() ? own : accountsInScope(telemetry);
        List<String> regions = sweep.regions().isEmpty() ? List.of(wiring.readers().region()) : sweep.regions();
        if (wiring.members().isEmpty() && !(accounts.equals(own) && regions.equals(List.of(wiring.readers().region())))) {
            throw new IllegalStateException("the sweep covers other accounts or Regions (" + SweepWiring.ACCOUNTS
                    + ", " + SweepWiring.ORGANIZATIONAL_UNITS + ", " + SweepWiring.REGIONS + ") but "
                    + Wiring.MEMBER_ROLE_NAME + " is not set: there is no role to reach them with");
        }
        List<SweepItem> items = SweepFanOut.items(accounts, regions, sweepId);
        if (items.isEmpty()) {
            telemetry.info("nothing to sweep: no ACTIVE account in scope", Map.of("scope", sweep.scope()));
        }
        SweepFanOut.send(sweep.queue(), items);
        telemetry.info("sweep queued", Map.of("sweepId", sweepId, "accounts", accounts.size(),
                "regions", regions, "items", items.size()));
        telemetry.count("SweepItemsQueued", items.size());
        ObjectNode result = Invocation.JSON.createObjectNode().put("status", "queued").put("sweepId", sweepId)
                .put("accounts", accounts.size()).put("items", items.size());
        regions.forEach(result.putArray("regions")::add);
        return result;
    }

    /** The scope's accounts now; those Organizations lists but that are not ACTIVE are logged and left out. */
    private List<String> accountsInScope(Telemetry telemetry) {
        AccountsInScope.Resolved resolved = AccountsInScope.resolve(sweep.scope(), sweep.organization());
        resolved.notActive().forEach(account -> telemetry.info("account not swept: not ACTIVE in the organisation",
                Map.of("account", account.id(), "state", String.valueOf(account.state()))));
        return List.copyOf(resolved.accounts());
    }
}
