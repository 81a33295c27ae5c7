package io.github.ecsexecreadiness.collect;

import io.github.ecsexecreadiness.check.CheckSupport;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;
import static java.util.stream.Collectors.toMap;
import static java.util.stream.Collectors.toSet;

import io.github.ecsexecreadiness.collect.NetworkSnapshot.VpcNetwork;
import io.github.ecsexecreadiness.iam.ResourceTagConditions;
import io.github.ecsexecreadiness.model.Arns;
import io.github.ecsexecreadiness.model.Dns;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Iam;
import io.github.ecsexecreadiness.model.Kms;
import io.github.ecsexecreadiness.model.Logs;
import io.github.ecsexecreadiness.model.Organizations;
import io.github.ecsexecreadiness.model.Organizations.ServiceControlPolicies;
import io.github.ecsexecreadiness.model.S3;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads one account and Region into an {@link AccountSnapshot} with as few API calls as the AWS batch limits
 * allow: one Describe* per batch, ListTasks per cluster (not per service), one read per distinct task
 * definition, role and managed policy, and each EC2 describe once over every VPC involved. The VPC DNS
 * attributes and the subnets of the agent's interface endpoints are read only where such an endpoint exists. Name
 * resolution costs one ListHostedZonesByVPC per VPC and, per collection, one listing of the Resolver's rule
 * associations (and of its rules, only when one of the VPCs has an association).
 *
 * <p>An AWS error on one call marks exactly the keys that call was for as unreadable and the collection goes
 * on; only failing to list or describe the clusters themselves is fatal, since nothing could be evaluated.
 * An instance may be reused (a warm Lambda): task definitions and AWS managed policies stay cached, and the
 * account's tag-based ECS Exec grants for {@link #TAG_BASED_EXEC_IDENTITIES_KEPT}.
 */
public final class SnapshotCollector {
    /** The account, up to five nested OUs, and the root. */
    private static final int MAX_ORGANIZATION_DEPTH = 6;
    /** Up to this many task roles, a sweep reads them one by one (~4 calls each) rather than the whole account. */
    static final int ROLES_READ_ONE_BY_ONE_MAX = 3;
    /** The services whose interface endpoints the exec agent may use. */
    private static final List<String> AGENT_SERVICES = List.of("ssmmessages", "kms", "logs", "s3");
    /** Tag-based ECS Exec grants change rarely: a warm Lambda keeps them a while rather than page every role again. */
    static final Duration TAG_BASED_EXEC_IDENTITIES_KEPT = Duration.ofMinutes(15);

    private final String region;
    private final EcsReader ecs;
    private final IamReader iam;
    private final Ec2Reader ec2;
    private final DnsReader dns;
    private final KmsReader kms;
    private final LogsReader logs;
    private final S3Reader s3;
    /** Null outside organisation mode. */
    private final ServiceControlPolicyReader serviceControlPolicies;
    /** Task definition revisions are immutable, so what was read once stays true. */
    private final Map<String, Ecs.TaskDefinition> taskDefinitionCache = new ConcurrentHashMap<>();
    /** AWS managed policies are the same in every account and rarely change; customer managed ones are re-read. */
    private final Map<String, String> awsManagedPolicyCache = new ConcurrentHashMap<>();
    /** The tag-based ECS Exec grants of each account. */
    private final KeptAnswers keptTagBasedExecIdentities;

    public SnapshotCollector(AccountReaders readers) {
        this(readers, System::nanoTime);
    }

    SnapshotCollector(AccountReaders readers, LongSupplier nanoTime) {
        this.keptTagBasedExecIdentities = new KeptAnswers(TAG_BASED_EXEC_IDENTITIES_KEPT, nanoTime);
        this.region = readers.region();
        this.ecs = readers.ecs();
        this.iam = readers.iam();
        this.ec2 = readers.ec2();
        this.dns = readers.dns();
        this.kms = readers.kms();
        this.logs = readers.logs();
        this.s3 = readers.s3();
        this.serviceControlPolicies = readers.serviceControlPolicies();
    }

    /** @throws AwsApiException when the clusters of the scope cannot be listed or described */
    public AccountSnapshot collect(Scope scope) {
        return new Run(scope).collect();
    }

    /** One collection: the scope, the notes and the account id found on the way. */
    private final class Run {
        private final Scope scope;
        private final List<String> notes = new ArrayList<>();
        /** Cleared when a cluster's services could not be listed or described: some service may be missing. */
        private boolean complete = true;
        private String accountId;
        /** Every role of the account, when the task roles were read that way. */
        private IamReader.AuthorizationDetails accountRoles;
        /** Why reading every role of the account for the task roles failed: not asked again in this collection. */
        private AwsApiException accountRolesRefused;

        Run(Scope scope) {
            this.scope = scope;
        }

