package io.github.ecsexecreadiness.collect;

import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Iam;
import java.util.List;

/**
 * Everything the checks read about one account and Region, collected once and never changed.
 * {@code runningTasks} is keyed by service ARN; {@code roles} by role ARN; {@code notes} records what was
 * skipped and why (resources deleted between list and describe, unreadable clusters...).
 */
public record AccountSnapshot(String accountId, String region, List<Ecs.Service> services,
                              Readings<String, Ecs.Cluster> clusters,
                              Readings<String, List<Ecs.Task>> runningTasks,
                              Readings<String, Ecs.TaskDefinition> taskDefinitions,
                              Readings<String, Ecs.ContainerInstance> containerInstances,
                              Readings<String, Iam.Role> roles,
                              NetworkSnapshot network,
                              List<String> notes) {
    public AccountSnapshot {
        services = List.copyOf(services);
        notes = List.copyOf(notes);
    }
}
