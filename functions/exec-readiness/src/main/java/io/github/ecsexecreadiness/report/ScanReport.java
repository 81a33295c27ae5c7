package io.github.ecsexecreadiness.report;

import io.github.ecsexecreadiness.check.ServiceReport;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one scan: a report per service, what was skipped and why, and what it cost.
 *
 * @param apiCalls   AWS API calls by {@code Service.Operation}
 * @param durationMs wall time of collect and check
 */
public record ScanReport(List<ServiceReport> services, List<String> notes, Map<String, Long> apiCalls,
                         long durationMs) {
    public ScanReport {
        services = List.copyOf(services);
        notes = List.copyOf(notes);
        apiCalls = Map.copyOf(apiCalls);
    }

    public boolean allReady() {
        return services.stream().allMatch(ServiceReport::ready);
    }
}