        AccountSnapshot collect() {
            List<Ecs.Cluster> clusters = describeClusters(clusterReferences());
            List<Ecs.Service> services = new ArrayList<>();
            for (Ecs.Cluster cluster : clusters) {
                services.addAll(describeServices(cluster, listServices(cluster)));
            }
            var runningTasks = readRunningTasks(services);
            List<Ecs.Task> tasks = runningTasks.found().values().stream().flatMap(List::stream).toList();
            var taskDefinitions = readTaskDefinitions(services, tasks);
            var capacity = readClusterCapacity(services);
            var containerInstances = readContainerInstances(tasks, capacity);
            var instances = readInstances(tasks, taskDefinitions, containerInstances);
            var roles = readRoles(taskRoleReferences(taskDefinitions, tasks));
            var networkInterfaces = readNetworkInterfaces(tasks);
            Readings.Builder<String, Ec2.Subnet> subnetReadings = Readings.builder();
            var taskSubnets = readSubnets(subnetIds(services, tasks, networkInterfaces, instances), subnetReadings);
            var vpcs = readVpcs(vpcIds(taskSubnets, networkInterfaces, instances));
            var subnets = readSubnets(agentEndpointSubnetIds(vpcs, subnetReadings), subnetReadings);
            var nameResolution = readNameResolution(vpcs.found().keySet());
            var networkAcls = readNetworkAcls(vpcs.found().keySet());
            return new AccountSnapshot(accountId, region, services, readings(clusters, Ecs.Cluster::arn), runningTasks,
                    taskDefinitions, containerInstances, roles,
                    new NetworkSnapshot(networkInterfaces, instances, subnets, vpcs, nameResolution, networkAcls),
                    readSessionResources(clusters, services), notes, complete, capacity,
                    readServiceControlPolicies(), readTagBasedExecIdentities());
        }

        /**
         * The SCPs binding the account, in organisation mode: the account's path to the root (ListParents) and the
         * SCPs attached to each target on it, the root first. A refused or failed read leaves them UNREADABLE.
         */
        private ServiceControlPolicies readServiceControlPolicies() {
            if (serviceControlPolicies == null) {
                return ServiceControlPolicies.notRead("service control policies were not read (they are read in "
                        + "organisation mode, with MEMBER_ROLE_NAME set)");
            }
            if (accountId == null) {
                return ServiceControlPolicies.notRead("no cluster, so no account id to read service control "
                        + "policies for");
            }
            try {
                if (accountId.equals(serviceControlPolicies.managementAccountId())) {
                    return ServiceControlPolicies.managementAccount(accountId);
                }
                List<Organizations.Level> levels = new ArrayList<>();
                String target = accountId;
                // An organisation nests OUs at most five deep under its root.
                for (int depth = 0; target != null && depth <= MAX_ORGANIZATION_DEPTH; depth++) {
                    levels.addFirst(new Organizations.Level(target, serviceControlPolicies
                            .listServiceControlPoliciesForTarget(target).stream()
                            .map(p -> new Organizations.Policy(p.id(), p.name(),
                                    serviceControlPolicies.describePolicyContent(p.id())))
                            .toList()));
                    target = target.startsWith("r-") ? null
                            : serviceControlPolicies.listParents(target).stream().findFirst().orElse(null);
                }
                return ServiceControlPolicies.read(levels);
            } catch (AwsApiException e) {
                return ServiceControlPolicies.unreadable("service control policies could not be read: " + reason(e));
            }
        }

        /**
         * What the ECS Exec configurations of the clusters with services point at, each key, group and bucket
         * once: the KMS key, and the log group and bucket only where the agent requires their encryption (without
         * it a missing destination only loses the log, which the permissions check already reports).
         */
        private SessionResources readSessionResources(List<Ecs.Cluster> clusters, List<Ecs.Service> services) {
            Set<String> withServices = services.stream().map(Ecs.Service::clusterArn).collect(toSet());
            Readings.Builder<String, Kms.Key> keys = Readings.builder();
            Readings.Builder<String, Logs.LogGroup> groups = Readings.builder();
            Readings.Builder<String, S3.BucketEncryption> buckets = Readings.builder();
            for (Ecs.Cluster cluster : clusters) {
                Ecs.ExecuteCommandConfiguration config = cluster.executeCommandConfiguration();
                if (config == null || !withServices.contains(cluster.arn())) {
                    continue;
                }
                readOnce(config.kmsKeyId(), keys, kms::key);
                if ("OVERRIDE".equals(config.logging()) && config.cloudWatchEncryptionEnabled()) {
                    readOnce(config.cloudWatchLogGroupName(), groups, logs::logGroup);
                }
                if ("OVERRIDE".equals(config.logging()) && config.s3EncryptionEnabled()) {
                    readOnce(config.s3BucketName(), buckets, s3::bucketEncryption);
                }
            }
            return new SessionResources(keys.build(), groups.build(), buckets.build());
        }

        /** Reads a resource not read yet: found, missing, or unreadable with the operation and error. */
        private <T> void readOnce(String key, Readings.Builder<String, T> readings,
                                  Function<String, Optional<T>> read) {
            if (key == null || key.isBlank() || readings.knows(key)) {
                return;
            }
            call(List.of(key), readings, () -> read.apply(key)).ifPresent(answer -> answer.ifPresentOrElse(
                    value -> readings.found(key, value), () -> readings.missing(key)));
        }

