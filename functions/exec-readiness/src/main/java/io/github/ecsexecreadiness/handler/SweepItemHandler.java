package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.ecsexecreadiness.flow.Accounts;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.FindingsSink;
import io.github.ecsexecreadiness.sweep.RegionSweep;
import io.github.ecsexecreadiness.sweep.SweepItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SQS (the sweep queue): sweeps the account and Region of each {@link SweepItem} ({@link RegionSweep}), in that
 * account through its member role, reporting and repairing as the deployment-event function does. A message that
 * is not a sweep item is logged and dropped: receiving it again cannot fix it. An item that fails (account
 * unreachable, access denied, throttled past the SDK's retries) is logged with its reason and answered as a batch
 * item failure: SQS makes it visible again and, after the queue's last receive, moves it to the dead-letter queue.
 */
public final class SweepItemHandler implements RequestStreamHandler {
    static final String TRIGGER = "sweep-item";

    private final Wiring wiring;
    private final Accounts<Wiring.Target> accounts;
    private final Wiring.Sweeping sweep;

    public SweepItemHandler() {
        this(Wiring.lambda(SweepItemHandler.class));
        Priming.register();
    }

    SweepItemHandler(Wiring wiring) {
        this.wiring = wiring;
        this.accounts = wiring.accounts();
        this.sweep = wiring.sweep().orElseThrow();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        RegionSweep.Deadline deadline = context == null ? RegionSweep.Deadline.NONE : context::getRemainingTimeInMillis;
        Invocation.run(input, output, wiring.logs().telemetry(TRIGGER), SQSEvent.class,
                (event, telemetry) -> handle(event, deadline, telemetry));
    }

    /** Answers in the SQS partial batch response format, and only that: Lambda reads nothing else. */
    private SQSBatchResponse handle(SQSEvent event, RegionSweep.Deadline deadline, Telemetry telemetry) {
        if (event.getRecords() == null) {
            throw new MalformedEventException("no Records: not an SQS event");
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                SweepItem item = SweepItem.parse(message.getBody());
                if (!swept(item, deadline, telemetry) && message.getMessageId() != null) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                telemetry.error("malformed sweep item, dropped", Map.of("messageId",
                        String.valueOf(message.getMessageId()), "reason", String.valueOf(e.getMessage())));
                telemetry.count("MalformedEvents", 1);
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** Sweeps one item; false when it failed and must be received again. */
    private boolean swept(SweepItem item, RegionSweep.Deadline deadline, Telemetry telemetry) {
        try {
            Wiring.Target target = accounts.reach(item.account(), item.region())
                    .orElseThrow(() -> new IllegalStateException(Accounts.UNREACHABLE));
            new RegionSweep(target.readers().ecs(), target.flow(), List.of(FindingsSink.of(target.findings())),
                    sweep.clustersPerBatch(), TRIGGER).run(item, deadline, sweep.queue(), telemetry);
            telemetry.count("SweepItemsSwept", 1);
            return true;
        } catch (RuntimeException e) {
            telemetry.error("sweep item failed, to be received again", Map.of("account", item.account(),
                    "region", item.region(), "sweepId", item.sweepId(), "part", item.part(),
                    "reason", String.valueOf(e.getMessage())));
            telemetry.count("SweepItemsFailed", 1);
            return false;
        }
    }
}
