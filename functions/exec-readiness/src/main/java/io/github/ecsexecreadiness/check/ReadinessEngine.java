package io.github.ecsexecreadiness.check;

import io.github.ecsexecreadiness.check.exec.ServiceFlagCheck;
import io.github.ecsexecreadiness.collect.AccountSnapshot;
import io.github.ecsexecreadiness.collect.Unreadable;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.List;

/** Runs every check of the catalogue on every service of a snapshot. Pure: it never calls AWS. */
public final class ReadinessEngine {
    private final List<Check> checks;
    private final ExecScope scope;

    /** @param scope which services should have ECS Exec: the others are not held to it */
    public ReadinessEngine(List<Check> checks, ExecScope scope) {
        this.checks = List.copyOf(checks);
        this.scope = scope;
    }

    public ReadinessEngine(List<Check> checks) {
        this(checks, ExecScope.EVERY_SERVICE);
    }

    public ReadinessEngine(ExecScope scope) {
        this(Checks.ALL, scope);
    }

    public ReadinessEngine() {
        this(Checks.ALL);
    }

    public List<ServiceReport> evaluate(AccountSnapshot snapshot) {
        List<ServiceReport> reports = new ArrayList<>();
        for (ServiceFacts facts : ServiceFacts.of(snapshot)) {
            reports.add(evaluate(facts));
        }
        return reports;
    }

    /**
     * A service not expected to have ECS Exec ({@link ExecScope}) gets NOT_APPLICABLE for its flag, and for every
     * check while the flag is off: its other prerequisites matter to nobody then.
     */
    public ServiceReport evaluate(ServiceFacts facts) {
        Ecs.Service service = facts.service();
        boolean expected = scope.expects(service);
        List<CheckResult> results = new ArrayList<>(checks.size());
        for (Check check : checks) {
            boolean flag = check.metadata().id().equals(ServiceFlagCheck.METADATA.id());
            results.add(expected || (service.enableExecuteCommand() && !flag) ? run(check, facts)
                    : new CheckResult(check.metadata(), Status.NOT_APPLICABLE, "ECS Exec is "
                    + (service.enableExecuteCommand() ? "on" : "off") + " and not expected for service "
                    + service.name() + ": only services tagged " + ExecScope.EXPECTED_TAG + "=true are (ExecExpected="
                    + scope.value() + ")"));
        }
        return new ServiceReport(service, results);
    }

    private static CheckResult run(Check check, ServiceFacts facts) {
        try {
            return advised(check, check.evaluate(facts), facts);
        } catch (Unreadable e) {
            return new CheckResult(check.metadata(), Status.UNKNOWN, e.getMessage());
        } catch (RuntimeException e) {
            // A bug in one check must not hide the verdicts of the others, nor pass silently.
            return new CheckResult(check.metadata(), Status.UNKNOWN, "check failed to evaluate: " + e);
        }
    }

    /**
     * A result that is not PASS or NOT_APPLICABLE with its remedy's commands. Advice helps a person and decides
     * nothing: when the remedy cannot give it (data unreadable), the verdict stands without it.
     */
    private static CheckResult advised(Check check, CheckResult result, ServiceFacts facts) {
        if (result.status() == Status.PASS || result.status() == Status.NOT_APPLICABLE) {
            return result;
        }
        try {
            return result.withAdvice(check.remedy().advice(result, facts));
        } catch (RuntimeException e) {
            return result;
        }
    }
}
