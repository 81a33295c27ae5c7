package io.github.ecsexecreadiness.flow;

import io.github.ecsexecreadiness.apply.Remediation;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.report.ScanReport;
import java.util.List;
import java.util.Optional;

/**
 * What one run found and did: the scan, each service's report before and (when fixes ran) after, and the
 * service the request named when it no longer exists.
 *
 * @param gone the request's one service, when the scan did not find it
 */
public record Outcome(Request request, ScanReport scan, List<Service> services, Optional<String> gone) {
    public Outcome {
        services = List.copyOf(services);
    }

    /** One service: its report from the scan, and what the fixes did when they ran. */
    public record Service(ServiceReport before, Optional<Remediation.Result> remediation) {
        /** The latest report: after the fixes, or the scan's when nothing ran or the re-evaluation found nothing. */
        public ServiceReport latest() {
            return remediation.flatMap(Remediation.Result::latest).orElse(before);
        }
    }

    /** Every service's latest report. */
    public List<ServiceReport> latest() {
        return services.stream().map(Service::latest).toList();
    }

    /** The request's one service, when it was found. */
    public Optional<Service> service() {
        return request.serviceArn().flatMap(arn -> services.stream()
                .filter(s -> s.before().service().arn().equals(arn)).findFirst());
    }
}
