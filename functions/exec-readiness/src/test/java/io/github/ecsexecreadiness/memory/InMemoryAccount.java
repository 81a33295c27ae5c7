package io.github.ecsexecreadiness.memory;

import io.github.ecsexecreadiness.Ec2NetworkInterfaceBuilder;
import io.github.ecsexecreadiness.EcsServiceBuilder;
import io.github.ecsexecreadiness.EcsTaskBuilder;
import io.github.ecsexecreadiness.EcsTaskDefinitionBuilder;
import io.github.ecsexecreadiness.IamRoleBuilder;
import io.github.ecsexecreadiness.apply.AccountWriters;
import io.github.ecsexecreadiness.apply.Applier;
import io.github.ecsexecreadiness.apply.Ec2Writer;
import io.github.ecsexecreadiness.apply.EcsWriter;
import io.github.ecsexecreadiness.apply.IamWriter;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.collect.ApiCalls;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.collect.Described;
import io.github.ecsexecreadiness.collect.DnsReader;
import io.github.ecsexecreadiness.collect.Ec2Reader;
import io.github.ecsexecreadiness.collect.EcsReader;
import io.github.ecsexecreadiness.collect.IamReader;
import io.github.ecsexecreadiness.collect.KmsReader;
import io.github.ecsexecreadiness.collect.LogsReader;
import io.github.ecsexecreadiness.collect.S3Reader;
import io.github.ecsexecreadiness.collect.ServiceControlPolicyReader;
import io.github.ecsexecreadiness.collect.NetworkSnapshot.VpcNetwork;
import io.github.ecsexecreadiness.model.Dns;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Iam;
import io.github.ecsexecreadiness.model.Kms;
import io.github.ecsexecreadiness.model.Logs;
import io.github.ecsexecreadiness.model.S3;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One AWS account and Region in memory, answering the read interfaces the way AWS does: Describe* report
 * unknown ARNs as missing, batch limits are enforced (InvalidParameterException, FilterLimitExceeded), list
 * operations are paged and every request, each page included, is counted in {@link #apiCalls()} as
 * {@code Service.Operation}. Faults make an operation (optionally only for one key: cluster ARN, service,
 * role name, policy ARN, resource id...) fail with an AWS error code. Mutators change the state so that a
 * later collection sees what a fix did; so do the writer operations the remediator calls, which are counted
 * and can be failed the same way. It is seeded with the model records ({@code put*}), or with a whole
 * {@link Scenario} ({@link #put(Scenario)}, {@link #putReadyFargateService}): the description of an account in
 * memory, which emulated accounts cannot carry; or with the steps an emulated account is seeded with
 * ({@link InMemorySeeder}, the {@code seed/AccountSeeder} vocabulary).
 */
public final class InMemoryAccount implements EcsReader, IamReader, Ec2Reader, DnsReader, KmsReader, LogsReader,
        S3Reader, IamWriter, Ec2Writer, EcsWriter, ServiceControlPolicyReader {
    /** Page size of ECS list operations and GetAccountAuthorizationDetails (their maximum / IAM's default). */
    public static final int PAGE_SIZE = 100;
    /** EC2 describes return up to 1000 items per page. */
    public static final int EC2_PAGE_SIZE = 1000;
    /** Route 53 and Resolver list operations: 100 items per page (their default and maximum). */
    public static final int DNS_PAGE_SIZE = 100;

    private final String accountId;
    private final String region;
    private final ApiCalls calls = new ApiCalls();
    private final List<Fault> faults = new ArrayList<>();
    private final Map<String, List<Runnable>> afterCall = new HashMap<>();
    private int nextId;

    private final Map<String, Ecs.Cluster> clusters = new LinkedHashMap<>();
    private final Map<String, Ecs.Service> services = new LinkedHashMap<>();
    private final Map<String, Ecs.Task> tasks = new LinkedHashMap<>();
    private final Map<String, Ecs.TaskDefinition> taskDefinitions = new LinkedHashMap<>();
    private final Map<String, Ecs.ContainerInstance> containerInstances = new LinkedHashMap<>();
    private final Map<String, String> containerInstanceCluster = new HashMap<>();
    private final Map<String, IamReader.RoleDetail> roles = new LinkedHashMap<>();
    private final Map<String, IamReader.UserDetail> users = new LinkedHashMap<>();
    private final Map<String, IamReader.GroupDetail> groups = new LinkedHashMap<>();
    private final Map<String, String> policies = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> policyTags = new HashMap<>();
    private final Map<String, Ec2.NetworkInterface> networkInterfaces = new LinkedHashMap<>();
    private final Map<String, Ec2.Instance> instances = new LinkedHashMap<>();
    private final Map<String, Ec2.Subnet> subnets = new LinkedHashMap<>();
    private final Map<String, Ec2.Vpc> vpcs = new LinkedHashMap<>();
    private final Map<String, Ec2.RouteTable> routeTables = new LinkedHashMap<>();
    private final Map<String, Ec2.NatGateway> natGateways = new LinkedHashMap<>();
    private final Map<String, Ec2.InternetGateway> internetGateways = new LinkedHashMap<>();
    private final Map<String, Ec2.VpcEndpoint> vpcEndpoints = new LinkedHashMap<>();
    private final Map<String, Ec2.SecurityGroup> securityGroups = new LinkedHashMap<>();
    private final Map<String, Ec2.NetworkAcl> networkAcls = new LinkedHashMap<>();
    /** Security group ids by "vpcId/groupName": EC2 keeps names unique per VPC. */
    private final Map<String, String> securityGroupNames = new HashMap<>();
    /** CreateVpcEndpoint client tokens: the request they came with and the endpoint it created. */
    private final Map<String, Map.Entry<List<Object>, String>> endpointTokens = new HashMap<>();
    private final Map<String, Map<String, String>> resourceTags = new HashMap<>();
    /** Private hosted zones by the VPC they are associated with. */
    private final Map<String, List<Dns.PrivateHostedZone>> hostedZones = new LinkedHashMap<>();
    private final Map<String, Dns.ResolverRule> resolverRules = new LinkedHashMap<>();
    private final List<DnsReader.RuleAssociation> ruleAssociations = new ArrayList<>();
    /** KMS keys by every id that names them: key id, key ARN, alias name and alias ARN. */
    private final Map<String, Kms.Key> kmsKeys = new HashMap<>();
    private final Map<String, Logs.LogGroup> logGroups = new LinkedHashMap<>();
    private final Map<String, S3.BucketEncryption> buckets = new LinkedHashMap<>();
    /** The organisation seen from its management account: null outside organisation mode. */
    private String managementAccountId;
    /** Parent (OU or root) of each account and OU; SCPs attached to each target; SCP content by policy id. */
    private final Map<String, String> parents = new HashMap<>();
    private final Map<String, List<PolicySummary>> targetPolicies = new HashMap<>();
    private final Map<String, String> policyContents = new HashMap<>();

    private record Fault(String operation, String key, String errorCode) {
        boolean matches(String op, Collection<String> keys) {
            return operation.equals(op) && (key == null || keys.contains(key));
        }
    }

    /** The account and Region of {@link Scenario}. */
    public InMemoryAccount() {
        this(Scenario.ACCOUNT, Scenario.REGION);
    }

    public InMemoryAccount(String accountId, String region) {
        this.accountId = accountId;
        this.region = region;
    }

    public ApiCalls apiCalls() {
        return calls;
    }

    /** This account as the collector reads it; in organisation mode, with its organisation's SCPs. */
    public AccountReaders readers() {
        AccountReaders readers = new AccountReaders(region, this, this, this, this, this, this, this, calls);
        return managementAccountId == null ? readers : readers.withServiceControlPolicies(this);
    }

    // ---- the organisation (organisation mode) ---------------------------------------------------------------

    /** Organisation mode: the account belongs to an organisation whose management account is this one. */
    public InMemoryAccount inOrganisation(String managementAccountId) {
        this.managementAccountId = managementAccountId;
        return this;
    }

    /** {@code childId} (an account or OU) sits directly under {@code parentId} (an OU or root). */
    public InMemoryAccount putParent(String childId, String parentId) {
        parents.put(childId, parentId);
        return this;
    }

    /** Attaches service control policy {@code policyId} ({@code name}, {@code content}) to a target. */
    public InMemoryAccount attachServiceControlPolicy(String targetId, String policyId, String name, String content) {
        targetPolicies.computeIfAbsent(targetId, t -> new ArrayList<>()).add(new PolicySummary(policyId, name));
        policyContents.put(policyId, content);
        return this;
    }

    @Override
    public String managementAccountId() {
        return request("Organizations.DescribeOrganization", List.of(), () -> managementAccountId);
    }

    @Override
    public List<String> listParents(String childId) {
        return request("Organizations.ListParents", List.of(childId), () -> {
            if (!childId.startsWith("r-") && !parents.containsKey(childId)) {
                throw new AwsApiException("Organizations.ListParents", "ChildNotFoundException", childId);
            }
            return parents.containsKey(childId) ? List.of(parents.get(childId)) : List.of();
        });
    }

    @Override
    public List<PolicySummary> listServiceControlPoliciesForTarget(String targetId) {
        return request("Organizations.ListPoliciesForTarget", List.of(targetId),
                () -> List.copyOf(targetPolicies.getOrDefault(targetId, List.of())));
    }

    @Override
    public String describePolicyContent(String policyId) {
        return request("Organizations.DescribePolicy", List.of(policyId), () -> {
            if (!policyContents.containsKey(policyId)) {
                throw new AwsApiException("Organizations.DescribePolicy", "PolicyNotFoundException", policyId);
            }
            return policyContents.get(policyId);
        });
    }

    /** This account as the remediator changes it. */
    public AccountWriters writers() {
        return new AccountWriters(region, this, this, this);
    }

    public String accountId() {
        return accountId;
    }

    // ---- ARNs as AWS builds them -------------------------------------------------------------------------

    public String clusterArn(String name) {
        return ecsArn("cluster/" + name);
    }

    public String serviceArn(String clusterName, String name) {
        return ecsArn("service/" + clusterName + "/" + name);
    }

    public String taskDefinitionArn(String familyRevision) {
        return ecsArn("task-definition/" + familyRevision);
    }

    public String roleArn(String name) {
        return "arn:aws:iam::" + accountId + ":role/" + name;
    }

    public String policyArn(String name) {
        return "arn:aws:iam::" + accountId + ":policy/" + name;
    }

    private String ecsArn(String resource) {
        return "arn:aws:ecs:" + region + ":" + accountId + ":" + resource;
    }

    private static String lastSegment(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    // ---- faults and hooks --------------------------------------------------------------------------------

    /** Every later call of {@code operation} (e.g. {@code ECS.DescribeTasks}) fails with {@code errorCode}. */
    public InMemoryAccount fail(String operation, String errorCode) {
        return fail(operation, null, errorCode);
    }

    /** Calls of {@code operation} concerning {@code key} (a cluster ARN, role name, resource id...) fail. */
    public InMemoryAccount fail(String operation, String key, String errorCode) {
        faults.add(new Fault(operation, key, errorCode));
        return this;
    }

    public InMemoryAccount heal() {
        faults.clear();
        return this;
    }

    /** Runs {@code action} once, right after the next answer to {@code operation}: "deleted in between". */
    public InMemoryAccount afterCall(String operation, Runnable action) {
        afterCall.computeIfAbsent(operation, op -> new ArrayList<>()).add(action);
        return this;
    }

    /** One request: counted, failed if a fault matches, answered, then the hooks run. */
    private <T> T request(String operation, Collection<String> keys, Supplier<T> answer) {
        calls.record(operation);
        for (Fault fault : faults) {
            if (fault.matches(operation, keys)) {
                throw new AwsApiException(operation, fault.errorCode(), "injected by InMemoryAccount");
            }
        }
        T result = answer.get();
        List<Runnable> hooks = afterCall.remove(operation);
        if (hooks != null) {
            hooks.forEach(Runnable::run);
        }
        return result;
    }

    /** A paged list: the first request, then one more per further page. */
    private <T> List<T> paged(String operation, Collection<String> keys, int pageSize, Supplier<List<T>> answer) {
        List<T> all = request(operation, keys, answer);
        for (int page = 1; page * pageSize < all.size(); page++) {
            calls.record(operation);
        }
        return all;
    }

    private static void limit(String operation, Collection<?> items, int max, String errorCode) {
        if (items.size() > max) {
            throw new AwsApiException(operation, errorCode, items.size() + " items; at most " + max + " per request");
        }
    }

    // ---- KmsReader, LogsReader, S3Reader -----------------------------------------------------------------

    /** DescribeKey, then GetKeyPolicy once the key is found (as the SDK reader does): both counted. */
    @Override
    public Optional<Kms.Key> key(String keyId) {
        Optional<Kms.Key> key = request("KMS.DescribeKey", List.of(keyId), () -> Optional.ofNullable(kmsKeys.get(keyId)));
        key.ifPresent(found -> request("KMS.GetKeyPolicy", List.of(keyId, found.arn()), () -> found));
        return key;
    }

    @Override
    public Optional<Logs.LogGroup> logGroup(String name) {
        return request("CloudWatchLogs.DescribeLogGroups", List.of(name), () -> Optional.ofNullable(logGroups.get(name)));
    }

    @Override
    public Optional<S3.BucketEncryption> bucketEncryption(String bucket) {
        return request("S3.GetBucketEncryption", List.of(bucket), () -> Optional.ofNullable(buckets.get(bucket)));
    }

    /** A KMS key, found by each of {@code ids} (key id, ARN, alias) as well as by its ARN. */
    public InMemoryAccount putKmsKey(Kms.Key key, String... ids) {
        kmsKeys.put(key.arn(), key);
        for (String id : ids) {
            kmsKeys.put(id, key);
        }
        return this;
    }

    public InMemoryAccount putLogGroup(Logs.LogGroup group) {
        logGroups.put(group.name(), group);
        return this;
    }

    public InMemoryAccount putBucket(S3.BucketEncryption encryption) {
        buckets.put(encryption.bucket(), encryption);
        return this;
    }

    // ---- EcsReader ---------------------------------------------------------------------------------------

    @Override
    public List<String> listClusters() {
        return paged("ECS.ListClusters", List.of(), PAGE_SIZE, () -> List.copyOf(clusters.keySet()));
    }

    @Override
    public Described<Ecs.Cluster> describeClusters(List<String> clusterArns) {
        return request("ECS.DescribeClusters", clusterArns, () -> {
            limit("ECS.DescribeClusters", clusterArns, DESCRIBE_CLUSTERS_MAX, "InvalidParameterException");
            return describe(clusterArns, ref -> clusters.get(ref.startsWith("arn:") ? ref : clusterArn(ref)));
        });
    }

    @Override
    public List<String> listServices(String cluster) {
        return paged("ECS.ListServices", keys(cluster), PAGE_SIZE, () -> {
            String arn = existingCluster("ECS.ListServices", cluster);
            return services.values().stream()
                    .filter(s -> s.clusterArn().equals(arn) && !"INACTIVE".equals(s.status()))
                    .map(Ecs.Service::arn).toList();
        });
    }

    @Override
    public Described<Ecs.Service> describeServices(String cluster, List<String> names) {
        List<String> keys = new ArrayList<>(names);
        keys.addAll(keys(cluster));
        return request("ECS.DescribeServices", keys, () -> {
            limit("ECS.DescribeServices", names, DESCRIBE_SERVICES_MAX, "InvalidParameterException");
            String clusterName = lastSegment(existingCluster("ECS.DescribeServices", cluster));
            return describe(names, ref -> services.get(ref.startsWith("arn:") ? ref : serviceArn(clusterName, ref)));
        });
    }

    @Override
    public List<String> listTasks(String cluster, String serviceName) {
        List<String> keys = new ArrayList<>(keys(cluster));
        if (serviceName != null) {
            keys.add(serviceName);
        }
        return paged("ECS.ListTasks", keys, PAGE_SIZE, () -> {
            String arn = existingCluster("ECS.ListTasks", cluster);
            // By name within the cluster, whatever the service's ARN format (old ARNs have no cluster segment).
            if (serviceName != null && services.values().stream()
                    .noneMatch(s -> s.clusterArn().equals(arn) && s.name().equals(serviceName))) {
                throw new AwsApiException("ECS.ListTasks", "ServiceNotFoundException", serviceName);
            }
            return tasks.values().stream()
                    .filter(t -> t.clusterArn().equals(arn) && "RUNNING".equals(t.desiredStatus()))
                    .filter(t -> serviceName == null || ("service:" + serviceName).equals(t.group()))
                    .map(Ecs.Task::arn).toList();
        });
    }

    @Override
    public Described<Ecs.Task> describeTasks(String cluster, List<String> taskArns) {
        List<String> keys = new ArrayList<>(taskArns);
        keys.addAll(keys(cluster));
        return request("ECS.DescribeTasks", keys, () -> {
            limit("ECS.DescribeTasks", taskArns, DESCRIBE_TASKS_MAX, "InvalidParameterException");
            String arn = existingCluster("ECS.DescribeTasks", cluster);
            return describe(taskArns, ref -> Optional.ofNullable(tasks.get(ref))
                    .filter(t -> t.clusterArn().equals(arn)).orElse(null));
        });
    }

    @Override
    public Ecs.TaskDefinition describeTaskDefinition(String taskDefinitionArn) {
        return request("ECS.DescribeTaskDefinition", List.of(taskDefinitionArn),
                () -> taskDefinitions.get(taskDefinitionArn));
    }

    @Override
    public List<String> listContainerInstances(String cluster) {
        return paged("ECS.ListContainerInstances", keys(cluster), PAGE_SIZE, () -> {
            String arn = existingCluster("ECS.ListContainerInstances", cluster);
            return containerInstances.values().stream()
                    .filter(instance -> arn.equals(containerInstanceCluster.get(instance.arn())))
                    .filter(instance -> "ACTIVE".equals(instance.status())).map(Ecs.ContainerInstance::arn).toList();
        });
    }

    @Override
    public Described<Ecs.ContainerInstance> describeContainerInstances(String cluster, List<String> arns) {
        List<String> keys = new ArrayList<>(arns);
        keys.addAll(keys(cluster));
        return request("ECS.DescribeContainerInstances", keys, () -> {
            limit("ECS.DescribeContainerInstances", arns, DESCRIBE_CONTAINER_INSTANCES_MAX,
                    "InvalidParameterException");
            String clusterArn = existingCluster("ECS.DescribeContainerInstances", cluster);
            return describe(arns, ref -> clusterArn.equals(containerInstanceCluster.get(ref))
                    ? containerInstances.get(ref) : null);
        });
    }

    /** ECS takes a cluster name or ARN; unknown clusters are an error, as in AWS. */
    private String existingCluster(String operation, String cluster) {
        String arn = cluster.startsWith("arn:") ? cluster : clusterArn(cluster);
        if (!clusters.containsKey(arn)) {
            throw new AwsApiException(operation, "ClusterNotFoundException", cluster);
        }
        return arn;
    }

    private List<String> keys(String cluster) {
        return List.of(cluster, cluster.startsWith("arn:") ? cluster : clusterArn(cluster));
    }

    private static <T> Described<T> describe(List<String> refs, Function<String, T> lookup) {
        List<T> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String ref : refs) {
            T value = lookup.apply(ref);
            if (value == null) {
                missing.add(ref);
            } else {
                found.add(value);
            }
        }
        return new Described<>(found, missing);
    }

    // ---- IamReader ---------------------------------------------------------------------------------------

    @Override
    public AuthorizationDetails accountAuthorizationDetails() {
        Map<String, String> local = new LinkedHashMap<>();
        policies.forEach((arn, document) -> {
            if (arn.startsWith("arn:aws:iam::" + accountId + ":")) {
                local.put(arn, document);
            }
        });
        List<Object> items = new ArrayList<>(roles.values());
        items.addAll(users.values());
        items.addAll(groups.values());
        items.addAll(local.keySet());
        paged("IAM.GetAccountAuthorizationDetails", List.of(), PAGE_SIZE, () -> items);
        return new AuthorizationDetails(List.copyOf(roles.values()), List.copyOf(users.values()),
                List.copyOf(groups.values()), local);
    }

    @Override
    public Optional<RoleDetail> role(String roleName) {
        RoleDetail role = request("IAM.GetRole", List.of(roleName), () -> roles.get(roleName));
        if (role == null) {
            return Optional.empty();
        }
        request("IAM.ListRolePolicies", List.of(roleName), () -> role.inlinePolicies().keySet());
        role.inlinePolicies().keySet().forEach(name -> request("IAM.GetRolePolicy", List.of(roleName), () -> name));
        request("IAM.ListAttachedRolePolicies", List.of(roleName), role::attachedPolicyArns);
        return Optional.of(role);
    }

    @Override
    public String managedPolicyDocument(String policyArn) {
        request("IAM.GetPolicy", List.of(policyArn), () -> {
            if (!policies.containsKey(policyArn)) {
                throw new AwsApiException("IAM.GetPolicy", "NoSuchEntity", policyArn);
            }
            return policyArn;
        });
        return request("IAM.GetPolicyVersion", List.of(policyArn), () -> policies.get(policyArn));
    }

    // ---- Ec2Reader ---------------------------------------------------------------------------------------

    @Override
    public List<Ec2.NetworkInterface> describeNetworkInterfaces(Collection<String> ids) {
        return ec2("EC2.DescribeNetworkInterfaces", ids, networkInterfaces, Ec2.NetworkInterface::id);
    }

    @Override
    public List<Ec2.Instance> describeInstances(Collection<String> ids) {
        return ec2("EC2.DescribeInstances", ids, instances, Ec2.Instance::id);
    }

    @Override
    public List<Ec2.Subnet> describeSubnets(Collection<String> ids) {
        return ec2("EC2.DescribeSubnets", ids, subnets, Ec2.Subnet::id);
    }

    /** DescribeVpcs does not return the DNS attributes: DescribeVpcAttribute does. */
    @Override
    public List<Ec2.Vpc> describeVpcs(Collection<String> vpcIds) {
        return ec2("EC2.DescribeVpcs", vpcIds, vpcs, Ec2.Vpc::id).stream()
                .map(v -> new Ec2.Vpc(v.id(), v.ownerId(), v.cidrBlock(), null, null)).toList();
    }

    @Override
    public List<Ec2.RouteTable> describeRouteTables(Collection<String> vpcIds) {
        return ec2("EC2.DescribeRouteTables", vpcIds, routeTables, Ec2.RouteTable::vpcId);
    }

    @Override
    public List<Ec2.NatGateway> describeNatGateways(Collection<String> vpcIds) {
        return ec2("EC2.DescribeNatGateways", vpcIds, natGateways, Ec2.NatGateway::vpcId);
    }

    @Override
    public List<Ec2.InternetGateway> describeInternetGateways(Collection<String> vpcIds) {
        return ec2("EC2.DescribeInternetGateways", vpcIds, internetGateways, Ec2.InternetGateway::vpcId);
    }

    @Override
    public List<Ec2.VpcEndpoint> describeVpcEndpoints(Collection<String> vpcIds) {
        return ec2("EC2.DescribeVpcEndpoints", vpcIds, vpcEndpoints, Ec2.VpcEndpoint::vpcId);
    }

    @Override
    public List<Ec2.SecurityGroup> describeSecurityGroups(Collection<String> vpcIds) {
        return ec2("EC2.DescribeSecurityGroups", vpcIds, securityGroups, Ec2.SecurityGroup::vpcId);
    }

    @Override
    public List<Ec2.NetworkAcl> describeNetworkAcls(Collection<String> vpcIds) {
        return ec2("EC2.DescribeNetworkAcls", vpcIds, networkAcls, Ec2.NetworkAcl::vpcId);
    }

    /** AWS defaults for a VPC created without them: DNS support on, DNS hostnames off. */
    @Override
    public boolean describeVpcAttribute(String vpcId, String attribute) {
        return request("EC2.DescribeVpcAttribute", List.of(vpcId), () -> {
            Ec2.Vpc vpc = vpcs.get(vpcId);
            if (vpc == null) {
                throw new AwsApiException("EC2.DescribeVpcAttribute", "InvalidVpcID.NotFound", vpcId);
            }
            return switch (attribute) {
                case "enableDnsSupport" -> vpc.enableDnsSupport() == null || vpc.enableDnsSupport();
                case "enableDnsHostnames" -> vpc.enableDnsHostnames() != null && vpc.enableDnsHostnames();
                default -> throw new AwsApiException("EC2.DescribeVpcAttribute", "InvalidParameterValue", attribute);
            };
        });
    }

    // ---- DnsReader ---------------------------------------------------------------------------------------

    /** Route 53 answers InvalidVPCId for a VPC that does not exist. */
    @Override
    public List<Dns.PrivateHostedZone> listHostedZonesByVpc(String vpcId, String vpcRegion) {
        return paged("Route53.ListHostedZonesByVPC", List.of(vpcId), DNS_PAGE_SIZE, () -> {
            if (!vpcs.containsKey(vpcId) || !region.equals(vpcRegion)) {
                throw new AwsApiException("Route53.ListHostedZonesByVPC", "InvalidVPCId", vpcId);
            }
            return hostedZones.getOrDefault(vpcId, List.of());
        });
    }

    @Override
    public List<DnsReader.RuleAssociation> listResolverRuleAssociations() {
        return paged("Route53Resolver.ListResolverRuleAssociations", List.of(), DNS_PAGE_SIZE,
                () -> List.copyOf(ruleAssociations));
    }

    @Override
    public List<Dns.ResolverRule> listResolverRules() {
        return paged("Route53Resolver.ListResolverRules", List.of(), DNS_PAGE_SIZE,
                () -> List.copyOf(resolverRules.values()));
    }

    /** Items whose id or vpc-id is among {@code values}; unknown values are simply absent from the answer. */
    private <T> List<T> ec2(String operation, Collection<String> values, Map<String, T> items,
                            Function<T, String> filterKey) {
        return paged(operation, values, EC2_PAGE_SIZE, () -> {
            limit(operation, values, MAX_FILTER_VALUES, "FilterLimitExceeded");
            Set<String> wanted = new HashSet<>(values);
            return items.values().stream().filter(item -> wanted.contains(filterKey.apply(item))).toList();
        });
    }

    // ---- seeding -----------------------------------------------------------------------------------------

    /** A cluster with no execute-command configuration; returns its ARN. */
    public String putCluster(String name) {
        return putCluster(new Ecs.Cluster(clusterArn(name), name, Ecs.ExecuteCommandConfiguration.NONE_SET, Map.of()));
    }

    public String putCluster(Ecs.Cluster cluster) {
        clusters.put(cluster.arn(), cluster);
        return cluster.arn();
    }

    public InMemoryAccount putService(Ecs.Service service) {
        services.put(service.arn(), service);
        return this;
    }

    public InMemoryAccount putTask(Ecs.Task task) {
        tasks.put(task.arn(), task);
        return this;
    }

    public InMemoryAccount putTaskDefinition(Ecs.TaskDefinition taskDefinition) {
        taskDefinitions.put(taskDefinition.arn(), taskDefinition);
        return this;
    }

    public InMemoryAccount putContainerInstance(String clusterArn, Ecs.ContainerInstance containerInstance) {
        containerInstances.put(containerInstance.arn(), containerInstance);
        containerInstanceCluster.put(containerInstance.arn(), clusterArn);
        return this;
    }

    /** A role at path /; managed policies and the boundary must be seeded with {@link #putPolicy}. Returns its ARN. */
    public String putRole(String name, Map<String, String> inlinePolicies, List<String> attachedPolicyArns,
                          String permissionsBoundaryArn) {
        return putRole(new RoleDetail(roleArn(name), name, inlinePolicies, attachedPolicyArns, permissionsBoundaryArn,
                Map.of(), Scenario.TASK_ROLE_TRUST_POLICY));
    }

    public String putRole(RoleDetail role) {
        roles.put(role.name(), role);
        return role.arn();
    }

    /** A user at path / in these groups, which must be seeded with {@link #putGroup}. Returns its ARN. */
    public String putUser(String name, Map<String, String> inlinePolicies, List<String> attachedPolicyArns,
                          List<String> groupNames) {
        String arn = "arn:aws:iam::" + accountId + ":user/" + name;
        users.put(name, new IamReader.UserDetail(arn, name, inlinePolicies, attachedPolicyArns, null, groupNames));
        return arn;
    }

    public InMemoryAccount putGroup(String name, Map<String, String> inlinePolicies, List<String> attachedPolicyArns) {
        groups.put(name, new IamReader.GroupDetail(name, inlinePolicies, attachedPolicyArns));
        return this;
    }

    /** A managed policy's default version: customer managed (this account) or AWS managed (arn:aws:iam::aws:). */
    public InMemoryAccount putPolicy(String policyArn, String document) {
        policies.put(policyArn, document);
        return this;
    }

    public InMemoryAccount putNetworkInterface(Ec2.NetworkInterface networkInterface) {
        networkInterfaces.put(networkInterface.id(), networkInterface);
        return this;
    }

    public InMemoryAccount putInstance(Ec2.Instance instance) {
        instances.put(instance.id(), instance);
        return this;
    }

    public InMemoryAccount putSubnet(Ec2.Subnet subnet) {
        subnets.put(subnet.id(), subnet);
        return this;
    }

    /** The VPC with its real DNS attributes (null means the AWS default). */
    /** A private hosted zone associated with these VPCs. */
    public InMemoryAccount putPrivateHostedZone(Dns.PrivateHostedZone zone, String... vpcIds) {
        for (String vpcId : vpcIds) {
            hostedZones.computeIfAbsent(vpcId, id -> new ArrayList<>()).add(zone);
        }
        return this;
    }

    /** A Resolver rule; {@code listed} false leaves it out of ListResolverRules (a rule this account cannot see). */
    public InMemoryAccount putResolverRule(Dns.ResolverRule rule, boolean listed, String... associatedVpcIds) {
        if (listed) {
            resolverRules.put(rule.id(), rule);
        }
        for (String vpcId : associatedVpcIds) {
            ruleAssociations.add(new DnsReader.RuleAssociation(rule.id(), vpcId));
        }
        return this;
    }

    /** The VPC and, as CreateVpc makes one, a default network ACL allowing everything (unless it has one). */
    public InMemoryAccount putVpc(Ec2.Vpc vpc) {
        vpcs.put(vpc.id(), vpc);
        if (networkAcls.values().stream().noneMatch(acl -> acl.isDefault() && acl.vpcId().equals(vpc.id()))) {
            putNetworkAcl(new Ec2.NetworkAcl("acl-" + vpc.id().substring(vpc.id().indexOf('-') + 1), vpc.id(), true,
                    List.of(), Scenario.allowAll()));
        }
        return this;
    }

    public InMemoryAccount putRouteTable(Ec2.RouteTable routeTable) {
        routeTables.put(routeTable.id(), routeTable);
        return this;
    }

    public InMemoryAccount putNatGateway(Ec2.NatGateway natGateway) {
        natGateways.put(natGateway.id(), natGateway);
        return this;
    }

    public InMemoryAccount putInternetGateway(Ec2.InternetGateway internetGateway) {
        internetGateways.put(internetGateway.id(), internetGateway);
        return this;
    }

    /** Adds (or replaces) an endpoint: what the endpoint fix does. */
    public InMemoryAccount putVpcEndpoint(Ec2.VpcEndpoint endpoint) {
        vpcEndpoints.put(endpoint.id(), endpoint);
        return this;
    }

    public InMemoryAccount putSecurityGroup(Ec2.SecurityGroup securityGroup) {
        securityGroups.put(securityGroup.id(), securityGroup);
        return this;
    }

    /** A VPC has one default network ACL: a new default one replaces the old. */
    public InMemoryAccount putNetworkAcl(Ec2.NetworkAcl acl) {
        if (acl.isDefault()) {
            networkAcls.values().removeIf(other -> other.isDefault() && other.vpcId().equals(acl.vpcId()));
        }
        networkAcls.put(acl.id(), acl);
        return this;
    }

    /** Every piece of a snapshot VPC, as separate EC2 resources. */
    public InMemoryAccount putVpcNetwork(VpcNetwork network) {
        putVpc(network.vpc());
        network.routeTables().forEach(this::putRouteTable);
        network.natGateways().forEach(this::putNatGateway);
        network.internetGateways().forEach(this::putInternetGateway);
        network.endpoints().forEach(this::putVpcEndpoint);
        network.securityGroups().values().forEach(this::putSecurityGroup);
        return this;
    }

    /**
     * Everything a {@link Scenario} holds, as AWS would store it (its {@code missing} and {@code unreadable*}
     * simulations are not carried over: use {@link #fail} for those). Roles' policies named
     * {@code inline policy X} become inline policy X, the others managed policies with that ARN.
     */
    public InMemoryAccount put(Scenario scenario) {
        putCluster(scenario.cluster());
        putService(scenario.service());
        scenario.otherServices().forEach(this::putService);
        scenario.tasks().forEach(this::putTask);
        scenario.taskDefinitions().values().forEach(this::putTaskDefinition);
        scenario.containerInstances().values().forEach(ci -> putContainerInstance(scenario.cluster().arn(), ci));
        scenario.roles().values().forEach(this::putRole);
        scenario.networkInterfaces().values().forEach(this::putNetworkInterface);
        scenario.instances().values().forEach(this::putInstance);
        putNetwork(scenario);
        scenario.nameResolution().forEach((vpcId, resolution) -> {
            resolution.privateHostedZones().forEach(zone -> putPrivateHostedZone(zone, vpcId));
            resolution.resolverRules().forEach(rule -> putResolverRule(rule, rule.domainName() != null, vpcId));
        });
        scenario.kmsKeys().forEach((id, key) -> putKmsKey(key, id));
        scenario.logGroups().values().forEach(this::putLogGroup);
        scenario.buckets().values().forEach(this::putBucket);
        return this;
    }

    private void putNetwork(Scenario scenario) {
        scenario.subnets().values().forEach(this::putSubnet);
        scenario.vpcs().values().forEach(this::putVpcNetwork);
        scenario.networkAcls().values().forEach(acls -> acls.forEach(this::putNetworkAcl));
    }

    private void putRole(Iam.Role role) {
        Map<String, String> inline = new LinkedHashMap<>();
        List<String> attached = new ArrayList<>();
        for (Iam.Policy policy : role.identityPolicies()) {
            if (policy.source().startsWith("inline policy ")) {
                inline.put(policy.source().substring("inline policy ".length()), policy.document());
            } else {
                attached.add(policy.source());
                putPolicy(policy.source(), policy.document());
            }
        }
        String boundary = null;
        if (role.permissionsBoundary() != null) {
            boundary = role.permissionsBoundary().source();
            putPolicy(boundary, role.permissionsBoundary().document());
        }
        putRole(new RoleDetail(role.arn(), role.name(), inline, attached, boundary, role.tags(),
                role.assumeRolePolicyDocument()));
    }

    /**
     * A service shaped like {@code Scenario.ready()}'s, in cluster {@code clusterName} (created if absent), in
     * the Scenario's VPC (seeded if absent), deploying {@code taskDefinitionArn} (created if absent, with the
     * Scenario's task role, itself created if absent), with {@code runningTasks} running tasks, each with
     * its own ENI. Every piece is a copy of the Scenario's with only names, ids and counts changed.
     */
    public Ecs.Service putReadyFargateService(String clusterName, String serviceName, String taskDefinitionArn,
                                              int runningTasks) {
        Scenario ready = Scenario.ready();
        if (!vpcs.containsKey(Scenario.VPC)) {
            putNetwork(ready);
        }
        // The task role lives in this account, whichever account this is: a role of another one is unreadable.
        String taskRoleName = lastSegment(Scenario.TASK_ROLE_ARN);
        if (!roles.containsKey(taskRoleName)) {
            ready.roles().values().forEach(role -> putRole(IamRoleBuilder.builder(role)
                    .arn(roleArn(role.name())).build()));
        }
        taskDefinitions.computeIfAbsent(taskDefinitionArn, arn -> EcsTaskDefinitionBuilder.builder(
                ready.taskDefinitions().get(Scenario.TASK_DEFINITION_ARN)).arn(arn).taskRoleArn(roleArn(taskRoleName))
                .build());
        String clusterArn = clusters.containsKey(clusterArn(clusterName)) ? clusterArn(clusterName)
                : putCluster(clusterName);
        Ecs.Service service = EcsServiceBuilder.builder(ready.service()).arn(serviceArn(clusterName, serviceName))
                .name(serviceName).clusterArn(clusterArn).taskDefinitionArn(taskDefinitionArn)
                .deployments(List.of(new Ecs.Deployment("ecs-svc/" + ++nextId, "PRIMARY", "COMPLETED",
                        taskDefinitionArn)))
                .desiredCount(runningTasks).runningCount(runningTasks).build();
        putService(service);
        Ec2.NetworkInterface readyEni = ready.networkInterfaces().get(Scenario.TASK_ENI);
        for (int i = 0; i < runningTasks; i++) {
            String id = String.format("%032x", ++nextId);
            String eni = "eni-" + id.substring(15);
            String privateIp = "10.0.1." + (i + 10);
            putNetworkInterface(Ec2NetworkInterfaceBuilder.builder(readyEni).id(eni).privateIp(privateIp).build());
            putTask(EcsTaskBuilder.builder(ready.tasks().get(0)).arn(ecsArn("task/" + clusterName + "/" + id))
                    .clusterArn(clusterArn).group("service:" + serviceName).taskDefinitionArn(taskDefinitionArn)
                    .networkInterface(new Ecs.NetworkInterfaceAttachment(eni, readyEni.subnetId(), privateIp))
                    .build());
        }
        return service;
    }

    // ---- IamWriter ---------------------------------------------------------------------------------------

    @Override
    public List<String> listAttachedRolePolicies(String roleName) {
        return request("IAM.ListAttachedRolePolicies", List.of(roleName),
                () -> existingRole("IAM.ListAttachedRolePolicies", roleName).attachedPolicyArns());
    }

    /** The tags CreatePolicy gave the policy (none for a seeded one). */
    public Map<String, String> policyTags(String policyArn) {
        return policyTags.getOrDefault(policyArn, Map.of());
    }

    @Override
    public boolean policyExists(String policyArn) {
        return request("IAM.GetPolicy", List.of(policyArn), () -> policies.containsKey(policyArn));
    }

    /** Policy names are unique in an account whatever their path, as in IAM. */
    @Override
    public String createPolicy(String path, String policyName, String description, String document,
                               Map<String, String> tags) {
        return request("IAM.CreatePolicy", List.of(policyName), () -> {
            String prefix = "arn:aws:iam::" + accountId + ":policy/";
            if (policies.keySet().stream().anyMatch(arn -> arn.startsWith(prefix) && lastSegment(arn).equals(policyName))) {
                throw new AwsApiException("IAM.CreatePolicy", "EntityAlreadyExists", policyName);
            }
            String arn = "arn:aws:iam::" + accountId + ":policy" + path + policyName;
            policies.put(arn, document);
            policyTags.put(arn, Map.copyOf(tags));
            return arn;
        });
    }

    @Override
    public void attachRolePolicyTo(String roleName, String policyArn) {
        request("IAM.AttachRolePolicy", List.of(roleName, policyArn), () -> {
            existingRole("IAM.AttachRolePolicy", roleName);
            if (!policies.containsKey(policyArn)) {
                throw new AwsApiException("IAM.AttachRolePolicy", "NoSuchEntity", policyArn);
            }
            return attachRolePolicy(roleName, policyArn);
        });
    }

    private RoleDetail existingRole(String operation, String roleName) {
        RoleDetail role = roles.get(roleName);
        if (role == null) {
            throw new AwsApiException(operation, "NoSuchEntity", roleName);
        }
        return role;
    }

    // ---- Ec2Writer ---------------------------------------------------------------------------------------

    @Override
    public List<Ec2.VpcEndpoint> findVpcEndpoints(String vpcId, String serviceName) {
        return paged("EC2.DescribeVpcEndpoints", List.of(vpcId), EC2_PAGE_SIZE, () -> vpcEndpoints.values().stream()
                .filter(e -> e.vpcId().equals(vpcId) && e.serviceName().equals(serviceName)).toList());
    }

    @Override
    public Optional<String> findSecurityGroup(String vpcId, String groupName) {
        return request("EC2.DescribeSecurityGroups", List.of(vpcId),
                () -> Optional.ofNullable(securityGroupNames.get(vpcId + "/" + groupName)));
    }

    @Override
    public boolean createdByThisProject(String groupId) {
        return request("EC2.DescribeSecurityGroups", List.of(groupId), () -> Applier.CREATED_BY.equals(
                resourceTags.getOrDefault(groupId, Map.of()).get(RemediationSettings.CREATED_BY_TAG)));
    }

    /** A new group allows all egress and no ingress, as in EC2. */
    @Override
    public String createSecurityGroup(String vpcId, String groupName, String description, Map<String, String> tags) {
        return request("EC2.CreateSecurityGroup", List.of(vpcId), () -> {
            existingVpc("EC2.CreateSecurityGroup", vpcId);
            if (securityGroupNames.containsKey(vpcId + "/" + groupName)) {
                throw new AwsApiException("EC2.CreateSecurityGroup", "InvalidGroup.Duplicate", groupName);
            }
            String id = "sg-" + String.format("%017x", ++nextId);
            putSecurityGroup(new Ec2.SecurityGroup(id, vpcId, List.of(), List.of(
                    new Ec2.SecurityGroupRule("-1", null, null, List.of("0.0.0.0/0"), List.of(), List.of()))));
            securityGroupNames.put(vpcId + "/" + groupName, id);
            resourceTags.put(id, Map.copyOf(tags));
            return id;
        });
    }

    @Override
    public boolean authorizeTcpIngress(String groupId, int port, String source) {
        return request("EC2.AuthorizeSecurityGroupIngress", List.of(groupId), () -> {
            Ec2.SecurityGroup group = securityGroups.get(groupId);
            if (group == null) {
                throw new AwsApiException("EC2.AuthorizeSecurityGroupIngress", "InvalidGroup.NotFound", groupId);
            }
            boolean present = group.ingress().stream().anyMatch(rule -> "tcp".equals(rule.ipProtocol())
                    && Integer.valueOf(port).equals(rule.fromPort()) && Integer.valueOf(port).equals(rule.toPort())
                    && (rule.securityGroupIds().contains(source) || rule.cidrBlocks().contains(source)));
            if (present) {
                return false; // EC2 answers InvalidPermission.Duplicate, which the writer contract reports as false
            }
            List<Ec2.SecurityGroupRule> ingress = new ArrayList<>(group.ingress());
            boolean cidr = source.contains("/");
            ingress.add(new Ec2.SecurityGroupRule("tcp", port, port, cidr ? List.of(source) : List.of(),
                    cidr ? List.of() : List.of(source), List.of()));
            putSecurityGroup(new Ec2.SecurityGroup(groupId, group.vpcId(), ingress, group.egress()));
            return true;
        });
    }

    /**
     * Fixture choice: the endpoint is {@code available} at once (EC2 answers {@code pending} and takes a minute
     * or two), so that the next collection shows what a finished fix looks like.
     */
    @Override
    public Ec2.VpcEndpoint createInterfaceEndpoint(String vpcId, String serviceName, List<String> subnetIds,
                                                   List<String> securityGroupIds, Map<String, String> tags,
                                                   String clientToken) {
        String operation = "EC2.CreateVpcEndpoint";
        return request(operation, List.of(vpcId), () -> {
            List<Object> parameters = List.of(vpcId, serviceName, subnetIds, securityGroupIds, tags);
            var earlier = endpointTokens.get(clientToken);
            if (earlier != null) {
                if (!earlier.getKey().equals(parameters)) {
                    throw new AwsApiException(operation, "IdempotentParameterMismatch", clientToken);
                }
                return vpcEndpoints.get(earlier.getValue());
            }
            existingVpc(operation, vpcId);
            Set<String> zones = new HashSet<>();
            for (String subnetId : subnetIds) {
                Ec2.Subnet subnet = subnets.get(subnetId);
                if (subnet == null || !subnet.vpcId().equals(vpcId)) {
                    throw new AwsApiException(operation, "InvalidSubnetId.NotFound", subnetId);
                }
                if (!zones.add(subnet.availabilityZone())) {
                    throw new AwsApiException(operation, "DuplicateSubnetsInSameZone", subnetId);
                }
            }
            boolean conflict = vpcEndpoints.values().stream().anyMatch(e -> e.vpcId().equals(vpcId)
                    && e.serviceName().equals(serviceName) && e.privateDnsEnabled() && !"deleted".equals(e.state()));
            if (conflict) {
                throw new AwsApiException(operation, "InvalidParameter",
                        "private-dns-enabled cannot be set because there is already a conflicting DNS domain");
            }
            String id = "vpce-" + String.format("%017x", ++nextId);
            Ec2.VpcEndpoint endpoint = new Ec2.VpcEndpoint(id, vpcId, serviceName, "Interface", "available", true,
                    securityGroupIds, subnetIds);
            putVpcEndpoint(endpoint);
            endpointTokens.put(clientToken, Map.entry(parameters, id));
            resourceTags.put(id, Map.copyOf(tags));
            return endpoint;
        });
    }

    /** Tags a security group or endpoint as if it had been created with them (by this project, or by others). */
    public InMemoryAccount tagResource(String resourceId, Map<String, String> tags) {
        resourceTags.put(resourceId, Map.copyOf(tags));
        return this;
    }

    /** Tags given when a security group or endpoint was created here. */
    public Map<String, String> tagsOf(String resourceId) {
        return resourceTags.getOrDefault(resourceId, Map.of());
    }

    private void existingVpc(String operation, String vpcId) {
        if (!vpcs.containsKey(vpcId)) {
            throw new AwsApiException(operation, "InvalidVpcID.NotFound", vpcId);
        }
    }

    // ---- EcsWriter ---------------------------------------------------------------------------------------

    @Override
    public Optional<Ecs.Service> describeService(String clusterArn, String serviceArn) {
        return request("ECS.DescribeServices", List.of(serviceArn, clusterArn), () -> {
            existingCluster("ECS.DescribeServices", clusterArn);
            return Optional.ofNullable(services.get(serviceArn));
        });
    }

    /**
     * Fixture choice: the forced deployment completes at once. The service gets the flag and a new PRIMARY
     * deployment (COMPLETED), and each of its running tasks is replaced by one with enableExecuteCommand true
     * and a RUNNING ExecuteCommandAgent in every container, on its predecessor's network interface. ECS takes
     * minutes, and the agent starts only if the task role and network allow it; tests that need those
     * outcomes seed them.
     */
    @Override
    public Ecs.Service enableExecuteCommandAndRedeploy(String clusterArn, String serviceArn) {
        String operation = "ECS.UpdateService";
        return request(operation, List.of(serviceArn, clusterArn), () -> {
            existingCluster(operation, clusterArn);
            Ecs.Service service = services.get(serviceArn);
            if (service == null) {
                throw new AwsApiException(operation, "ServiceNotFoundException", serviceArn);
            }
            if (!"ACTIVE".equals(service.status())) {
                throw new AwsApiException(operation, "ServiceNotActiveException", serviceArn);
            }
            if (!"ECS".equals(service.deploymentController())) {
                throw new AwsApiException(operation, "InvalidParameterException",
                        "forceNewDeployment with a " + service.deploymentController() + " deployment controller");
            }
            Ecs.Service updated = EcsServiceBuilder.builder(service).enableExecuteCommand(true).deployments(
                    List.of(new Ecs.Deployment("ecs-svc/" + ++nextId, "PRIMARY", "COMPLETED",
                            service.taskDefinitionArn()))).build();
            putService(updated);
            List<Ecs.Task> replaced = tasks.values().stream().filter(t -> t.clusterArn().equals(service.clusterArn())
                    && ("service:" + service.name()).equals(t.group()) && "RUNNING".equals(t.desiredStatus())).toList();
            for (Ecs.Task old : replaced) {
                stopTask(old.arn());
                String arn = old.arn().substring(0, old.arn().lastIndexOf('/') + 1) + String.format("%032x", ++nextId);
                Ecs.Task task = EcsTaskBuilder.builder(old).arn(arn).enableExecuteCommand(true).build();
                task = EcsTaskBuilder.builder(task).taskDefinitionArn(service.taskDefinitionArn()).build();
                task = EcsTaskBuilder.builder(task).lastStatus("RUNNING").desiredStatus("RUNNING").build();
                putTask(EcsTaskBuilder.builder(task).containers(old.containers().stream()
                        .map(c -> new Ecs.Container(c.name(),
                                List.of(new Ecs.ManagedAgent("ExecuteCommandAgent", "RUNNING", null))))
                        .toList()).build());
            }
            return updated;
        });
    }

    // ---- mutators: what fixes and time do to the account -------------------------------------------------

    public InMemoryAccount updateService(String serviceArn, UnaryOperator<Ecs.Service> change) {
        services.computeIfPresent(serviceArn, (arn, service) -> change.apply(service));
        return this;
    }

    /** UpdateService --enable-execute-command (tasks already running keep their setting). */
    public InMemoryAccount setEnableExecuteCommand(String serviceArn, boolean enabled) {
        return updateService(serviceArn, service -> EcsServiceBuilder.builder(service).enableExecuteCommand(enabled)
                .build());
    }

    /** The service is gone for good (an INACTIVE service eventually disappears from DescribeServices). */
    public InMemoryAccount deleteService(String serviceArn) {
        services.remove(serviceArn);
        return this;
    }

    /** DeleteCluster with its services deleted first: the cluster is no longer listed. */
    public InMemoryAccount deleteCluster(String clusterArn) {
        services.values().removeIf(service -> service.clusterArn().equals(clusterArn));
        clusters.remove(clusterArn);
        return this;
    }

    public InMemoryAccount stopTask(String taskArn) {
        tasks.computeIfPresent(taskArn, (arn, task) ->
                EcsTaskBuilder.builder(task).desiredStatus("STOPPED").lastStatus("STOPPED").build());
        return this;
    }

    public InMemoryAccount deleteTasks(Predicate<Ecs.Task> which) {
        tasks.values().removeIf(which);
        return this;
    }

    /** PutRolePolicy: adds or replaces inline policy {@code policyName}. */
    public InMemoryAccount putRolePolicy(String roleName, String policyName, String document) {
        return changeRole(roleName, role -> {
            Map<String, String> inline = new LinkedHashMap<>(role.inlinePolicies());
            inline.put(policyName, document);
            return role.withPolicies(inline, role.attachedPolicyArns());
        });
    }

    /** AttachRolePolicy; the policy must exist, as in IAM. */
    public InMemoryAccount attachRolePolicy(String roleName, String policyArn) {
        if (!policies.containsKey(policyArn)) {
            throw new IllegalStateException("no policy " + policyArn + ": putPolicy it first");
        }
        return changeRole(roleName, role -> {
            List<String> attached = new ArrayList<>(role.attachedPolicyArns());
            if (!attached.contains(policyArn)) {
                attached.add(policyArn);
            }
            return role.withPolicies(role.inlinePolicies(), attached);
        });
    }

    public InMemoryAccount deleteRole(String roleName) {
        roles.remove(roleName);
        return this;
    }

    private InMemoryAccount changeRole(String roleName, UnaryOperator<RoleDetail> change) {
        if (roles.computeIfPresent(roleName, (name, role) -> change.apply(role)) == null) {
            throw new IllegalStateException("no role " + roleName);
        }
        return this;
    }
}
