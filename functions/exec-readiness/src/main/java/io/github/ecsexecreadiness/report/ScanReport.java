package io.github.ecsexecreadiness.report;

import io.github.ecsexecreadiness.check.Readiness;
import io.github.ecsexecreadiness.check.ServiceReport;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one scan: a report per service, what was skipped and why, and what it cost.
 *
 * @param complete   every cluster in scope had its services listed and described (see
 *                   {@link io.github.ecsexecreadiness.collect.AccountSnapshot#complete()})
 * @param apiCalls   AWS API calls by {@code Service.Operation}
 * @param durationMs wall time of collect and check
 */
public record ScanReport(List<ServiceReport> services, List<String> notes, Map<String, Long> apiCalls,
                         long durationMs, boolean complete) {
    public ScanReport {
        services = List.copyOf(services);
        notes = List.copyOf(notes);
        apiCalls = Map.copyOf(apiCalls);
    }

    /** A report not known to be complete. */
    public ScanReport(List<ServiceReport> services, List<String> notes, Map<String, Long> apiCalls, long durationMs) {
        this(services, notes, apiCalls, durationMs, false);
    }

    /** The worst readiness of the services: READY when there are none. */
    public Readiness readiness() {
        return services.stream().map(ServiceReport::readiness).reduce(Readiness.READY, Readiness::worse);
    }
}
