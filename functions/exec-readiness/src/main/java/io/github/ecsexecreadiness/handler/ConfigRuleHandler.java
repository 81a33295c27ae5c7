package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.ConfigEvent;
import io.github.ecsexecreadiness.flow.Accounts;
import io.github.ecsexecreadiness.flow.Request;
import io.github.ecsexecreadiness.report.ServiceResults;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.config.ConfigRuleInvocation;
import io.github.ecsexecreadiness.report.config.ConfigRuleReport;
import io.github.ecsexecreadiness.report.securityhub.FindingsSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * AWS Config custom Lambda rule for AWS::ECS::Service ({@link ConfigRuleReport}). As the function of an
 * organization rule it is invoked by every member account's Config: the event is evaluated in the account and
 * Region of the rule that sent it, through that member's role (its reads, its Config, its Security Hub). An event
 * from an account this stack cannot reach is skipped; a member whose role cannot be assumed fails the invocation.
 */
public final class ConfigRuleHandler implements RequestStreamHandler {
    static final String TRIGGER = "config-rule";

    private final Wiring wiring;
    private final Accounts<Wiring.Target> accounts;

    public ConfigRuleHandler() {
        this(Wiring.lambda(ConfigRuleHandler.class));
        Priming.register();
    }

    ConfigRuleHandler(Wiring wiring) {
        this.wiring = wiring;
        this.accounts = wiring.accounts();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(input, output, wiring.logs().telemetry(TRIGGER), ConfigEvent.class, this::handle);
    }

    private Object handle(ConfigEvent event, Telemetry telemetry) {
        ConfigRuleInvocation invocation = ConfigRuleEvent.parse(event);
        ConfigRuleEvent.Origin origin = ConfigRuleEvent.Origin.of(event);
        var target = accounts.reach(origin.accountId(), origin.region());
        if (target.isEmpty()) {
            // Nothing can be evaluated or put there: a retry would fail the same way.
            return ServiceResults.unreachable(origin.accountId(), origin.region(), telemetry);
        }
        ConfigRuleReport config = new ConfigRuleReport(target.get().config().get(), invocation);
        if (invocation instanceof ConfigRuleInvocation.ItemChange change && change.notApplicable()) {
            config.notApplicable(change, telemetry);
        } else {
            Request request = invocation instanceof ConfigRuleInvocation.ItemChange change
                    ? Request.service(origin.accountId(), origin.region(), config.cluster(change).orElseThrow(() ->
                            new MalformedEventException("cannot tell the cluster of " + change.serviceArn())),
                            change.serviceArn(), TRIGGER, null, Request.Fixes.NONE)
                    : Request.wholeRegion(origin.accountId(), origin.region(), TRIGGER, Request.Fixes.NONE);
            target.get().flow().run(request, telemetry, List.of(config, FindingsSink.of(target.get().findings())));
        }
        return Invocation.JSON.createObjectNode().put("status", "recorded").put("evaluations", config.sent().size());
    }
}
