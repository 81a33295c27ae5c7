package io.github.ecsexecreadiness.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.apply.FixResult;
import io.github.ecsexecreadiness.apply.Remediation;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.flow.Accounts;
import io.github.ecsexecreadiness.flow.Outcome;
import io.github.ecsexecreadiness.flow.Sink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The short JSON a handler returns (shown by sam local invoke and in Lambda destinations), as a sink: one result
 * per run of the flow that names one service, "gone" when it no longer exists.
 *
 * @param afterFixes report the service's state after the fixes (a reviewed fix) rather than the one that
 *                   triggered them (an event)
 */
public record ServiceResults(boolean afterFixes, List<ObjectNode> results) implements Sink {
    public ServiceResults(boolean afterFixes) {
        this(afterFixes, new ArrayList<>());
    }

    @Override
    public void report(Outcome outcome, Telemetry telemetry) {
        results.add(outcome.service().flatMap(service -> afterFixes
                        ? service.remediation().flatMap(Remediation.Result::latest)
                                .map(after -> of(after, service.remediation()))
                        : Optional.of(of(service.before(), service.remediation())))
                .orElseGet(() -> JsonNodeFactory.instance.objectNode().put("status", "gone")
                        .put("serviceArn", outcome.request().serviceArn().orElse(null))));
    }

    /** The result of the last run. */
    public ObjectNode last() {
        return results.get(results.size() - 1);
    }

    /** The account and Region cannot be reached ({@link Accounts#UNREACHABLE}): logged, and nothing done. */
    public static ObjectNode unreachable(String account, String region, Telemetry telemetry) {
        telemetry.info("skipped: " + Accounts.UNREACHABLE, Map.of("account", String.valueOf(account),
                "region", String.valueOf(region)));
        return JsonNodeFactory.instance.objectNode().put("status", "skipped").put("account", String.valueOf(account));
    }

    /** The service's verdict and, when remediation ran, what it did and what it changed. */
    public static ObjectNode of(ServiceReport report, Optional<Remediation.Result> remediation) {
        ObjectNode result = JsonNodeFactory.instance.objectNode()
                .put("status", "evaluated")
                .put("serviceArn", report.service().arn())
                .put("ready", report.ready())
                .put("readiness", report.readiness().name());
        ArrayNode failing = result.putArray("failing");
        report.withStatus(Status.FAIL).stream().map(CheckResult::id).forEach(failing::add);
        remediation.ifPresent(r -> {
            ObjectNode node = result.putObject("remediation");
            ArrayNode fixes = node.putArray("fixes");
            for (FixResult fix : r.fixes()) {
                fixes.addObject().put("checkId", fix.planned().fix().checkId())
                        .put("decision", fix.planned().decision().name())
                        .put("outcome", fix.outcome().name())
                        .put("reason", fix.reason());
            }
            ArrayNode nowPassing = node.putArray("nowPassing");
            r.nowPassing().forEach(change -> nowPassing.add(change.checkId()));
            ArrayNode stillFailing = node.putArray("stillFailing");
            r.stillFailing().forEach(change -> stillFailing.add(change.checkId()));
        });
        return result;
    }
}
