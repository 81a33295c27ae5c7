package io.github.ecsexecreadiness;

import io.github.ecsexecreadiness.check.ExecScope;
import io.github.ecsexecreadiness.check.ReadinessEngine;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.collect.AccountSnapshot;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.collect.SnapshotCollector;
import io.github.ecsexecreadiness.report.ScanReport;
import java.util.List;
import java.util.Optional;

/** Collect a snapshot of the account, then check it: the read-only half of the flow, shared by every entry point. */
public final class ReadinessScan {
    private final AccountReaders readers;
    private final SnapshotCollector collector;
    private final ReadinessEngine engine;

    /** @param execScope which services should have ECS Exec */
    public ReadinessScan(AccountReaders readers, ExecScope execScope) {
        this.readers = readers;
        this.collector = new SnapshotCollector(readers);
        this.engine = new ReadinessEngine(execScope);
    }

    /** Every service should have ECS Exec. */
    public ReadinessScan(AccountReaders readers) {
        this(readers, ExecScope.EVERY_SERVICE);
    }

    public ScanReport scan(Scope scope) {
        return evaluate(scope).report();
    }

    /** Collect and check, keeping the snapshot: the remediation planner reads the facts behind the results. */
    public Evaluation evaluate(Scope scope) {
        long start = System.nanoTime();
        AccountSnapshot snapshot = collector.collect(scope);
        List<ServiceReport> reports = engine.evaluate(snapshot);
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        return new Evaluation(snapshot, new ScanReport(reports, snapshot.notes(), readers.apiCalls().snapshot(),
                durationMs, snapshot.complete()));
    }

    /** A scan's report and the snapshot it was made from. */
    public record Evaluation(AccountSnapshot snapshot, ScanReport report) {
        public List<ServiceReport> reports() {
            return report.services();
        }

        public Optional<ServiceReport> service(String serviceArn) {
            return reports().stream().filter(r -> r.service().arn().equals(serviceArn)).findFirst();
        }
    }
}
