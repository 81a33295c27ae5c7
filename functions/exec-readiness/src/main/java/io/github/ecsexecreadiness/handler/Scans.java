package io.github.ecsexecreadiness.handler;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.report.Telemetry;
import java.util.List;

/** The two scans the handlers run, logged the same way whatever triggered them. */
final class Scans {
    private Scans() {}

    /** Every service of the Region, with the snapshot (a sweep plans its fixes from it). */
    static ReadinessScan.Evaluation region(ReadinessScan scan, Telemetry telemetry) {
        ReadinessScan.Evaluation evaluation = scan.evaluate(Scope.wholeRegion());
        telemetry.scanned(evaluation.report());
        return evaluation;
    }

    /** One service of {@code cluster} (name or ARN); its report is empty when it no longer exists. */
    static ReadinessScan.Evaluation service(ReadinessScan scan, String cluster, String serviceArn,
                                            Telemetry telemetry) {
        ReadinessScan.Evaluation evaluation = scan.evaluate(new Scope(List.of(cluster), serviceArn));
        telemetry.scanned(evaluation.report());
        return evaluation;
    }
}
