package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.sweep.SweepFanOut;
import io.github.ecsexecreadiness.sweep.SweepItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The sweep queue on moto's SQS: every item arrives once, as the sweep function will parse it. */
@StartsEmulator
class SdkSweepQueueMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    @Test
    void twentyFiveItemsGoInThreeCallsAndComeBackIntact() {
        try (AwsClients clients = moto.newClients()) {
            SqsClient sqs = clients.build(SqsClient.builder());
            String url = sqs.createQueue(r -> r.queueName("sweep")).queueUrl();
            List<SweepItem> items = IntStream.range(0, 25)
                    .mapToObj(i -> SweepItem.first(String.format("%012d", 100000000000L + i), "eu-west-1", "s"))
                    .toList();

            SweepFanOut.send(new SdkAccount(clients).sweepQueue(url), items);

            assertEquals(3, clients.apiCalls().snapshot().get("SQS.SendMessageBatch"));
            List<SweepItem> received = new ArrayList<>();
            List<Message> messages;
            do {
                messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
                messages.forEach(m -> received.add(SweepItem.parse(m.body())));
            } while (!messages.isEmpty());
            assertEquals(items.stream().sorted(Comparator.comparing(SweepItem::account)).toList(),
                    received.stream().sorted(Comparator.comparing(SweepItem::account)).toList());
        }
    }

    @Test
    void aQueueThatDoesNotExistIsAnAwsError() {
        try (AwsClients clients = moto.newClients()) {
            String missing = moto.endpoint() + "/" + MotoServer.ACCOUNT_ID + "/no-such-queue";

            AwsApiException error = assertThrows(AwsApiException.class, () -> new SdkAccount(clients)
                    .sweepQueue(missing).sendMessageBatch(List.of(SweepItem.first("444455556666", "eu-west-1", "s"))));

            assertEquals("SQS.SendMessageBatch", error.operation());
        }
    }
}