        /** The scope's clusters, the cluster named in its service ARN, or every cluster of the Region. */
        private List<String> clusterReferences() {
            if (!scope.clusters().isEmpty()) {
                return scope.clusters();
            }
            if (scope.service() != null) {
                return List.of(clusterOfServiceArn(scope.service()));
            }
            return ecs.listClusters();
        }

        private List<Ecs.Cluster> describeClusters(List<String> references) {
            List<Ecs.Cluster> clusters = new ArrayList<>();
            for (List<String> chunk : chunks(references, EcsReader.DESCRIBE_CLUSTERS_MAX)) {
                Described<Ecs.Cluster> described = ecs.describeClusters(chunk);
                clusters.addAll(described.found());
                described.missing().forEach(cluster -> notes.add("cluster " + cluster + " not found"));
            }
            clusters.stream().findFirst().ifPresent(cluster -> accountId = accountOf(cluster.arn()));
            return clusters;
        }

        private List<String> listServices(Ecs.Cluster cluster) {
            if (scope.service() != null) {
                return List.of(scope.service());
            }
            try {
                return ecs.listServices(cluster.arn());
            } catch (AwsApiException e) {
                notes.add("services of cluster " + cluster.name() + " not listed: " + reason(e));
                complete = false;
                return List.of();
            }
        }

        private List<Ecs.Service> describeServices(Ecs.Cluster cluster, List<String> references) {
            List<Ecs.Service> services = new ArrayList<>();
            for (List<String> chunk : chunks(references, EcsReader.DESCRIBE_SERVICES_MAX)) {
                Described<Ecs.Service> described;
                try {
                    described = ecs.describeServices(cluster.arn(), chunk);
                } catch (AwsApiException e) {
                    notes.add("services " + String.join(", ", chunk) + " not described: " + reason(e));
                    complete = false;
                    continue;
                }
                described.missing().forEach(service -> notes.add(
                        "service " + service + " not found in cluster " + cluster.name() + " (deleted?), skipped"));
                for (Ecs.Service service : described.found()) {
                    if ("INACTIVE".equals(service.status())) {
                        notes.add("service " + service.arn() + " is INACTIVE (deleted), skipped");
                    } else {
                        services.add(service);
                    }
                }
            }
            return services;
        }

        /**
         * A sweep lists each cluster's tasks once and groups them by {@code service:<name>}; one service lists
         * only its own. Services with no task get an empty list. If a cluster's tasks cannot be read, no task
         * can be attributed, so every service of that cluster is unreadable.
         */
        private Readings<String, List<Ecs.Task>> readRunningTasks(List<Ecs.Service> services) {
            Readings.Builder<String, List<Ecs.Task>> running = Readings.builder();
            Map<String, List<Ecs.Service>> byCluster = services.stream()
                    .collect(groupingBy(Ecs.Service::clusterArn, LinkedHashMap::new, toList()));
            byCluster.forEach((cluster, inCluster) -> {
                String serviceName = scope.service() == null ? null : inCluster.get(0).name();
                call(inCluster.stream().map(Ecs.Service::arn).toList(), running,
                        () -> describeTasks(cluster, ecs.listTasks(cluster, serviceName)))
                        .ifPresent(tasks -> {
                            Map<String, List<Ecs.Task>> byGroup = tasks.stream().collect(groupingBy(Ecs.Task::group));
                            inCluster.forEach(service -> running.found(service.arn(),
                                    byGroup.getOrDefault("service:" + service.name(), List.of())));
                        });
            });
            return running.build();
        }

        /** Tasks gone between ListTasks and DescribeTasks have stopped: nothing to evaluate. */
        private List<Ecs.Task> describeTasks(String cluster, List<String> taskArns) {
            List<Ecs.Task> tasks = new ArrayList<>();
            for (List<String> chunk : chunks(taskArns, EcsReader.DESCRIBE_TASKS_MAX)) {
                tasks.addAll(ecs.describeTasks(cluster, chunk).found());
            }
            return tasks;
        }

        /** The services' and the running tasks' revisions, each read once per collector. */
        private Readings<String, Ecs.TaskDefinition> readTaskDefinitions(List<Ecs.Service> services,
                                                                        List<Ecs.Task> tasks) {
            Set<String> arns = new LinkedHashSet<>();
            services.forEach(service -> arns.add(service.taskDefinitionArn()));
            tasks.forEach(task -> arns.add(task.taskDefinitionArn()));
            Readings.Builder<String, Ecs.TaskDefinition> taskDefinitions = Readings.builder();
            for (String arn : arns) {
                Ecs.TaskDefinition cached = taskDefinitionCache.get(arn);
                if (cached != null) {
                    taskDefinitions.found(arn, cached);
                    continue;
                }
                call(List.of(arn), taskDefinitions, () -> Optional.ofNullable(ecs.describeTaskDefinition(arn)))
                        .ifPresent(answer -> answer.ifPresentOrElse(taskDefinition -> {
                            taskDefinitionCache.put(arn, taskDefinition);
                            taskDefinitions.found(arn, taskDefinition);
                        }, () -> taskDefinitions.missing(arn)));
            }
            return taskDefinitions.build();
        }

