package io.github.ecsexecreadiness.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A ledger that lives as long as the process: right for one command-line run and for tests, wrong for Lambda
 * (a cold start would forget the cooldowns; use the DynamoDB ledger there). Same rules as the DynamoDB one.
 */
public final class InMemoryRemediationLedger implements RemediationLedger {
    private final Map<String, Instant> lastDeployment = new HashMap<>();
    private final Map<String, Integer> deploymentsPerHour = new HashMap<>();

    @Override
    public synchronized Admission admitForcedDeployment(String serviceArn, Instant now, Duration cooldown,
                                                        int hourlyCap) {
        Instant last = lastDeployment.get(serviceArn);
        if (last != null && last.isAfter(now.minus(cooldown))) {
            return Admission.COOLDOWN;
        }
        String hour = RemediationLedger.hourOf(now);
        if (deploymentsPerHour.getOrDefault(hour, 0) >= hourlyCap) {
            return Admission.HOURLY_CAP;
        }
        lastDeployment.put(serviceArn, now);
        deploymentsPerHour.merge(hour, 1, Integer::sum);
        return Admission.ALLOWED;
    }
}
