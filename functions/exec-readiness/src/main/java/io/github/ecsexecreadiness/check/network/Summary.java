package io.github.ecsexecreadiness.check.network;

import java.util.List;

/** Short, one-line enumerations for reasons. */
final class Summary {
    private Summary() {}

    /** The first {@code shown} items joined by commas, then "and N more" for the rest. */
    static String naming(List<String> items, int shown) {
        String named = String.join(", ", items.subList(0, Math.min(shown, items.size())));
        return items.size() > shown ? named + " and " + (items.size() - shown) + " more" : named;
    }
}
