package io.github.ecsexecreadiness.apply;

import static io.github.ecsexecreadiness.iam.PolicyStatement.LEDGER_ONLY;

import io.github.ecsexecreadiness.iam.CallsAws;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where forced deployments are recorded so that the cooldown per service and the hourly cap per account hold
 * across cold starts and concurrent invocations.
 *
 * <p>The cap counts per clock hour (UTC), not over a sliding sixty minutes: a single counter per hour can be
 * checked and incremented atomically, at the price of letting up to twice the cap through in a window that
 * straddles the top of an hour.
 */
public interface RemediationLedger {

    /**
     * Atomically records a forced deployment of {@code serviceArn} at {@code now} unless the service had one
     * less than {@code cooldown} before {@code now} or the account already had {@code hourlyCap} in the clock
     * hour of {@code now}. Throws when the ledger cannot answer: callers then change nothing (fail closed).
     *
     * <p>TransactWriteItems has no IAM action of its own: each part is authorized as its single-item action,
     * and the DynamoDB ledger's two parts are Updates.
     *
     * @return ALLOWED when recorded (the caller may deploy), else why not
     */
    @CallsAws(operation = "DynamoDB.TransactWriteItems", action = "dynamodb:UpdateItem", statements = LEDGER_ONLY)
    Admission admitForcedDeployment(String serviceArn, Instant now, Duration cooldown, int hourlyCap);

    enum Admission { ALLOWED, COOLDOWN, HOURLY_CAP }

    /** The clock hour of {@code now} in UTC, e.g. 2026-11-29T09: the key of its counter. */
    static String hourOf(Instant now) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC).format(now);
    }
}
