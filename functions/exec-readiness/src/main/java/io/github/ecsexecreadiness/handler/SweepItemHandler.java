package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.sweep.RegionSweep;
import io.github.ecsexecreadiness.sweep.SweepFanOut;
import io.github.ecsexecreadiness.sweep.SweepItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQS (the sweep queue): sweeps the account and Region of each {@link SweepItem}, in that account through its
 * member role, reporting and repairing as the deployment-event function does. An item that fails (member
 * role missing, access denied, throttled past the SDK's retries) is logged with its reason and reported back
 * as a batch item failure: SQS makes it visible again after the visibility timeout and, after the queue's last
 * receive, moves it to the dead-letter queue, where the alarm sees it. The other items are not affected.
 * Near the timeout, the sweep queues its continuation and ends.
 */
public final class SweepItemHandler implements RequestStreamHandler {
    static final String TRIGGER = "sweep-item";

    private final Wiring wiring;
    private final SweepWiring sweep;
    private final int clustersPerBatch;

    public SweepItemHandler() {
        this(Wiring.ownAccount());
        Priming.register();
    }

    private SweepItemHandler(SdkAccount own) {
        this(Wiring.fromEnvironment(own), SweepWiring.fromEnvironment(own), RegionSweep.CLUSTERS_PER_BATCH);
    }

    SweepItemHandler(Wiring wiring, SweepWiring sweep, int clustersPerBatch) {
        this.wiring = wiring;
        this.sweep = sweep;
        this.clustersPerBatch = clustersPerBatch;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        RegionSweep.Deadline deadline = context == null ? RegionSweep.Deadline.NONE
                : context::getRemainingTimeInMillis;
        Invocation.run(input, output, wiring.telemetry(TRIGGER), (event, telemetry) ->
                handle(event, deadline, telemetry));
    }

    /** Answers in the SQS partial batch response format, and only that: Lambda reads nothing else. */
    private ObjectNode handle(JsonNode event, RegionSweep.Deadline deadline, Telemetry telemetry) {
        JsonNode records = event.get("Records");
        if (records == null || !records.isArray()) {
            throw new MalformedEventException("no Records: not an SQS event");
        }
        ObjectNode response = Invocation.JSON.createObjectNode();
        ArrayNode failures = response.putArray("batchItemFailures");
        for (JsonNode record : records) {
            String messageId = EventJson.text(record, "messageId");
            Optional<SweepItem> item = item(record, telemetry);
            if (item.isPresent() && !swept(item.get(), deadline, telemetry) && messageId != null) {
                failures.addObject().put("itemIdentifier", messageId);
            }
        }
        return response;
    }

    /** A message that is not a sweep item is logged and dropped: receiving it again cannot fix it. */
    private static Optional<SweepItem> item(JsonNode record, Telemetry telemetry) {
        try {
            return Optional.of(SweepItem.parse(EventJson.text(record, "body")));
        } catch (IllegalArgumentException | NullPointerException e) {
            telemetry.error("malformed sweep item, dropped", Map.of("messageId",
                    String.valueOf(EventJson.text(record, "messageId")), "reason", String.valueOf(e.getMessage())));
            telemetry.count("MalformedEvents", 1);
            return Optional.empty();
        }
    }

    /** Sweeps one item; false when it failed and must be received again. */
    private boolean swept(SweepItem item, RegionSweep.Deadline deadline, Telemetry telemetry) {
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("account", item.account(), "region", item.region(),
                "sweepId", item.sweepId(), "part", item.part()));
        try {
            Optional<Wiring> target = wiring.forAccount(item.account(), item.region());
            if (target.isEmpty()) {
                throw new IllegalStateException(Wiring.MEMBER_ROLE_NAME + " is not set: no role reaches this account");
            }
            RegionSweep.Outcome outcome = regionSweep(target.get(), telemetry).run(item, deadline, telemetry);
            outcome.continuation().ifPresent(next -> SweepFanOut.send(sweep.queue(), List.of(next)));
            fields.putAll(Map.of("clusters", outcome.clusters(), "services", outcome.services(),
                    "notReady", outcome.notReady(), "status", outcome.continuation().isPresent() ? "continued" : "done"));
            outcome.continuation().ifPresent(next -> fields.put("continuesAfter", next.startAfter()));
            telemetry.info("sweep item swept", fields);
            telemetry.count("SweepItemsSwept", 1);
            return true;
        } catch (RuntimeException e) {
            fields.put("reason", String.valueOf(e.getMessage()));
            telemetry.error("sweep item failed, to be received again", fields);
            telemetry.count("SweepItemsFailed", 1);
            return false;
        }
    }

    /** The sweep in the target account and Region, repairing under its guardrails when remediation is on. */
    private RegionSweep regionSweep(Wiring target, Telemetry telemetry) {
        ReadinessScan scan = new ReadinessScan(target.readers());
        RegionSweep.Remediator remediator = target.remediation()
                .<RegionSweep.Remediator>map(remediation -> (evaluation, report) -> remediation
                        .remediation(scan, telemetry, false).remediate(evaluation, report, TRIGGER).latest()
                        .orElse(report))
                .orElse(RegionSweep.Remediator.NONE);
        return new RegionSweep(target.readers().ecs(), scan, remediator, target.findings(), clustersPerBatch);
    }
}
