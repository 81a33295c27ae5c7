package io.github.ecsexecreadiness.handler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.apply.FixResult;
import io.github.ecsexecreadiness.apply.Remediation;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import java.util.Optional;

/** The short JSON a handler returns (shown by sam local invoke and in Lambda destinations). */
final class Results {
    private Results() {}

    /** The service's verdict and, when remediation ran, what it did and what it changed. */
    static ObjectNode of(ServiceReport report, Optional<Remediation.Result> remediation) {
        ObjectNode result = of(report);
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

    static ObjectNode of(ServiceReport report) {
        ObjectNode result = Invocation.JSON.createObjectNode()
                .put("status", "evaluated")
                .put("serviceArn", report.service().arn())
                .put("ready", report.ready());
        ArrayNode failing = result.putArray("failing");
        report.withStatus(Status.FAIL).stream().map(CheckResult::id).forEach(failing::add);
        return result;
    }
}
