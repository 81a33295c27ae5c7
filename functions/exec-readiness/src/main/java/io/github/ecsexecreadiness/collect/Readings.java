package io.github.ecsexecreadiness.collect;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the collector learnt about a set of resources, keyed by id or ARN: each key is either found,
 * known not to exist, or unreadable (with the AWS error). Asking for an unreadable key, or one that was
 * never read, throws {@link Unreadable} so that the check asking becomes UNKNOWN instead of guessing.
 */
public final class Readings<K, V> {
    private final Map<K, V> found;
    private final Set<K> missing;
    private final Map<K, String> unreadable;

    private Readings(Map<K, V> found, Set<K> missing, Map<K, String> unreadable) {
        this.found = Map.copyOf(found);
        this.missing = Set.copyOf(missing);
        this.unreadable = Map.copyOf(unreadable);
    }

    /** The value; empty when the resource does not exist; throws {@link Unreadable} when it could not be read. */
    public Optional<V> find(K key) {
        V value = found.get(key);
        if (value != null) {
            return Optional.of(value);
        }
        if (missing.contains(key)) {
            return Optional.empty();
        }
        String reason = unreadable.get(key);
        throw new Unreadable(reason != null ? "could not read " + key + ": " + reason : key + " was not read");
    }

    /** A copy in which {@code key} is found with {@code value}, whatever it was before. */
    public Readings<K, V> with(K key, V value) {
        Map<K, V> withFound = new HashMap<>(found);
        withFound.put(key, value);
        Set<K> withoutMissing = new HashSet<>(missing);
        withoutMissing.remove(key);
        Map<K, String> withoutUnreadable = new HashMap<>(unreadable);
        withoutUnreadable.remove(key);
        return new Readings<>(withFound, withoutMissing, withoutUnreadable);
    }

    public Map<K, V> found() {
        return found;
    }

    public Map<K, String> unreadable() {
        return unreadable;
    }

    public static <K, V> Builder<K, V> builder() {
        return new Builder<>();
    }

    public static final class Builder<K, V> {
        private final Map<K, V> found = new HashMap<>();
        private final Set<K> missing = new HashSet<>();
        private final Map<K, String> unreadable = new HashMap<>();

        public Builder<K, V> found(K key, V value) {
            found.put(key, value);
            return this;
        }

        public Builder<K, V> missing(K key) {
            missing.add(key);
            return this;
        }

        public Builder<K, V> unreadable(K key, String reason) {
            unreadable.put(key, reason);
            return this;
        }

        public boolean knows(K key) {
            return found.containsKey(key) || missing.contains(key) || unreadable.containsKey(key);
        }

        public Readings<K, V> build() {
            return new Readings<>(found, missing, unreadable);
        }
    }
}
