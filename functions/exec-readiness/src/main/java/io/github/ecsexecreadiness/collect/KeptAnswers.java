package io.github.ecsexecreadiness.collect;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers a warm function keeps a while, each under its key, so that a change in the account is seen within
 * {@code kept}. A read that throws keeps nothing: the next asks again.
 */
final class KeptAnswers {
    private final Duration kept;
    private final LongSupplier nanoTime;
    private final Map<Object, Kept> answers = new ConcurrentHashMap<>();

    private record Kept(Object value, long since) {}

    KeptAnswers(Duration kept, LongSupplier nanoTime) {
        this.kept = kept;
        this.nanoTime = nanoTime;
    }

    /** The answer kept under {@code key} while it is fresh, else {@code read}'s, kept from now. */
    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> read) {
        Kept found = answers.get(key);
        if (found != null && nanoTime.getAsLong() - found.since() < kept.toNanos()) {
            return (T) found.value();
        }
        return put(key, read.get());
    }

    /** Keeps {@code value} under {@code key} from now (an answer read some other way); returns it. */
    <T> T put(Object key, T value) {
        answers.put(key, new Kept(value, nanoTime.getAsLong()));
        return value;
    }
}
