package io.github.ecsexecreadiness.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A snapshot is complete only when every cluster's services were listed and described: findings of services
 * not seen are archived only then. Services deleted meanwhile do not make it partial: they are gone.
 */
class SweepCompletenessTest {
    private final InMemoryAccount account = new InMemoryAccount();
    private final SnapshotCollector collector = new SnapshotCollector(account.readers());

    @BeforeEach
    void twoClusters() {
        for (String cluster : new String[] {"shop", "billing"}) {
            for (int i = 0; i < 2; i++) {
                account.putReadyFargateService(cluster, "svc-" + i,
                        account.taskDefinitionArn(cluster + "-svc-" + i + ":1"), 1);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} on shop -> complete={2}")
    @CsvSource({
            "-, -, true",
            "ECS.ListServices, AccessDeniedException, false",
            "ECS.DescribeServices, ThrottlingException, false",
            "ECS.DescribeTasks, AccessDeniedException, true", // services known: their checks are UNKNOWN
    })
    void completeUnlessServicesOfAClusterWereNotRead(String operation, String errorCode, boolean complete) {
        if (!operation.equals("-")) {
            account.fail(operation, account.clusterArn("shop"), errorCode);
        }
        assertEquals(complete, collector.collect(Scope.wholeRegion()).complete());
        assertEquals(complete, new ReadinessScan(account.readers()).scan(Scope.wholeRegion()).complete());
    }

    @Test
    void aServiceDeletedDuringTheSweepKeepsItComplete() {
        String gone = account.serviceArn("shop", "svc-1");
        account.afterCall("ECS.ListServices", () -> account.deleteService(gone));
        assertTrue(collector.collect(Scope.wholeRegion()).complete());
    }
}
