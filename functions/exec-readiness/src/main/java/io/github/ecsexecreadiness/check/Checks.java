package io.github.ecsexecreadiness.check;

import io.github.ecsexecreadiness.check.exec.ServiceFlagCheck;
import java.util.List;

/** The catalogue: every readiness check, in the order reports list them. */
public final class Checks {
    private Checks() {}

    public static final List<Check> ALL = List.of(
            new ServiceFlagCheck());

    public static Check byId(String id) {
        return ALL.stream().filter(c -> c.metadata().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check " + id));
    }
}
