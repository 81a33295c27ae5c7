package io.github.ecsexecreadiness.check;

import io.github.ecsexecreadiness.collect.AccountSnapshot;
import io.github.ecsexecreadiness.collect.NetworkSnapshot;
import io.github.ecsexecreadiness.collect.Unreadable;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Iam;
import io.github.ecsexecreadiness.model.Kms;
import io.github.ecsexecreadiness.model.Logs;
import io.github.ecsexecreadiness.model.Organizations;
import io.github.ecsexecreadiness.model.S3;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One service seen through the snapshot: what a check may ask. Methods throw {@link Unreadable} where the
 * data could not be read.
 */
public final class ServiceFacts {
    private final Ecs.Service service;
    private final AccountSnapshot snapshot;
    /** What {@link #derived} computed from the snapshot, shared by the facts of all its services. */
    private final Map<Object, Object> derived;

    public ServiceFacts(Ecs.Service service, AccountSnapshot snapshot) {
        this(service, snapshot, new ConcurrentHashMap<>());
    }

    private ServiceFacts(Ecs.Service service, AccountSnapshot snapshot, Map<Object, Object> derived) {
        this.service = service;
        this.snapshot = snapshot;
        this.derived = derived;
    }

    /** The facts of every service of the snapshot, sharing what is {@link #derived} from it. */
    public static List<ServiceFacts> of(AccountSnapshot snapshot) {
        Map<Object, Object> derived = new ConcurrentHashMap<>();
        return snapshot.services().stream().map(service -> new ServiceFacts(service, snapshot, derived)).toList();
    }

    /**
     * A value that depends on the snapshot alone, computed once for every service that asks: a question about a
     * whole VPC (which of its services pass today) would otherwise be answered again for each failing service in
     * it, quadratic in the services of a VPC. {@code key} must name the question and everything it depends on.
     */
    @SuppressWarnings("unchecked")
    public <V> V derived(Object key, Supplier<V> compute) {
        Object value = derived.get(key);
        if (value == null) {
            value = compute.get();
            derived.putIfAbsent(key, value);
        }
        return (V) value;
    }

    public Ecs.Service service() {
        return service;
    }

    public String accountId() {
        return snapshot.accountId();
    }

    public String region() {
        return snapshot.region();
    }

    public Ecs.Cluster cluster() {
        return snapshot.clusters().find(service.clusterArn())
                .orElseThrow(() -> new Unreadable("cluster " + service.clusterArn() + " not found"));
    }

    /** The service's tasks whose lastStatus is RUNNING. */
    public List<Ecs.Task> runningTasks() {
        return snapshot.runningTasks().find(service.arn()).orElse(List.of()).stream()
                .filter(task -> "RUNNING".equals(task.lastStatus()))
                .toList();
    }

    /** The task definition the service deploys now: what every new task will run. */
    public Ecs.TaskDefinition taskDefinition() {
        return taskDefinition(service.taskDefinitionArn());
    }

    public Ecs.TaskDefinition taskDefinition(String arn) {
        return snapshot.taskDefinitions().find(arn)
                .orElseThrow(() -> new Unreadable("task definition " + arn + " not found"));
    }

    /** The service's task definition, then those of running tasks still on another revision. */
    public List<Ecs.TaskDefinition> taskDefinitionsInUse() {
        Map<String, Ecs.TaskDefinition> inUse = new LinkedHashMap<>();
        inUse.put(service.taskDefinitionArn(), taskDefinition());
        for (Ecs.Task task : runningTasks()) {
            inUse.computeIfAbsent(task.taskDefinitionArn(), this::taskDefinition);
        }
        return new ArrayList<>(inUse.values());
    }

    /**
     * The task role a task runs with: its override, else its task definition's. For the service as a whole
     * (no task given), the role of the service's task definition.
     */
    public Optional<String> taskRoleArn(Ecs.Task task) {
        if (task.taskRoleArnOverride() != null) {
            return Optional.of(task.taskRoleArnOverride());
        }
        return Optional.ofNullable(taskDefinition(task.taskDefinitionArn()).taskRoleArn());
    }

    /**
     * Every distinct task role in play: those of the running tasks, and that of the service's task
     * definition (what new tasks get). Empty entries mean "no task role".
     */
    public List<Optional<String>> taskRoleArns() {
        List<Optional<String>> roles = new ArrayList<>();
        roles.add(Optional.ofNullable(taskDefinition().taskRoleArn()));
        for (Ecs.Task task : runningTasks()) {
            Optional<String> role = taskRoleArn(task);
            if (!roles.contains(role)) {
                roles.add(role);
            }
        }
        return roles;
    }

