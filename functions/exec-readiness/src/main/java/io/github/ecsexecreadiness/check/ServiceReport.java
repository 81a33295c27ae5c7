package io.github.ecsexecreadiness.check;

import io.github.ecsexecreadiness.model.Ecs;
import java.util.List;

/** Every check's result for one service. */
public record ServiceReport(Ecs.Service service, List<CheckResult> results) {
    public ServiceReport {
        results = List.copyOf(results);
    }

    /**
     * NOT_READY when a check FAILs; else UNDETERMINED when a check that can stop a session is UNKNOWN; else READY.
     * Warnings, and unknowns of checks that cannot stop a session, are reported but do not decide.
     */
    public Readiness readiness() {
        if (results.stream().anyMatch(r -> r.status() == Status.FAIL)) {
            return Readiness.NOT_READY;
        }
        return results.stream().anyMatch(r -> r.status() == Status.UNKNOWN && r.check().stopsSession())
                ? Readiness.UNDETERMINED : Readiness.READY;
    }

    /** Known to take a session: {@link Readiness#READY}. An undetermined service is not called ready. */
    public boolean ready() {
        return readiness() == Readiness.READY;
    }

    public List<CheckResult> withStatus(Status status) {
        return results.stream().filter(r -> r.status() == status).toList();
    }

    public CheckResult result(String checkId) {
        return results.stream().filter(r -> r.id().equals(checkId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result for " + checkId));
    }
}
