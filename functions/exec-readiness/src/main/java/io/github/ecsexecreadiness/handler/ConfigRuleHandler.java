package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.config.EvaluationPublisher.Unrecorded;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * AWS Config custom Lambda rule for AWS::ECS::Service. Evaluations AWS Config did not record, even after a
 * retry, are logged one by one and fail the invocation, so the event reaches the dead-letter queue.
 *
 * <p>As the function of an organization rule it is invoked by every member account's Config: the event is
 * evaluated in the account and Region of the rule that sent it, through that member's role (its ECS, IAM and
 * EC2 reads, its Config, its Security Hub). An event from an account this stack cannot reach is skipped; a
 * member whose role cannot be assumed fails the invocation with an error naming the role.
 */
public final class ConfigRuleHandler implements RequestStreamHandler {
    static final String TRIGGER = "config-rule";

    private final ConfigRule rule;
    private final Wiring wiring;

    public ConfigRuleHandler() {
        this(Wiring.fromEnvironment());
        Priming.register();
    }

    ConfigRuleHandler(Wiring wiring) {
        this.wiring = wiring;
        this.rule = new ConfigRule(new ReadinessScan(wiring.readers()), wiring.configRule().get());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(input, output, wiring.telemetry(TRIGGER), this::handle);
    }

    private ObjectNode handle(JsonNode json, Telemetry telemetry) {
        ConfigRuleEvent event = ConfigRuleEvent.parse(json, Invocation.JSON);
        ConfigRuleEvent.Origin origin = ConfigRuleEvent.Origin.of(json);
        Optional<Wiring> target = wiring.forAccount(origin.accountId(), origin.region());
        if (target.isEmpty()) {
            // Nothing can be evaluated or put there: a retry would fail the same way.
            telemetry.info("skipped: the rule is another account's and MEMBER_ROLE_NAME is not set",
                    Map.of("account", String.valueOf(origin.accountId()), "region", String.valueOf(origin.region()),
                            "configRuleName", String.valueOf(event.configRuleName())));
            return Invocation.JSON.createObjectNode().put("status", "skipped")
                    .put("account", String.valueOf(origin.accountId()));
        }
        return evaluate(event, target.get(), target.get() == wiring ? rule
                : new ConfigRule(new ReadinessScan(target.get().readers()), target.get().configRule().get()),
                telemetry);
    }

    /** Evaluates in the rule's own account and Region, puts the evaluations there and reports to its hub. */
    private ObjectNode evaluate(ConfigRuleEvent event, Wiring target, ConfigRule rule, Telemetry telemetry) {
        ConfigRule.Outcome outcome = rule.handle(event, telemetry);
        target.findings().publish(outcome.services(), outcome.sweepComplete(), telemetry);
        for (Unrecorded failed : outcome.unrecorded()) {
            telemetry.error("evaluation not recorded by AWS Config", Map.of(
                    "resourceId", failed.evaluation().resourceId(),
                    "complianceType", failed.evaluation().complianceType().name(),
                    "reason", failed.reason()));
        }
        if (!outcome.unrecorded().isEmpty()) {
            throw new EvaluationsNotRecordedException(outcome.unrecorded().size() + " of "
                    + outcome.evaluations().size() + " evaluations were not recorded by AWS Config");
        }
        return Invocation.JSON.createObjectNode()
                .put("status", "recorded")
                .put("evaluations", outcome.evaluations().size());
    }

    /** Fails the invocation so that Lambda's retries, then the dead-letter queue, keep the event. */
    static final class EvaluationsNotRecordedException extends RuntimeException {
        EvaluationsNotRecordedException(String message) {
            super(message);
        }
    }
}
