package io.github.ecsexecreadiness.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where forced deployments are recorded so that the cooldown per service and the hourly cap per account hold
 * across cold starts and concurrent invocations.
 */
public interface RemediationLedger {

    /**
     * The IAM actions the DynamoDB ledger calls. TransactWriteItems has no IAM action of its own: each of its
     * parts is authorized as the single-item action (Put, Update, ConditionCheck), GetItem reads.
     */
    List<String> IAM_ACTIONS = List.of("dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:PutItem",
            "dynamodb:UpdateItem");

    /**
     * Atomically records a forced deployment of {@code serviceArn} at {@code now} unless the service had one
     * within {@code cooldown} or the account already had {@code hourlyCap} in the hour before {@code now}.
     *
     * @return ALLOWED when recorded (the caller may deploy), else why not
     */
    Admission admitForcedDeployment(String serviceArn, Instant now, Duration cooldown, int hourlyCap);

    enum Admission { ALLOWED, COOLDOWN, HOURLY_CAP }
}
