package io.github.ecsexecreadiness.apply;

import java.time.Duration;
import java.time.Instant;

/**
 * Where forced deployments are recorded so that the cooldown per service and the hourly cap per account hold
 * across cold starts and concurrent invocations.
 */
public interface RemediationLedger {

    /**
     * Atomically records a forced deployment of {@code serviceArn} at {@code now} unless the service had one
     * within {@code cooldown} or the account already had {@code hourlyCap} in the hour before {@code now}.
     *
     * @return ALLOWED when recorded (the caller may deploy), else why not
     */
    Admission admitForcedDeployment(String serviceArn, Instant now, Duration cooldown, int hourlyCap);

    enum Admission { ALLOWED, COOLDOWN, HOURLY_CAP }
}
