package io.github.ecsexecreadiness.collect;

import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Iam;
import java.util.List;

/**
 * Everything the checks read about one account and Region, collected once and never changed.
 * {@code runningTasks} is keyed by service ARN; {@code roles} by role ARN (or short name, as task definitions name
 * them); {@code sessionResources} holds what the clusters' ECS Exec configurations point at; {@code clusterCapacity}
 * by cluster ARN holds the ARNs of the ACTIVE container instances of clusters with EC2 services (each described in
 * {@code containerInstances}); {@code notes} records what was
 * skipped and why (resources deleted between list and describe, unreadable clusters...). {@code complete} is
 * true when every cluster's services were listed and described: only then does a service missing from
 * {@code services} not exist (what decides archiving its findings).
 */
public record AccountSnapshot(String accountId, String region, List<Ecs.Service> services,
                              Readings<String, Ecs.Cluster> clusters,
                              Readings<String, List<Ecs.Task>> runningTasks,
                              Readings<String, Ecs.TaskDefinition> taskDefinitions,
                              Readings<String, Ecs.ContainerInstance> containerInstances,
                              Readings<String, Iam.Role> roles,
                              NetworkSnapshot network, SessionResources sessionResources,
                              List<String> notes, boolean complete,
                              Readings<String, List<String>> clusterCapacity) {
    public AccountSnapshot {
        services = List.copyOf(services);
        notes = List.copyOf(notes);
    }

    /** A snapshot without container-instance listings (no EC2 capacity read). */
    public AccountSnapshot(String accountId, String region, List<Ecs.Service> services,
                           Readings<String, Ecs.Cluster> clusters, Readings<String, List<Ecs.Task>> runningTasks,
                           Readings<String, Ecs.TaskDefinition> taskDefinitions,
                           Readings<String, Ecs.ContainerInstance> containerInstances, Readings<String, Iam.Role> roles,
                           NetworkSnapshot network, SessionResources sessionResources, List<String> notes,
                           boolean complete) {
        this(accountId, region, services, clusters, runningTasks, taskDefinitions, containerInstances, roles, network,
                sessionResources, notes, complete, Readings.<String, List<String>>builder().build());
    }

    /** A snapshot not known to be complete (fixtures). */
    public AccountSnapshot(String accountId, String region, List<Ecs.Service> services,
                           Readings<String, Ecs.Cluster> clusters, Readings<String, List<Ecs.Task>> runningTasks,
                           Readings<String, Ecs.TaskDefinition> taskDefinitions,
                           Readings<String, Ecs.ContainerInstance> containerInstances, Readings<String, Iam.Role> roles,
                           NetworkSnapshot network, SessionResources sessionResources, List<String> notes) {
        this(accountId, region, services, clusters, runningTasks, taskDefinitions, containerInstances, roles, network,
                sessionResources, notes, false);
    }
}
