package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.apply.RemediationLedger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The ledger in a DynamoDB table (partition key {@value #KEY}, a string; TTL on {@value #EXPIRES_AT}). A Lambda
 * forgets everything at a cold start and several may run at once, so the state must live outside the function;
 * DynamoDB gives a conditional, atomic check-and-record across two items in one call, on demand, for what is a
 * handful of writes a day, with no connection to manage.
 *
 * <p>One TransactWriteItems with two conditional updates: {@code service#<arn>} records {@code lastAt} (epoch
 * milliseconds) unless it is within the cooldown, and {@code hour#<yyyy-MM-ddTHH>} adds one to {@code count}
 * unless it reached the cap. Both succeed or neither does; the cancellation reasons say which condition failed.
 * TTL only tidies up: the conditions compare the stored times, so an item TTL has not yet deleted is harmless.
 * No client request token: an SDK retry of a transaction that did succeed then meets its own record and answers
 * COOLDOWN, which deploys nothing (the safe side).
 */
public final class DynamoDbRemediationLedger implements RemediationLedger {
    /** The environment variable naming the table, set by the template on the remediating function. */
    public static final String TABLE_ENV = "LEDGER_TABLE";
    public static final String KEY = "pk";
    public static final String EXPIRES_AT = "expiresAt";
    /** How long after they stop mattering items are kept (for people looking at the table). */
    private static final Duration RETENTION = Duration.ofDays(1);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbRemediationLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo);
        this.table = Objects.requireNonNull(table);
    }

    @Override
    public Admission admitForcedDeployment(String serviceArn, Instant now, Duration cooldown, int hourlyCap) {
        if (hourlyCap <= 0) {
            return Admission.HOURLY_CAP;
        }
        Instant nextHour = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Update service = Update.builder().tableName(table)
                .key(Map.of(KEY, string("service#" + serviceArn)))
                .updateExpression("SET lastAt = :now, " + EXPIRES_AT + " = :expires")
                .conditionExpression("attribute_not_exists(lastAt) OR lastAt <= :cutoff")
                .expressionAttributeValues(Map.of(
                        ":now", number(now.toEpochMilli()),
                        ":cutoff", number(now.minus(cooldown).toEpochMilli()),
                        ":expires", number(now.plus(cooldown).plus(RETENTION).getEpochSecond())))
                .build();
        Update hour = Update.builder().tableName(table)
                .key(Map.of(KEY, string("hour#" + RemediationLedger.hourOf(now))))
                .updateExpression("ADD #count :one SET " + EXPIRES_AT + " = :expires")
                .conditionExpression("attribute_not_exists(#count) OR #count < :cap")
                .expressionAttributeNames(Map.of("#count", "count"))
                .expressionAttributeValues(Map.of(
                        ":one", number(1),
                        ":cap", number(hourlyCap),
                        ":expires", number(nextHour.plus(RETENTION).getEpochSecond())))
                .build();
        return call("DynamoDB.TransactWriteItems", () -> {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().update(service).build(),
                        TransactWriteItem.builder().update(hour).build()));
                return Admission.ALLOWED;
            } catch (TransactionCanceledException e) {
                Admission refusal = refusal(e.cancellationReasons());
                if (refusal == null) {
                    throw e; // a conflict or a failure, not a verdict: the caller fails closed
                }
                return refusal;
            }
        });
    }

    /** Reasons come in the order of the items: the service's cooldown first, then the hourly cap. */
    static Admission refusal(List<CancellationReason> reasons) {
        if (failedCondition(reasons, 0)) {
            return Admission.COOLDOWN;
        }
        return failedCondition(reasons, 1) ? Admission.HOURLY_CAP : null;
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int item) {
        return reasons.size() > item && "ConditionalCheckFailed".equals(reasons.get(item).code());
    }

    private static AttributeValue string(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
