package io.github.ecsexecreadiness.report;

import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Readiness;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.model.Arns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The human-readable scan output: one row per service with its failing checks named, then the reason and
 * fix of every FAIL, WARN and UNKNOWN with the commands that repair it, names filled in, then (on request) the
 * API calls made.
 */
public final class TableRenderer {
    private static final String[] HEADER = {"CLUSTER", "SERVICE", "READY", "FAILING", "WARN", "UNKNOWN"};

    private TableRenderer() {}

    public static String render(ScanReport report, boolean withStats) {
        StringBuilder out = new StringBuilder();
        if (report.services().isEmpty()) {
            out.append("No ECS services found.\n");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADER);
            for (ServiceReport service : report.services()) {
                rows.add(new String[] {
                    Arns.clusterName(service.service().clusterArn()),
                    service.service().name(),
                    readiness(service.readiness()),
                    ids(service, Status.FAIL),
                    ids(service, Status.WARN),
                    ids(service, Status.UNKNOWN)});
            }
            appendAligned(out, rows);
            appendDetails(out, report);
            long ready = report.services().stream().filter(ServiceReport::ready).count();
            long undetermined = report.services().stream()
                    .filter(service -> service.readiness() == Readiness.UNDETERMINED).count();
            out.append('\n').append(ready).append(" of ").append(report.services().size())
                    .append(" services ready for ECS Exec")
                    .append(undetermined == 0 ? "" : "; " + undetermined + " undetermined (a check that can stop a "
                            + "session is UNKNOWN)")
                    .append(".\n");
        }
        for (String note : report.notes()) {
            out.append("note: ").append(note).append('\n');
        }
        if (withStats) {
            appendStats(out, report);
        }
        return out.toString();
    }

    private static void appendDetails(StringBuilder out, ScanReport report) {
        for (ServiceReport service : report.services()) {
            List<CheckResult> findings = service.results().stream()
                    .filter(r -> r.status() == Status.FAIL || r.status() == Status.WARN || r.status() == Status.UNKNOWN)
                    .toList();
            if (findings.isEmpty()) {
                continue;
            }
            out.append('\n').append(Arns.clusterName(service.service().clusterArn())).append('/')
                    .append(service.service().name()).append('\n');
            for (CheckResult r : findings) {
                out.append("  ").append(r.status()).append(' ').append(r.id()).append(": ").append(r.reason()).append('\n');
                if (r.status() != Status.UNKNOWN) {
                    out.append("      fix: ").append(r.check().remediation()).append('\n');
                }
                for (String command : r.advice()) {
                    out.append("      run: ").append(command).append('\n');
                }
            }
        }
    }

    private static void appendStats(StringBuilder out, ScanReport report) {
        long total = report.apiCalls().values().stream().mapToLong(Long::longValue).sum();
        out.append("\nAPI calls: ").append(total).append(" in ").append(report.durationMs()).append(" ms");
        if (!report.services().isEmpty()) {
            out.append(String.format(" (%.2f per service)", (double) total / report.services().size()));
        }
        out.append('\n');
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(report.apiCalls()).entrySet()) {
            out.append(String.format("  %-40s %6d%n", e.getKey(), e.getValue()));
        }
    }

    /** yes, NO, or ? when a check that can stop a session could not be decided. */
    private static String readiness(Readiness readiness) {
        return switch (readiness) {
            case READY -> "yes";
            case NOT_READY -> "NO";
            case UNDETERMINED -> "?";
        };
    }

    private static String ids(ServiceReport service, Status status) {
        List<String> ids = service.withStatus(status).stream().map(CheckResult::id).toList();
        return ids.isEmpty() ? "-" : String.join(",", ids);
    }

    private static void appendAligned(StringBuilder out, List<String[]> rows) {
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
