package io.github.ecsexecreadiness.collect;

import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Iam;
import io.github.ecsexecreadiness.model.Organizations;
import java.util.List;
import java.util.Objects;

/**
 * Everything the checks read about one account and Region, collected once and never changed.
 * {@code runningTasks} is keyed by service ARN; {@code roles} by role ARN (or short name, as task definitions name
 * them); {@code sessionResources} holds what the clusters' ECS Exec configurations point at; {@code clusterCapacity}
 * by cluster ARN holds the ARNs of the ACTIVE container instances of clusters with EC2 services (each described in
 * {@code containerInstances}); {@code notes} records what was
 * skipped and why (resources deleted between list and describe, unreadable clusters...). {@code complete} is
 * true when every cluster's services were listed and described: only then does a service missing from
 * {@code services} not exist (what decides archiving its findings). {@code serviceControlPolicies} are the SCPs
 * binding the account, or why they are not known; {@code tagBasedExecIdentities} the roles granting ECS Exec on tagged
 * resources, or why they are not known.
 */
public record AccountSnapshot(String accountId, String region, List<Ecs.Service> services,
                              Readings<String, Ecs.Cluster> clusters,
                              Readings<String, List<Ecs.Task>> runningTasks,
                              Readings<String, Ecs.TaskDefinition> taskDefinitions,
                              Readings<String, Ecs.ContainerInstance> containerInstances,
                              Readings<String, Iam.Role> roles,
                              NetworkSnapshot network, SessionResources sessionResources,
                              List<String> notes, boolean complete,
                              Readings<String, List<String>> clusterCapacity,
                              Organizations.ServiceControlPolicies serviceControlPolicies,
                              Iam.TagBasedExecIdentities tagBasedExecIdentities) {
    /** Service control policies not read (outside organisation mode). */
    static final Organizations.ServiceControlPolicies NOT_READ = Organizations.ServiceControlPolicies.notRead(
            "service control policies were not read");

    /** The account's roles not read (fixtures). */
    static final Iam.TagBasedExecIdentities ROLES_NOT_READ = Iam.TagBasedExecIdentities.notRead(
            "the account's roles were not read");

    public AccountSnapshot {
        services = List.copyOf(services);
        notes = List.copyOf(notes);
        Objects.requireNonNull(serviceControlPolicies, "serviceControlPolicies");
        Objects.requireNonNull(tagBasedExecIdentities, "tagBasedExecIdentities");
    }

    /** A snapshot without service control policies. */
    public AccountSnapshot(String accountId, String region, List<Ecs.Service> services,
                           Readings<String, Ecs.Cluster> clusters, Readings<String, List<Ecs.Task>> runningTasks,
                           Readings<String, Ecs.TaskDefinition> taskDefinitions,
                           Readings<String, Ecs.ContainerInstance> containerInstances, Readings<String, Iam.Role> roles,
                           NetworkSnapshot network, SessionResources sessionResources, List<String> notes,
                           boolean complete, Readings<String, List<String>> clusterCapacity) {
        this(accountId, region, services, clusters, runningTasks, taskDefinitions, containerInstances, roles, network,
                sessionResources, notes, complete, clusterCapacity, NOT_READ, ROLES_NOT_READ);
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