        /**
         * The ACTIVE container instances of each cluster with a service not (only) on Fargate: where the new tasks
         * of a redeployment may be placed, not only where the running ones are. Listed once per cluster.
         */
        private Readings<String, List<String>> readClusterCapacity(List<Ecs.Service> services) {
            Readings.Builder<String, List<String>> capacity = Readings.builder();
            services.stream().filter(service -> CheckSupport.launchType(service, null)
                            .filter(type -> type == CheckSupport.LaunchType.FARGATE).isEmpty())
                    .map(Ecs.Service::clusterArn).distinct().forEach(cluster ->
                            call(List.of(cluster), capacity, () -> ecs.listContainerInstances(cluster))
                                    .ifPresent(arns -> capacity.found(cluster, List.copyOf(arns))));
            return capacity.build();
        }

        /** EC2-hosted tasks name a container instance, and listed capacity adds more; per cluster, 100 at a time. */
        private Readings<String, Ecs.ContainerInstance> readContainerInstances(List<Ecs.Task> tasks,
                                                                              Readings<String, List<String>> capacity) {
            Map<String, Set<String>> byCluster = new LinkedHashMap<>();
            tasks.stream().filter(task -> task.containerInstanceArn() != null).forEach(task -> byCluster
                    .computeIfAbsent(task.clusterArn(), c -> new LinkedHashSet<>()).add(task.containerInstanceArn()));
            capacity.found().forEach((cluster, arns) -> byCluster.computeIfAbsent(cluster, c -> new LinkedHashSet<>())
                    .addAll(arns));
            Readings.Builder<String, Ecs.ContainerInstance> containerInstances = Readings.builder();
            byCluster.forEach((cluster, arns) -> {
                for (List<String> chunk : chunks(arns, EcsReader.DESCRIBE_CONTAINER_INSTANCES_MAX)) {
                    call(chunk, containerInstances, () -> ecs.describeContainerInstances(cluster, chunk))
                            .ifPresent(described -> recordAnswer(chunk, described.found(), Ecs.ContainerInstance::arn,
                                    containerInstances));
                }
            });
            return containerInstances.build();
        }

        /** Bridge and host mode tasks use their host's network: read the EC2 instances behind them. */
        private Readings<String, Ec2.Instance> readInstances(
                List<Ecs.Task> tasks, Readings<String, Ecs.TaskDefinition> taskDefinitions,
                Readings<String, Ecs.ContainerInstance> containerInstances) {
            Set<String> ids = new LinkedHashSet<>();
            for (Ecs.Task task : tasks) {
                if (task.containerInstanceArn() == null) {
                    continue;
                }
                Ecs.ContainerInstance host = containerInstances.found().get(task.containerInstanceArn());
                Ecs.TaskDefinition taskDefinition = taskDefinitions.found().get(task.taskDefinitionArn());
                String mode = taskDefinition == null ? null : taskDefinition.networkMode();
                boolean ownNetwork = "awsvpc".equals(mode) || "none".equals(mode);
                if (host != null && host.ec2InstanceId() != null && !ownNetwork) {
                    ids.add(host.ec2InstanceId());
                }
            }
            return readEc2(ids, ec2::describeInstances, Ec2.Instance::id);
        }

        /** The effective task role of every task and that of every task definition read. */
        private Set<String> taskRoleReferences(Readings<String, Ecs.TaskDefinition> taskDefinitions,
                                               List<Ecs.Task> tasks) {
            Set<String> roles = new LinkedHashSet<>();
            taskDefinitions.found().values().stream().map(Ecs.TaskDefinition::taskRoleArn)
                    .filter(arn -> arn != null).forEach(roles::add);
            tasks.stream().map(Ecs.Task::taskRoleArnOverride).filter(arn -> arn != null).forEach(roles::add);
            return roles;
        }

        /**
         * Each role once, keyed as the task definition or task names it; roles of other accounts cannot be read
         * with this account's credentials. Managed policies not in the IAM answers are read once each.
         */
        private Readings<String, Iam.Role> readRoles(Set<String> references) {
            Readings.Builder<String, Iam.Role> roles = Readings.builder();
            List<String> inAccount = new ArrayList<>();
            for (String reference : references) {
                String account = accountOf(reference);
                if (account != null && !account.equals(accountId)) {
                    roles.unreadable(reference, "role in account " + account + ", outside this account");
                } else {
                    inAccount.add(reference);
                }
            }
            Map<String, String> policyDocuments = new HashMap<>();
            Map<String, IamReader.RoleDetail> details = readRoleDetails(inAccount, roles, policyDocuments);
            Map<String, Grantee> grantees = new LinkedHashMap<>();
            details.forEach((reference, detail) -> grantees.put(reference, Grantee.of(detail)));
            withManagedPolicies(grantees, policyDocuments,
                    (reference, identity) -> roles.found(reference, toRole(details.get(reference), identity)),
                    roles::unreadable);
            return roles.build();
        }

