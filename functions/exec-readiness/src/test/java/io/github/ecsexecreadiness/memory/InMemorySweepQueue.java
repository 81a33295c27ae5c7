package io.github.ecsexecreadiness.memory;

import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.sweep.SweepItem;
import io.github.ecsexecreadiness.sweep.SweepQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The sweep queue in memory, with SQS's batch limit: messages wait in order until received; accounts can be
 * made to fail their entries (SendMessageBatch's Failed list), a number of times, and whole calls can fail.
 */
public final class InMemorySweepQueue implements SweepQueue {
    private final Deque<SweepItem> waiting = new ArrayDeque<>();
    private final List<SweepItem> sent = new ArrayList<>();
    private final Set<String> failingAccounts = new HashSet<>();
    private int failingEntries;
    private boolean unavailable;
    public int calls;

    @Override
    public List<SweepItem> sendMessageBatch(List<SweepItem> items) {
        calls++;
        if (items.size() > SEND_BATCH_MAX) {
            throw new IllegalArgumentException("SendMessageBatch takes at most " + SEND_BATCH_MAX + " entries");
        }
        if (unavailable) {
            throw new AwsApiException("SQS.SendMessageBatch", "AWS.SimpleQueueService.NonExistentQueue",
                    "The specified queue does not exist");
        }
        List<SweepItem> failed = new ArrayList<>();
        for (SweepItem item : items) {
            if (failingAccounts.contains(item.account()) && failingEntries > 0) {
                failingEntries--;
                failed.add(item);
            } else {
                waiting.add(item);
                sent.add(item);
            }
        }
        return failed;
    }

    /** The entries of {@code account} fail, {@code times} times in all. */
    public InMemorySweepQueue failEntries(String account, int times) {
        failingAccounts.add(account);
        failingEntries = times;
        return this;
    }

    /** Every call fails (the queue was deleted). */
    public InMemorySweepQueue unavailable() {
        unavailable = true;
        return this;
    }

    /** Every item ever sent, in order. */
    public List<SweepItem> sent() {
        return List.copyOf(sent);
    }

    /** The next message, as Lambda's event source mapping would receive it. */
    public Optional<SweepItem> receive() {
        return Optional.ofNullable(waiting.poll());
    }
}
