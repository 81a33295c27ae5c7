package io.github.ecsexecreadiness.sweep;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Starts a sweep: one {@link SweepItem} per account and Region on the sweep queue, which feeds the sweep
 * function with bounded concurrency, retries an item that fails and parks it in the dead-letter queue after
 * its last receive. Each item is swept alone, so one account's failure never holds up another's.
 */
public final class SweepFanOut {
    private SweepFanOut() {}

    /** Every account in every Region, account by account. */
    public static List<SweepItem> items(Collection<String> accounts, List<String> regions, String sweepId) {
        List<SweepItem> items = new ArrayList<>();
        for (String account : accounts) {
            for (String region : regions) {
                items.add(SweepItem.first(account, region, sweepId));
            }
        }
        return items;
    }

    /**
     * Sends every item, {@value SweepQueue#SEND_BATCH_MAX} per call; the entries a call reports failed are sent
     * once more. What still fails is named in the exception, after every other item was sent: a retry of the
     * whole fan-out then sweeps some accounts twice, which only repeats idempotent work.
     *
     * @throws ItemsNotQueuedException when some item could not be sent
     */
    public static void send(SweepQueue queue, List<SweepItem> items) {
        List<SweepItem> failed = sendEach(queue, sendEach(queue, items));
        if (!failed.isEmpty()) {
            throw new ItemsNotQueuedException(failed);
        }
    }

    private static List<SweepItem> sendEach(SweepQueue queue, List<SweepItem> items) {
        List<SweepItem> failed = new ArrayList<>();
        for (int from = 0; from < items.size(); from += SweepQueue.SEND_BATCH_MAX) {
            failed.addAll(queue.sendMessageBatch(
                    items.subList(from, Math.min(from + SweepQueue.SEND_BATCH_MAX, items.size()))));
        }
        return failed;
    }

    /** Some sweep items are not on the queue: those accounts and Regions would not be swept. */
    public static final class ItemsNotQueuedException extends RuntimeException {
        public ItemsNotQueuedException(List<SweepItem> items) {
            super(items.size() + " sweep items could not be queued: "
                    + items.stream().map(SweepItem::toString).collect(Collectors.joining(", ")));
        }
    }
}
