package io.github.ecsexecreadiness.handler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;

/** The short JSON a handler returns (shown by sam local invoke and in Lambda destinations). */
final class Results {
    private Results() {}

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