        /**
         * What IAM says of each role, by reference; roles that do not exist are marked missing. A sweep with
         * several roles reads the whole account in one GetAccountAuthorizationDetails, whose customer managed
         * policy documents go to {@code policyDocuments}; otherwise each role is read by name.
         */
        private Map<String, IamReader.RoleDetail> readRoleDetails(List<String> references,
                                                                  Readings.Builder<String, Iam.Role> roles,
                                                                  Map<String, String> policyDocuments) {
            Map<String, Optional<IamReader.RoleDetail>> answers = new LinkedHashMap<>();
            if (scope.service() == null && references.size() > ROLES_READ_ONE_BY_ONE_MAX) {
                try {
                    accountRoles = iam.accountAuthorizationDetails();
                } catch (AwsApiException e) {
                    accountRolesRefused = e;
                    references.forEach(reference -> roles.unreadable(reference, reason(e)));
                    return Map.of();
                }
                policyDocuments.putAll(accountRoles.managedPolicyDocuments());
                Map<String, IamReader.RoleDetail> byName = accountRoles.roles().stream()
                        .collect(toMap(IamReader.RoleDetail::name, Function.identity(), (a, b) -> a));
                references.forEach(reference ->
                        answers.put(reference, Optional.ofNullable(byName.get(roleName(reference)))));
            } else {
                for (String reference : references) {
                    call(List.of(reference), roles, () -> iam.role(roleName(reference)))
                            .ifPresent(answer -> answers.put(reference, answer));
                }
            }
            Map<String, IamReader.RoleDetail> details = new LinkedHashMap<>();
            answers.forEach((reference, answer) -> answer.ifPresentOrElse(
                    detail -> details.put(reference, detail), () -> roles.missing(reference)));
            return details;
        }

        /**
         * The account's roles and users (a user with its groups' policies) whose identity policies condition
         * {@code ecs:ExecuteCommand} on resource tags. A sweep that read the account for its task roles uses that
         * answer; any other collection reads it (GetAccountAuthorizationDetails) unless a recent answer is kept. AWS
         * managed policies are not searched: none conditions ecs:ExecuteCommand on tags.
         */
        private Iam.TagBasedExecIdentities readTagBasedExecIdentities() {
            if (accountId == null) {
                return Iam.TagBasedExecIdentities.notRead("no cluster, so no account to read the identities of");
            }
            if (accountRoles != null) {
                return keptTagBasedExecIdentities.put(accountId, tagBasedExecIdentitiesIn(accountRoles));
            }
            try {
                return keptTagBasedExecIdentities.get(accountId, () -> {
                    if (accountRolesRefused != null) {
                        throw accountRolesRefused;
                    }
                    return tagBasedExecIdentitiesIn(iam.accountAuthorizationDetails());
                });
            } catch (AwsApiException e) {
                return Iam.TagBasedExecIdentities.notRead("the account's roles and users could not be read: "
                        + reason(e));
            }
        }

        private Iam.TagBasedExecIdentities tagBasedExecIdentitiesIn(IamReader.AuthorizationDetails all) {
            Map<String, String> documents = new HashMap<>(all.managedPolicyDocuments());
            Map<String, Grantee> granting = new LinkedHashMap<>();
            Grantee.all(all).stream().filter(grantee -> grantee.conditionsExecOnTags(documents))
                    .forEach(grantee -> granting.put(grantee.arn(), grantee));
            List<Iam.Identity> identities = new ArrayList<>();
            withManagedPolicies(granting, documents, (arn, identity) -> identities.add(identity),
                    (arn, why) -> notes.add(arn + " left out of the tag-based ECS Exec grants: " + why));
            return Iam.TagBasedExecIdentities.read(identities);
        }

        /**
         * Reads the managed policies (and boundaries) of the grantees that {@code documents} lacks, each once, into
         * it; then hands each grantee on as the identity it is ({@code read}), or, when one of its policies could not
         * be read, says which and why ({@code unreadable}).
         */
        private <K> void withManagedPolicies(Map<K, Grantee> grantees, Map<String, String> documents,
                                             BiConsumer<K, Iam.Identity> read, BiConsumer<K, String> unreadable) {
            Map<String, String> unreadablePolicies = readManagedPolicies(grantees.values().stream()
                    .flatMap(grantee -> grantee.managedPolicyArns().stream()).toList(), documents);
            grantees.forEach((key, grantee) -> grantee.managedPolicyArns().stream()
                    .filter(unreadablePolicies::containsKey).findFirst().ifPresentOrElse(policy ->
                            unreadable.accept(key, "policy " + policy + ": " + unreadablePolicies.get(policy)),
                            () -> read.accept(key, grantee.identity(documents))));
        }

        /**
         * Adds to {@code documents} each of these managed policies (and boundaries) that is not there yet; returns
         * the policies that could not be read, with the reason.
         */
        private Map<String, String> readManagedPolicies(Collection<String> policyArns, Map<String, String> documents) {
            Map<String, String> unreadable = new HashMap<>();
            policyArns.stream().distinct()
                    .filter(arn -> !documents.containsKey(arn)).forEach(arn -> {
                        try {
                            documents.put(arn, isAwsManaged(arn)
                                    ? awsManagedPolicyCache.computeIfAbsent(arn, iam::managedPolicyDocument)
                                    : iam.managedPolicyDocument(arn));
                        } catch (AwsApiException e) {
                            unreadable.put(arn, reason(e));
                        }
                    });
            return unreadable;
        }

