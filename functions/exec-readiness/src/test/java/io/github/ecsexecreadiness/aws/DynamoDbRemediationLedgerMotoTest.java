package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.apply.RemediationLedger.Admission.ALLOWED;
import static io.github.ecsexecreadiness.apply.RemediationLedger.Admission.COOLDOWN;
import static io.github.ecsexecreadiness.apply.RemediationLedger.Admission.HOURLY_CAP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.apply.RemediationLedger;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.moto.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The ledger's two conditions with real TransactWriteItems (moto). */
@StartsEmulator
class DynamoDbRemediationLedgerMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();
    private static final String TABLE = "remediation-ledger";
    private static final Duration COOLDOWN_TIME = Duration.ofMinutes(30);
    private static final Instant T0 = Instant.parse("2026-11-29T09:05:00Z");
    private static final String WEB = "arn:aws:ecs:eu-west-1:123456789012:service/shop/web";
    private static final String API = "arn:aws:ecs:eu-west-1:123456789012:service/shop/api";
    private static final String JOBS = "arn:aws:ecs:eu-west-1:123456789012:service/shop/jobs";

    private AwsClients clients;
    private DynamoDbClient dynamo;
    private RemediationLedger ledger;

    @BeforeEach
    void createTable() {
        clients = moto.newClients();
        dynamo = clients.build(DynamoDbClient.builder());
        dynamo.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        ledger = new DynamoDbRemediationLedger(dynamo, TABLE);
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void aServiceWaitsOutItsCooldown() {
        assertEquals(ALLOWED, ledger.admitForcedDeployment(WEB, T0, COOLDOWN_TIME, 10));
        assertEquals(COOLDOWN, ledger.admitForcedDeployment(WEB, T0.plus(Duration.ofMinutes(29)), COOLDOWN_TIME, 10));
        assertEquals(ALLOWED, ledger.admitForcedDeployment(WEB, T0.plus(COOLDOWN_TIME), COOLDOWN_TIME, 10));
        assertEquals(ALLOWED, ledger.admitForcedDeployment(API, T0, COOLDOWN_TIME, 10), "cooldowns are per service");
    }

    @Test
    void theCapCountsPerClockHourAndARefusalRecordsNothing() {
        assertEquals(ALLOWED, ledger.admitForcedDeployment(WEB, T0, COOLDOWN_TIME, 2));
        assertEquals(ALLOWED, ledger.admitForcedDeployment(API, T0, COOLDOWN_TIME, 2));

        assertEquals(HOURLY_CAP, ledger.admitForcedDeployment(JOBS, T0.plus(Duration.ofMinutes(50)), COOLDOWN_TIME, 2));
        // The refused transaction wrote neither item: jobs has no cooldown and the count stayed at the cap.
        assertEquals("2", item("hour#2026-11-29T09").get("count").n());
        assertEquals(Map.of(), item("service#" + JOBS));
        assertEquals(ALLOWED, ledger.admitForcedDeployment(JOBS, Instant.parse("2026-11-29T10:00:00Z"),
                COOLDOWN_TIME, 2), "a new clock hour starts a new count");
    }

    @Test
    void aServiceInCooldownIsReportedAsSuchEvenAtTheCap() {
        assertEquals(ALLOWED, ledger.admitForcedDeployment(WEB, T0, COOLDOWN_TIME, 1));

        assertEquals(COOLDOWN, ledger.admitForcedDeployment(WEB, T0.plusSeconds(60), COOLDOWN_TIME, 1));
        assertEquals(HOURLY_CAP, ledger.admitForcedDeployment(API, T0.plusSeconds(60), COOLDOWN_TIME, 1));
    }

    @Test
    void itemsCarryAnExpiryInEpochSeconds() {
        ledger.admitForcedDeployment(WEB, T0, COOLDOWN_TIME, 10);

        Map<String, AttributeValue> service = item("service#" + WEB);
        assertEquals(Long.toString(T0.toEpochMilli()), service.get("lastAt").n());
        assertEquals(Long.toString(T0.plus(COOLDOWN_TIME).plus(Duration.ofDays(1)).getEpochSecond()),
                service.get("expiresAt").n());
        assertEquals(Long.toString(Instant.parse("2026-11-30T10:00:00Z").getEpochSecond()),
                item("hour#2026-11-29T09").get("expiresAt").n());
    }

    @Test
    void aCapOfZeroAdmitsNothingWithoutAsking() {
        assertEquals(HOURLY_CAP, ledger.admitForcedDeployment(WEB, T0, COOLDOWN_TIME, 0));
        assertEquals(Map.of(), item("service#" + WEB));
    }

    @Test
    void aMissingTableFailsSoTheCallerCanFailClosed() {
        RemediationLedger missing = new DynamoDbRemediationLedger(dynamo, "no-such-table");

        AwsApiException e = assertThrows(AwsApiException.class,
                () -> missing.admitForcedDeployment(WEB, T0, COOLDOWN_TIME, 10));
        assertEquals("DynamoDB.TransactWriteItems", e.operation());
    }

    private Map<String, AttributeValue> item(String key) {
        return dynamo.getItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS(key)))).item();
    }
}
