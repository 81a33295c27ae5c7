package io.github.ecsexecreadiness.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The capacity a redeployment places on: every ACTIVE container instance of an EC2 service's cluster. */
class ClusterCapacityTest {
    static final String HOST = "arn:aws:ecs:eu-west-1:111122223333:container-instance/shop/ci1";
    static final String IDLE = "arn:aws:ecs:eu-west-1:111122223333:container-instance/shop/ci2";
    static final String DRAINING = "arn:aws:ecs:eu-west-1:111122223333:container-instance/shop/ci3";

    private final InMemoryAccount account = new InMemoryAccount();
    private final SnapshotCollector collector = new SnapshotCollector(account.readers());

    @Test
    void everyActiveInstanceOfAnEc2ServicesClusterIsRead() {
        Scenario s = Scenario.ready().withService(b -> b.launchType("EC2")).withTasks(b -> b.launchType("EC2"))
                .withTasks(b -> b.containerInstanceArn(HOST));
        s.withContainerInstance(instance(HOST, "i-0host", "ACTIVE"));
        s.withContainerInstance(instance(IDLE, "i-0idle", "ACTIVE"));
        s.withContainerInstance(instance(DRAINING, "i-0drain", "DRAINING"));
        account.put(s);

        AccountSnapshot snapshot = collector.collect(Scope.wholeRegion());

        assertEquals(List.of(HOST, IDLE), snapshot.clusterCapacity().find(Scenario.CLUSTER_ARN).orElseThrow());
        var facts = new ServiceFacts(snapshot.services().getFirst(), snapshot);
        assertEquals(List.of("i-0host", "i-0idle"), facts.capacity().stream().map(Ecs.ContainerInstance::ec2InstanceId)
                .toList());
        assertEquals(1L, account.apiCalls().snapshot().get("ECS.ListContainerInstances"));
        assertEquals(1L, account.apiCalls().snapshot().get("ECS.DescribeContainerInstances"), "host and idle together");
    }

    @Test
    void fargateNeedsNone() {
        account.put(Scenario.ready());

        collector.collect(Scope.wholeRegion());

        assertFalse(account.apiCalls().snapshot().containsKey("ECS.ListContainerInstances"));
        assertFalse(account.apiCalls().snapshot().containsKey("ECS.DescribeContainerInstances"));
    }

    static Ecs.ContainerInstance instance(String arn, String ec2InstanceId, String status) {
        return new Ecs.ContainerInstance(arn, ec2InstanceId, "1.90.0", true, status,
                Set.of("ecs.capability.execute-command"));
    }
}