        private Readings<String, Ec2.NetworkInterface> readNetworkInterfaces(List<Ecs.Task> tasks) {
            Set<String> ids = new LinkedHashSet<>();
            tasks.stream().filter(task -> task.networkInterface() != null)
                    .forEach(task -> ids.add(task.networkInterface().networkInterfaceId()));
            return readEc2(ids, ec2::describeNetworkInterfaces, Ec2.NetworkInterface::id);
        }

        /** Adds these subnets to what {@code subnets} knows; returns all it knows. */
        private Readings<String, Ec2.Subnet> readSubnets(Set<String> ids,
                                                         Readings.Builder<String, Ec2.Subnet> subnets) {
            return readEc2(ids, ec2::describeSubnets, Ec2.Subnet::id, subnets);
        }

        /** Subnets of the endpoints the agent will use, not read yet: their zones matter to the network path. */
        private Set<String> agentEndpointSubnetIds(Readings<String, VpcNetwork> vpcs,
                                                         Readings.Builder<String, Ec2.Subnet> subnets) {
            Set<String> ids = new LinkedHashSet<>();
            vpcs.found().values().stream().flatMap(this::agentEndpoints)
                    .flatMap(endpoint -> endpoint.subnetIds().stream())
                    .filter(id -> !subnets.knows(id)).forEach(ids::add);
            return ids;
        }

        /**
         * Every VPC involved, each EC2 describe called once over all of them (per chunk). The DNS attributes
         * are read only where an ssmmessages interface endpoint with private DNS makes them matter.
         */
        private Readings<String, VpcNetwork> readVpcs(Set<String> ids) {
            Readings.Builder<String, VpcNetwork> vpcs = Readings.builder();
            for (List<String> chunk : chunks(ids, Ec2Reader.MAX_FILTER_VALUES)) {
                call(chunk, vpcs, () -> describeVpcs(chunk)).ifPresent(networks -> chunk.forEach(id -> {
                    VpcNetwork network = networks.get(id);
                    if (network == null) {
                        vpcs.missing(id);
                    } else if (agentEndpoints(network).findAny().isPresent()) {
                        call(List.of(id), vpcs, () -> withDnsAttributes(network))
                                .ifPresent(withDns -> vpcs.found(id, withDns));
                    } else {
                        vpcs.found(id, network);
                    }
                }));
            }
            return vpcs.build();
        }

        private Map<String, VpcNetwork> describeVpcs(List<String> ids) {
            List<Ec2.Vpc> vpcs = ec2.describeVpcs(ids);
            var routeTables = byVpc(ec2.describeRouteTables(ids), Ec2.RouteTable::vpcId);
            var natGateways = byVpc(ec2.describeNatGateways(ids), Ec2.NatGateway::vpcId);
            var internetGateways = byVpc(ec2.describeInternetGateways(ids), Ec2.InternetGateway::vpcId);
            var endpoints = byVpc(ec2.describeVpcEndpoints(ids), Ec2.VpcEndpoint::vpcId);
            var securityGroups = byVpc(ec2.describeSecurityGroups(ids), Ec2.SecurityGroup::vpcId);
            Map<String, VpcNetwork> networks = new HashMap<>();
            for (Ec2.Vpc vpc : vpcs) {
                String id = vpc.id();
                networks.put(id, new VpcNetwork(vpc, routeTables.getOrDefault(id, List.of()),
                        natGateways.getOrDefault(id, List.of()), internetGateways.getOrDefault(id, List.of()),
                        endpoints.getOrDefault(id, List.of()), securityGroups.getOrDefault(id, List.of()).stream()
                                .collect(toMap(Ec2.SecurityGroup::id, Function.identity()))));
            }
            return networks;
        }

        /**
         * Available interface endpoints with private DNS of the services the exec agent may need (ssmmessages;
         * kms, logs and S3 with the cluster's key and log encryption): every client of the VPC resolves the
         * service to them, private DNS works only with both VPC DNS attributes on, and their subnets hold the
         * addresses tasks must reach.
         */
        private Stream<Ec2.VpcEndpoint> agentEndpoints(VpcNetwork network) {
            List<String> services = AGENT_SERVICES.stream().map(service -> "com.amazonaws." + region + "." + service)
                    .toList();
            return network.endpoints().stream().filter(endpoint -> services.contains(endpoint.serviceName())
                    && "Interface".equals(endpoint.vpcEndpointType()) && "available".equals(endpoint.state())
                    && endpoint.privateDnsEnabled());
        }

        /**
         * What resolves names in each VPC besides the public DNS. If the Resolver's rules cannot be read, no VPC's
         * resolution is known; a VPC whose hosted zones cannot be read is unreadable alone.
         */
        private Readings<String, Dns.VpcResolution> readNameResolution(Set<String> vpcIds) {
            Readings.Builder<String, Dns.VpcResolution> resolutions = Readings.builder();
            if (vpcIds.isEmpty()) {
                return resolutions.build();
            }
            call(vpcIds, resolutions, () -> resolverRulesByVpc(vpcIds)).ifPresent(rules -> vpcIds.forEach(vpcId ->
                    call(List.of(vpcId), resolutions, () -> dns.listHostedZonesByVpc(vpcId, region))
                            .ifPresent(zones -> resolutions.found(vpcId,
                                    new Dns.VpcResolution(zones, rules.getOrDefault(vpcId, List.of()))))));
            return resolutions.build();
        }

