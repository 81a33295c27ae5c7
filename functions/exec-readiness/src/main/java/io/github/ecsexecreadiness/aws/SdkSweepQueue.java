package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.sweep.SweepItem;
import io.github.ecsexecreadiness.sweep.SweepQueue;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** {@link SweepQueue} on an Amazon SQS standard queue. */
public final class SdkSweepQueue implements SweepQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SdkSweepQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Entry ids are the items' positions in the call, by which its Failed entries name them. */
    @Override
    public List<SweepItem> sendMessageBatch(List<SweepItem> items) {
        if (items.size() > SEND_BATCH_MAX) {
            throw new IllegalArgumentException("SendMessageBatch takes at most " + SEND_BATCH_MAX + " messages");
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(items.get(i).toJson()).build());
        }
        List<BatchResultErrorEntry> failed = call("SQS.SendMessageBatch", () -> sqs.sendMessageBatch(r -> r
                .queueUrl(queueUrl).entries(entries)).failed());
        return failed.stream().map(entry -> items.get(Integer.parseInt(entry.id()))).toList();
    }
}
