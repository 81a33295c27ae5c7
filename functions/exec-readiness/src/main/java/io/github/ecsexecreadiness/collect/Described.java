package io.github.ecsexecreadiness.collect;

import java.util.List;

/**
 * The answer of an ECS Describe* call: what was found, and the ARNs reported in {@code failures}
 * (typically reason MISSING: deleted between list and describe).
 */
public record Described<T>(List<T> found, List<String> missing) {
    public Described {
        found = List.copyOf(found);
        missing = List.copyOf(missing);
    }
}
