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

/**
 * AWS Config custom Lambda rule for AWS::ECS::Service. Evaluations AWS Config did not record, even after a
 * retry, are logged one by one and fail the invocation, so the event reaches the dead-letter queue.
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
        ConfigRule.Outcome outcome = rule.handle(ConfigRuleEvent.parse(json, Invocation.JSON), telemetry);
        wiring.findings().publish(outcome.services(), outcome.sweepComplete(), telemetry);
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
