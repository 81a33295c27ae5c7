package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.FindingsSink;
import io.github.ecsexecreadiness.sweep.RegionSweep;
import io.github.ecsexecreadiness.sweep.SweepItem;
import io.github.ecsexecreadiness.sweep.SweepItems;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * SQS (the sweep queue): sweeps the account and Region of each {@link SweepItem} ({@link SweepItems}), reporting
 * and repairing as the deployment-event function does, and answers the items that failed as batch item failures.
 */
public final class SweepItemHandler implements RequestStreamHandler {
    static final String TRIGGER = "sweep-item";

    private final Wiring wiring;
    private final SweepItems<Wiring.Target> items;

    public SweepItemHandler() {
        this(Wiring.lambda(SweepItemHandler.class));
        Priming.register();
    }

    SweepItemHandler(Wiring wiring) {
        this.wiring = wiring;
        Wiring.Sweeping sweep = wiring.sweep().orElseThrow();
        this.items = new SweepItems<>(wiring.accounts(), target -> new RegionSweep(target.readers().ecs(),
                target.flow(), List.of(FindingsSink.of(target.findings())), sweep.clustersPerBatch(), TRIGGER),
                sweep.queue());
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
        List<SweepItems.Message> messages = event.getRecords().stream()
                .map(message -> new SweepItems.Message(message.getMessageId(), message.getBody())).toList();
        return new SQSBatchResponse(items.sweep(messages, deadline, telemetry).stream()
                .map(SQSBatchResponse.BatchItemFailure::new).toList());
    }
}