        /** The Resolver rules associated with each of these VPCs; one it cannot list has only its id. */
        private Map<String, List<Dns.ResolverRule>> resolverRulesByVpc(Set<String> vpcIds) {
            List<DnsReader.RuleAssociation> associations = dns.listResolverRuleAssociations().stream()
                    .filter(association -> vpcIds.contains(association.vpcId())).toList();
            if (associations.isEmpty()) {
                return Map.of();
            }
            Map<String, Dns.ResolverRule> rules = dns.listResolverRules().stream()
                    .collect(toMap(Dns.ResolverRule::id, Function.identity(), (a, b) -> a));
            return associations.stream().collect(groupingBy(DnsReader.RuleAssociation::vpcId,
                    mapping(association -> rules.getOrDefault(association.resolverRuleId(),
                            new Dns.ResolverRule(association.resolverRuleId(), null, null)), toList())));
        }

        /**
         * The network ACLs of every VPC, one DescribeNetworkAcls per chunk of VPCs: an ACL without a subnet
         * association still matters as the VPC's default.
         */
        private Readings<String, List<Ec2.NetworkAcl>> readNetworkAcls(Set<String> vpcIds) {
            Readings.Builder<String, List<Ec2.NetworkAcl>> acls = Readings.builder();
            for (List<String> chunk : chunks(vpcIds, Ec2Reader.MAX_FILTER_VALUES)) {
                call(chunk, acls, () -> byVpc(ec2.describeNetworkAcls(chunk), Ec2.NetworkAcl::vpcId))
                        .ifPresent(byVpc -> chunk.forEach(vpcId -> acls.found(vpcId,
                                byVpc.getOrDefault(vpcId, List.of()))));
            }
            return acls.build();
        }

        private VpcNetwork withDnsAttributes(VpcNetwork network) {
            Ec2.Vpc vpc = network.vpc();
            Ec2.Vpc withDns = new Ec2.Vpc(vpc.id(), vpc.ownerId(), vpc.cidrBlock(),
                    ec2.describeVpcAttribute(vpc.id(), "enableDnsSupport"),
                    ec2.describeVpcAttribute(vpc.id(), "enableDnsHostnames"));
            return new VpcNetwork(withDns, network.routeTables(), network.natGateways(), network.internetGateways(),
                    network.endpoints(), network.securityGroups());
        }

        private <T> Readings<String, T> readEc2(Set<String> ids, Function<List<String>, List<T>> describe,
                                                Function<T, String> id) {
            return readEc2(ids, describe, id, Readings.builder());
        }

        /** EC2 describes by id: chunked; ids left out of the answer do not exist. */
        private <T> Readings<String, T> readEc2(Set<String> ids, Function<List<String>, List<T>> describe,
                                                Function<T, String> id, Readings.Builder<String, T> readings) {
            for (List<String> chunk : chunks(ids, Ec2Reader.MAX_FILTER_VALUES)) {
                call(chunk, readings, () -> describe.apply(chunk))
                        .ifPresent(found -> recordAnswer(chunk, found, id, readings));
            }
            return readings.build();
        }
    }

    /**
     * Runs one AWS call (or a short sequence serving the same keys). On an AWS error every key it was for
     * becomes unreadable with "<operation>: <code>", and the answer is empty.
     */
    private static <K, T> Optional<T> call(Collection<K> keys, Readings.Builder<K, ?> readings, Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (AwsApiException e) {
            keys.forEach(key -> readings.unreadable(key, reason(e)));
            return Optional.empty();
        }
    }

    /** Marks what was asked for: found when in the answer, else missing. */
    private static <T> void recordAnswer(Collection<String> asked, List<T> answer, Function<T, String> key,
                                   Readings.Builder<String, T> readings) {
        answer.forEach(value -> readings.found(key.apply(value), value));
        asked.stream().filter(k -> !readings.knows(k)).forEach(readings::missing);
    }

    static <T> List<List<T>> chunks(Collection<T> items, int size) {
        List<T> all = List.copyOf(items);
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            chunks.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return chunks;
    }

    private static <T> Map<String, List<T>> byVpc(List<T> items, Function<T, String> vpcId) {
        return items.stream().filter(item -> vpcId.apply(item) != null).collect(groupingBy(vpcId));
    }

    private static <T> Readings<String, T> readings(List<T> values, Function<T, String> key) {
        Readings.Builder<String, T> readings = Readings.builder();
        values.forEach(value -> readings.found(key.apply(value), value));
        return readings.build();
    }

    private static Set<String> subnetIds(List<Ecs.Service> services, List<Ecs.Task> tasks,
                                         Readings<String, Ec2.NetworkInterface> networkInterfaces,
                                         Readings<String, Ec2.Instance> instances) {
        Set<String> ids = new LinkedHashSet<>();
        services.stream().filter(service -> service.awsvpcConfiguration() != null)
                .forEach(service -> ids.addAll(service.awsvpcConfiguration().subnets()));
        tasks.stream().filter(task -> task.networkInterface() != null)
                .forEach(task -> ids.add(task.networkInterface().subnetId()));
        networkInterfaces.found().values().forEach(eni -> ids.add(eni.subnetId()));
        instances.found().values().forEach(instance -> ids.add(instance.subnetId()));
        ids.remove(null);
        return ids;
    }

