package io.github.ecsexecreadiness.sweep;

import io.github.ecsexecreadiness.flow.Accounts;
import io.github.ecsexecreadiness.report.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sweeps the messages of the sweep queue, each {@link SweepItem} in its account and Region, through its member
 * role where it is not the function's own ({@link RegionSweep}). A message that is not a sweep item is logged and
 * dropped: receiving it again cannot fix it. An item that fails (account unreachable, access denied, throttled
 * past the SDK's retries) is logged with its reason and returned, to be received again: after the queue's last
 * receive SQS moves it to the dead-letter queue.
 *
 * @param <A> what the caller acts on in one account and Region
 */
public final class SweepItems<A> {
    /** One message as the queue delivered it. */
    public record Message(String id, String body) {}

    private final Accounts<A> accounts;
    private final Function<A, RegionSweep> sweeps;
    private final SweepQueue queue;

    /** @param sweeps the sweep of one account and Region, where its continuation is queued on {@code queue} */
    public SweepItems(Accounts<A> accounts, Function<A, RegionSweep> sweeps, SweepQueue queue) {
        this.accounts = accounts;
        this.sweeps = sweeps;
        this.queue = queue;
    }

    /** @return the ids of the messages that failed and must be received again */
    public List<String> sweep(List<Message> messages, RegionSweep.Deadline deadline, Telemetry telemetry) {
        List<String> failed = new ArrayList<>();
        for (Message message : messages) {
            try {
                SweepItem item = SweepItem.parse(message.body());
                if (!swept(item, deadline, telemetry) && message.id() != null) {
                    failed.add(message.id());
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                telemetry.error("malformed sweep item, dropped", Map.of("messageId", String.valueOf(message.id()),
                        "reason", String.valueOf(e.getMessage())));
                telemetry.count("MalformedEvents", 1);
            }
        }
        return failed;
    }

    /** Sweeps one item; false when it failed and must be received again. */
    private boolean swept(SweepItem item, RegionSweep.Deadline deadline, Telemetry telemetry) {
        try {
            A target = accounts.reach(item.account(), item.region())
                    .orElseThrow(() -> new IllegalStateException(Accounts.UNREACHABLE));
            sweeps.apply(target).run(item, deadline, queue, telemetry);
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
