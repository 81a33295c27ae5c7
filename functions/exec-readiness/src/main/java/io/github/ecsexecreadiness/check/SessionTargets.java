package io.github.ecsexecreadiness.check;

import java.util.List;
import java.util.function.Predicate;

/**
 * {@code execute-command --container NAME} needs only that container to take a session, so a container that
 * cannot (a read-only log router, a sidecar whose agent stopped) does not stop sessions into the others. A task
 * is lost to ECS Exec only when none of its essential containers can take one.
 */
public final class SessionTargets {
    private SessionTargets() {}

    /**
     * FAIL when every essential container is {@code blocked} (every container, if none is marked essential),
     * WARN when only some containers are, PASS when none is.
     */
    public static <C> Status verdict(List<C> containers, Predicate<C> essential, Predicate<C> blocked) {
        List<C> targets = containers.stream().anyMatch(essential) ? containers.stream().filter(essential).toList()
                : containers;
        if (!targets.isEmpty() && targets.stream().allMatch(blocked)) {
            return Status.FAIL;
        }
        return containers.stream().anyMatch(blocked) ? Status.WARN : Status.PASS;
    }
}