    /**
     * The other services of the snapshot whose tasks run (or will run) with this role: what changing the role
     * changes too. Only the snapshot's services are seen (a one-service run sees none; IAM roles are global, so
     * services of other Regions are never seen).
     *
     * @throws Unreadable when the task definition of a service could not be read: it might use the role
     */
    public List<ServiceFacts> otherServicesUsingRole(String roleArn) {
        return otherServices().stream().filter(facts -> facts.taskRoleArns().stream().flatMap(Optional::stream)
                .anyMatch(arn -> sameRole(arn, roleArn))).toList();
    }

    /** The snapshot's other services, each seen through the same snapshot. */
    public List<ServiceFacts> otherServices() {
        return snapshot.services().stream().filter(other -> !other.arn().equals(service.arn()))
                .map(other -> new ServiceFacts(other, snapshot, derived)).toList();
    }

    /** Whether the snapshot holds every service of the Region (not one service or some clusters). */
    public boolean wholeRegion() {
        return snapshot.complete();
    }

    /** A task definition may name its role by ARN or by name (RegisterTaskDefinition accepts both). */
    private static boolean sameRole(String one, String other) {
        return one.equals(other) || name(one).equals(name(other)) && !(one.startsWith("arn:") && other.startsWith("arn:"));
    }

    private static String name(String role) {
        return role.substring(role.lastIndexOf('/') + 1);
    }

    /** The role; empty when it does not exist. */
    public Optional<Iam.Role> role(String roleArn) {
        return snapshot.roles().find(roleArn);
    }

    /**
     * The ACTIVE container instances new tasks of the service may be placed on: every one of its cluster, or with
     * a capacity provider strategy those of its providers other than Fargate's. An instance deregistered since it
     * was listed is left out.
     *
     * @throws Unreadable when the cluster's instances, or one of them, could not be read
     */
    public List<Ecs.ContainerInstance> capacity() {
        List<String> providers = service.capacityProviders().stream()
                .filter(provider -> !CheckSupport.FARGATE_PROVIDERS.contains(provider)).toList();
        List<Ecs.ContainerInstance> capacity = new ArrayList<>();
        for (String arn : snapshot.clusterCapacity().find(service.clusterArn()).orElse(List.of())) {
            snapshot.containerInstances().find(arn)
                    .filter(instance -> "ACTIVE".equals(instance.status()))
                    .filter(instance -> service.launchType() != null || providers.isEmpty()
                            || providers.contains(instance.capacityProviderName()))
                    .ifPresent(capacity::add);
        }
        return capacity;
    }

    /** The KMS key a cluster names for ECS Exec (by that id); empty when it does not exist. */
    public Optional<Kms.Key> kmsKey(String keyId) {
        return snapshot.sessionResources().keys().find(keyId);
    }

    /** A CloudWatch log group of this Region by name; empty when it does not exist. */
    public Optional<Logs.LogGroup> logGroup(String name) {
        return snapshot.sessionResources().logGroups().find(name);
    }

    /** A bucket's default encryption; empty when the bucket does not exist. */
    public Optional<S3.BucketEncryption> bucketEncryption(String bucket) {
        return snapshot.sessionResources().bucketEncryption().find(bucket);
    }

    public Optional<Ecs.ContainerInstance> containerInstance(String arn) {
        return snapshot.containerInstances().find(arn);
    }

    public NetworkSnapshot network() {
        return snapshot.network();
    }

    /** The same service seen through another network: what a planned network change would make of it. */
    public ServiceFacts withNetwork(NetworkSnapshot network) {
        AccountSnapshot s = snapshot;
        return new ServiceFacts(service, new AccountSnapshot(s.accountId(), s.region(), s.services(), s.clusters(),
                s.runningTasks(), s.taskDefinitions(), s.containerInstances(), s.roles(), network,
                s.sessionResources(), s.notes(), s.complete(), s.clusterCapacity(), s.serviceControlPolicies(),
                s.tagBasedExecIdentities()));
    }

    /** The service control policies binding the account, or why they are not known. */
    public Organizations.ServiceControlPolicies serviceControlPolicies() {
        return snapshot.serviceControlPolicies();
    }

    /** The account's roles granting ECS Exec on tagged resources, or why they are not known. */
    public Iam.TagBasedExecIdentities tagBasedExecIdentities() {
        return snapshot.tagBasedExecIdentities();
    }
}
