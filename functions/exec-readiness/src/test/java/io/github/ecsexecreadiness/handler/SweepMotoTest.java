package io.github.ecsexecreadiness.handler;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.moto.MotoAccount;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.FindingsReport;
import io.github.ecsexecreadiness.sweep.RegionSweep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The sweep through the AWS SDK on moto, as Lambda runs it: the scheduler puts its item on a real SQS queue, each
 * message received is handed to the sweep-items function as the event source mapping would, and the seeded
 * account's services are read through the SDK readers.
 */
@ReadsRepositoryFiles
@StartsEmulator
class SweepMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aScheduledSweepReachesEveryServiceThroughTheQueue() throws Exception {
        try (AwsClients seeding = moto.newClients(); AwsClients clients = moto.newClients()) {
            MotoAccount.seed(seeding, moto);
            SqsClient sqs = clients.build(SqsClient.builder());
            String queueUrl = sqs.createQueue(r -> r.queueName("sweep")).queueUrl();
            SdkAccount account = new SdkAccount(clients);
            ByteArrayOutputStream logs = new ByteArrayOutputStream();
            Wiring wiring = new Wiring(MotoServer.ACCOUNT_ID, MotoServer.REGION.id(), new Wiring.Target(
                    account.readers(), FindingsReport.disabled(), Optional.empty(), () -> null), Optional.empty(),
                    new Wiring.Logs(HandlerFixture.NAMESPACE, Telemetry.Level.INFO, Clock.systemUTC(),
                            new PrintStream(logs, true, UTF_8)), Optional.of(new Wiring.Sweeping(
                            account.sweepQueue(queueUrl), List.of(), null, List.of(), RegionSweep.CLUSTERS_PER_BATCH)));

            JsonNode queued = Organization.invoke(new ScheduledSweepHandler(wiring), HandlerFixture.sample(
                    "scheduled-sweep.json").replace("111122223333", MotoServer.ACCOUNT_ID), null);
            List<JsonNode> responses = new ArrayList<>();
            for (Message message : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages()) {
                ObjectNode event = JSON.createObjectNode();
                event.putArray("Records").addObject().put("messageId", message.messageId())
                        .put("body", message.body()).put("eventSource", "aws:sqs");
                responses.add(Organization.invoke(new SweepItemHandler(wiring),
                        event.toString(), null));
            }

            assertEquals(1, queued.path("items").asInt(), queued.toString());
            assertEquals(1, responses.size());
            assertEquals(0, responses.get(0).path("batchItemFailures").size(), responses.get(0).toString());
            List<JsonNode> swept = HandlerFixture.logLines(logs, "INFO", "sweep item swept");
            assertEquals(1, swept.size(), logs.toString(UTF_8));
            assertEquals(MotoServer.ACCOUNT_ID, swept.get(0).path("account").asText());
            assertEquals(MotoServer.REGION.id(), swept.get(0).path("region").asText());
            assertEquals("done", swept.get(0).path("status").asText());
            assertTrue(swept.get(0).path("services").asInt() >= 9, "every seeded service: " + swept.get(0));
            assertEquals(swept.get(0).path("services").asInt(),
                    HandlerFixture.logLines(logs, "INFO", "service evaluated").size());
        }
    }
}
