package io.github.ecsexecreadiness.sweep;

import static io.github.ecsexecreadiness.iam.PolicyStatement.SEND_TO_THE_SWEEP_QUEUE;

import io.github.ecsexecreadiness.iam.CallsAws;
import java.util.List;

/**
 * The queue that feeds the sweep function one {@link SweepItem} per message. Implementations throw
 * {@link io.github.ecsexecreadiness.collect.AwsApiException} when a whole call fails.
 */
public interface SweepQueue {
    /** SendMessageBatch takes at most this many messages. */
    int SEND_BATCH_MAX = 10;

    /** SendMessageBatch of at most {@value #SEND_BATCH_MAX} items; returns those not sent (its Failed entries). */
    @CallsAws(operation = "SQS.SendMessageBatch", action = "sqs:SendMessage", statements = SEND_TO_THE_SWEEP_QUEUE)
    List<SweepItem> sendMessageBatch(List<SweepItem> items);
}
