package io.github.ecsexecreadiness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ecsexecreadiness.collect.AccountSnapshot;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What is derived from a snapshot is computed once for all its services, and never shared with another snapshot. */
class ServiceFactsTest {

    @Test
    void servicesOfOneSnapshotShareWhatIsDerivedFromIt() {
        AccountSnapshot snapshot = Scenario.ready().withOtherService("api", b -> b).snapshot();
        List<ServiceFacts> facts = ServiceFacts.of(snapshot);
        AtomicInteger computed = new AtomicInteger();

        for (ServiceFacts service : facts) {
            service.derived("question", computed::incrementAndGet);
            service.otherServices().forEach(other -> other.derived("question", computed::incrementAndGet));
        }

        assertEquals(2, facts.size());
        assertEquals(1, computed.get(), "answered once for the snapshot");
    }

    @Test
    void anotherNetworkOrSnapshotAsksAgain() {
        ServiceFacts facts = Scenario.ready().facts();
        AtomicInteger computed = new AtomicInteger();

        facts.derived("question", computed::incrementAndGet);
        facts.withNetwork(facts.network()).derived("question", computed::incrementAndGet);
        Scenario.ready().facts().derived("question", computed::incrementAndGet);

        assertEquals(3, computed.get(), "a changed network is another snapshot: nothing carries over");
    }
}
