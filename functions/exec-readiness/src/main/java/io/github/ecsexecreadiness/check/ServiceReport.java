package io.github.ecsexecreadiness.check;

import io.github.ecsexecreadiness.model.Ecs;
import java.util.List;

/** Every check's result for one service. */
public record ServiceReport(Ecs.Service service, List<CheckResult> results) {
    public ServiceReport {
        results = List.copyOf(results);
    }

    /** Ready means no check FAILs: warnings and unknowns do not block, they are reported. */
    public boolean ready() {
        return results.stream().noneMatch(r -> r.status() == Status.FAIL);
    }

    public List<CheckResult> withStatus(Status status) {
        return results.stream().filter(r -> r.status() == status).toList();
    }

    public CheckResult result(String checkId) {
        return results.stream().filter(r -> r.id().equals(checkId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result for " + checkId));
    }
}
