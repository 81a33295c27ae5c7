package io.github.ecsexecreadiness.report.config;

import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.report.Texts;
import java.util.List;

/** Config annotations: which checks fail, warn or are undecided, in at most 256 characters. */
public final class ConfigEvaluations {

    private ConfigEvaluations() {}

    public static String annotation(ServiceReport report) {
        List<String> failing = ids(report, Status.FAIL);
        List<String> warning = ids(report, Status.WARN);
        List<String> unknown = ids(report, Status.UNKNOWN);
        StringBuilder text = new StringBuilder(switch (report.readiness()) {
            case READY -> "Ready for ECS Exec";
            case NOT_READY -> "Not ready for ECS Exec";
            case UNDETERMINED -> "Readiness for ECS Exec undetermined";
        });
        if (!failing.isEmpty()) {
            text.append("; failing: ").append(String.join(", ", failing));
        }
        if (!warning.isEmpty()) {
            text.append("; warnings: ").append(String.join(", ", warning));
        }
        if (!unknown.isEmpty()) {
            text.append("; undecided: ").append(String.join(", ", unknown));
        }
        return fit(text.toString());
    }

    /** Null for blank text (Config rejects an empty annotation); cut to 256 characters with a marker. */
    static String fit(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Texts.fit(text, ConfigEvaluation.ANNOTATION_MAX);
    }

    private static List<String> ids(ServiceReport report, Status status) {
        return report.withStatus(status).stream().map(CheckResult::id).toList();
    }
}