    private static Set<String> vpcIds(Readings<String, Ec2.Subnet> subnets,
                                      Readings<String, Ec2.NetworkInterface> networkInterfaces,
                                      Readings<String, Ec2.Instance> instances) {
        Set<String> ids = new LinkedHashSet<>();
        subnets.found().values().forEach(subnet -> ids.add(subnet.vpcId()));
        networkInterfaces.found().values().forEach(eni -> ids.add(eni.vpcId()));
        instances.found().values().forEach(instance -> ids.add(instance.vpcId()));
        ids.remove(null);
        return ids;
    }

    /**
     * A role or user with the policies IAM gives it: its inline policies by source (a user's include its groups'),
     * the managed policies attached to it (or to its groups) and its boundary. Task roles are read as grantees too,
     * as are the holders of tag-based ECS Exec grants.
     */
    private record Grantee(String arn, Map<String, String> inlinePolicies, List<String> attachedPolicyArns,
                           String permissionsBoundaryArn) {
        static List<Grantee> all(IamReader.AuthorizationDetails details) {
            List<Grantee> all = new ArrayList<>();
            details.roles().forEach(role -> all.add(of(role)));
            Map<String, IamReader.GroupDetail> groups = details.groups().stream()
                    .collect(toMap(IamReader.GroupDetail::name, Function.identity(), (a, b) -> a));
            for (IamReader.UserDetail user : details.users()) {
                Map<String, String> inline = new LinkedHashMap<>(inline(user.inlinePolicies(), ""));
                List<String> attached = new ArrayList<>(user.attachedPolicyArns());
                user.groupNames().stream().map(groups::get).filter(Objects::nonNull).forEach(group -> {
                    inline.putAll(inline(group.inlinePolicies(), " of group " + group.name()));
                    group.attachedPolicyArns().stream().filter(arn -> !attached.contains(arn)).forEach(attached::add);
                });
                all.add(new Grantee(user.arn(), inline, attached, user.permissionsBoundaryArn()));
            }
            return all;
        }

        static Grantee of(IamReader.RoleDetail role) {
            return new Grantee(role.arn(), inline(role.inlinePolicies(), ""), role.attachedPolicyArns(),
                    role.permissionsBoundaryArn());
        }

        private static Map<String, String> inline(Map<String, String> byName, String owner) {
            Map<String, String> bySource = new LinkedHashMap<>();
            new TreeMap<>(byName).forEach((name, document) -> bySource.put("inline policy " + name + owner, document));
            return bySource;
        }

        List<String> managedPolicyArns() {
            List<String> arns = new ArrayList<>(attachedPolicyArns);
            if (permissionsBoundaryArn != null) {
                arns.add(permissionsBoundaryArn);
            }
            return arns;
        }

        /** An inline or customer managed policy conditions ecs:ExecuteCommand on a resource tag. */
        boolean conditionsExecOnTags(Map<String, String> documents) {
            return Stream.concat(inlinePolicies.values().stream(), attachedPolicyArns.stream().map(documents::get))
                    .anyMatch(document -> !ResourceTagConditions.keys(document, ResourceTagConditions.EXECUTE_COMMAND)
                            .isEmpty());
        }

        Iam.Identity identity(Map<String, String> documents) {
            List<Iam.Policy> policies = new ArrayList<>();
            inlinePolicies.forEach((source, document) -> policies.add(new Iam.Policy(source, document)));
            attachedPolicyArns.forEach(arn -> policies.add(new Iam.Policy(arn, documents.get(arn))));
            return new Iam.Identity(arn, policies, permissionsBoundaryArn == null ? null
                    : new Iam.Policy(permissionsBoundaryArn, documents.get(permissionsBoundaryArn)));
        }
    }

    private static Iam.Role toRole(IamReader.RoleDetail detail, Iam.Identity identity) {
        return new Iam.Role(detail.arn(), detail.name(), identity.identityPolicies(), identity.permissionsBoundary(),
                detail.tags(), detail.assumeRolePolicyDocument());
    }

    private static boolean isAwsManaged(String policyArn) {
        return "aws".equals(accountOf(policyArn));
    }

    /** Field 4 of an ARN (arn:partition:service:region:account:resource); null for a plain name. */
    private static String accountOf(String arn) {
        return Arns.account(arn).orElse(null);
    }

    /** Role names are unique in an account whatever the path: the last segment of the ARN (or the name itself). */
    static String roleName(String roleReference) {
        return roleReference.substring(roleReference.lastIndexOf('/') + 1);
    }

    /** New-format service ARNs (service/cluster/name) name their cluster; old-format ones do not. */
    private static String clusterOfServiceArn(String serviceArn) {
        return Arns.clusterOfService(serviceArn).orElseThrow(() -> new IllegalArgumentException(
                "service ARN " + serviceArn + " does not name its cluster; pass --cluster"));
    }

    private static String reason(AwsApiException e) {
        return e.operation() + ": " + e.errorCode();
    }
}
