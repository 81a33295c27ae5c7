package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.collect.Described;
import io.github.ecsexecreadiness.collect.EcsReader;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandConfiguration;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.ManagedAgent;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskField;

/** {@link EcsReader} over the AWS SDK: paginators for lists, AWS names mapped one to one onto {@code model.Ecs}. */
public final class SdkEcsReader implements EcsReader {
    private static final int PAGE_SIZE = 100;

    private final EcsClient ecs;

    public SdkEcsReader(EcsClient ecs) {
        this.ecs = Objects.requireNonNull(ecs);
    }

    @Override
    public List<String> listClusters() {
        return call("ECS.ListClusters",
                () -> ecs.listClustersPaginator(r -> r.maxResults(PAGE_SIZE)).clusterArns().stream().toList());
    }

    @Override
    public Described<Ecs.Cluster> describeClusters(List<String> clusterArns) {
        var response = call("ECS.DescribeClusters", () -> ecs.describeClusters(r -> r.clusters(clusterArns)
                .include(ClusterField.CONFIGURATIONS, ClusterField.TAGS)));
        return described(response.clusters(), SdkEcsReader::cluster, response.failures());
    }

    @Override
    public List<String> listServices(String clusterArn) {
        return call("ECS.ListServices", () -> ecs.listServicesPaginator(r -> r.cluster(clusterArn).maxResults(PAGE_SIZE))
                .serviceArns().stream().toList());
    }

    @Override
    public Described<Ecs.Service> describeServices(String clusterArn, List<String> services) {
        var response = call("ECS.DescribeServices", () -> ecs.describeServices(r -> r.cluster(clusterArn)
                .services(services).include(ServiceField.TAGS)));
        return described(response.services(), SdkEcsReader::service, response.failures());
    }

    @Override
    public List<String> listTasks(String clusterArn, String serviceName) {
        return call("ECS.ListTasks", () -> ecs.listTasksPaginator(r -> r.cluster(clusterArn).serviceName(serviceName)
                .desiredStatus(DesiredStatus.RUNNING).maxResults(PAGE_SIZE)).taskArns().stream().toList());
    }

    @Override
    public Described<Ecs.Task> describeTasks(String clusterArn, List<String> taskArns) {
        var response = call("ECS.DescribeTasks", () -> ecs.describeTasks(r -> r.cluster(clusterArn).tasks(taskArns)
                .include(TaskField.TAGS)));
        return described(response.tasks(), SdkEcsReader::task, response.failures());
    }

    @Override
    public Ecs.TaskDefinition describeTaskDefinition(String taskDefinitionArn) {
        var response = call("ECS.DescribeTaskDefinition",
                () -> ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinitionArn)));
        return taskDefinition(response.taskDefinition());
    }

    @Override
    public List<String> listContainerInstances(String clusterArn) {
        return call("ECS.ListContainerInstances", () -> ecs.listContainerInstancesPaginator(r -> r.cluster(clusterArn)
                .status(ContainerInstanceStatus.ACTIVE)).containerInstanceArns().stream().toList());
    }

    @Override
    public Described<Ecs.ContainerInstance> describeContainerInstances(String clusterArn, List<String> arns) {
        var response = call("ECS.DescribeContainerInstances",
                () -> ecs.describeContainerInstances(r -> r.cluster(clusterArn).containerInstances(arns)));
        return described(response.containerInstances(), SdkEcsReader::containerInstance, response.failures());
    }

    private static <S, T> Described<T> described(List<S> found, Function<S, T> mapper, List<Failure> failures) {
        return new Described<>(found.stream().map(mapper).toList(),
                failures.stream().map(Failure::arn).filter(Objects::nonNull).toList());
    }

    static Ecs.Cluster cluster(Cluster c) {
        var exec = c.configuration() == null ? null : c.configuration().executeCommandConfiguration();
        return new Ecs.Cluster(c.clusterArn(), c.clusterName(), executeCommandConfiguration(exec), tags(c.tags()));
    }

    private static Ecs.ExecuteCommandConfiguration executeCommandConfiguration(ExecuteCommandConfiguration e) {
        if (e == null) {
            return Ecs.ExecuteCommandConfiguration.NONE_SET;
        }
        var log = e.logConfiguration();
        if (log == null) {
            return new Ecs.ExecuteCommandConfiguration(e.kmsKeyId(), e.loggingAsString(), null, false, null, false, null);
        }
        return new Ecs.ExecuteCommandConfiguration(e.kmsKeyId(), e.loggingAsString(), log.cloudWatchLogGroupName(),
                isTrue(log.cloudWatchEncryptionEnabled()), log.s3BucketName(), isTrue(log.s3EncryptionEnabled()),
                log.s3KeyPrefix());
    }

    static Ecs.Service service(Service s) {
        var network = s.networkConfiguration() == null ? null : s.networkConfiguration().awsvpcConfiguration();
        var awsvpc = network == null ? null : new Ecs.AwsVpcConfiguration(network.subnets(), network.securityGroups(),
                "ENABLED".equals(network.assignPublicIpAsString()));
        // DescribeServices leaves deploymentController out for services created without one: ECS is the default.
        String controller = s.deploymentController() == null ? "ECS" : s.deploymentController().typeAsString();
        return new Ecs.Service(s.serviceArn(), s.serviceName(), s.clusterArn(), s.status(),
                isTrue(s.enableExecuteCommand()), s.launchTypeAsString(),
                s.capacityProviderStrategy().stream().map(CapacityProviderStrategyItem::capacityProvider).toList(),
                s.platformVersion(), s.platformFamily(), s.taskDefinition(), controller,
                s.deployments().stream().map(SdkEcsReader::deployment).toList(), awsvpc, tags(s.tags()),
                intOrZero(s.desiredCount()), intOrZero(s.runningCount()), s.propagateTagsAsString());
    }

    private static Ecs.Deployment deployment(Deployment d) {
        return new Ecs.Deployment(d.id(), d.status(), d.rolloutStateAsString(), d.taskDefinition());
    }

    static Ecs.Task task(Task t) {
        String taskRoleOverride = t.overrides() == null ? null : t.overrides().taskRoleArn();
        return new Ecs.Task(t.taskArn(), t.clusterArn(), t.group(), t.taskDefinitionArn(), t.lastStatus(),
                t.desiredStatus(), t.launchTypeAsString(), t.platformVersion(), t.platformFamily(),
                isTrue(t.enableExecuteCommand()), taskRoleOverride, t.containerInstanceArn(),
                networkInterface(t.attachments()), t.containers().stream().map(SdkEcsReader::container).toList(),
                tags(t.tags()));
    }

    /** The awsvpc ENI; other attachments (Service Connect, EBS volumes...) may come first. */
    private static Ecs.NetworkInterfaceAttachment networkInterface(List<Attachment> attachments) {
        return attachments.stream()
                .filter(a -> "ElasticNetworkInterface".equals(a.type()))
                .findFirst()
                .map(a -> {
                    Map<String, String> details = keyValues(a.details());
                    return new Ecs.NetworkInterfaceAttachment(details.get("networkInterfaceId"),
                            details.get("subnetId"), details.get("privateIPv4Address"));
                })
                .orElse(null);
    }

    private static Ecs.Container container(Container c) {
        return new Ecs.Container(c.name(), c.managedAgents().stream().map(SdkEcsReader::managedAgent).toList());
    }

    private static Ecs.ManagedAgent managedAgent(ManagedAgent a) {
        return new Ecs.ManagedAgent(a.nameAsString(), a.lastStatus(), a.reason());
    }

    static Ecs.TaskDefinition taskDefinition(TaskDefinition d) {
        String osFamily = d.runtimePlatform() == null ? null : d.runtimePlatform().operatingSystemFamilyAsString();
        return new Ecs.TaskDefinition(d.taskDefinitionArn(), d.taskRoleArn(), d.networkModeAsString(),
                d.pidModeAsString(), osFamily,
                d.containerDefinitions().stream().map(SdkEcsReader::containerDefinition).toList());
    }

    private static Ecs.ContainerDefinition containerDefinition(ContainerDefinition c) {
        Boolean initProcess = c.linuxParameters() == null ? null : c.linuxParameters().initProcessEnabled();
        var log = c.logConfiguration();
        return new Ecs.ContainerDefinition(c.name(), keyValues(c.environment()),
                c.secrets().stream().map(Secret::name).toList(), !c.environmentFiles().isEmpty(),
                isTrue(c.readonlyRootFilesystem()), initProcess,
                c.mountPoints().stream().map(SdkEcsReader::mountPoint).toList(),
                c.restartPolicy() != null && isTrue(c.restartPolicy().enabled()),
                log == null ? null : log.logDriverAsString(), log == null ? Map.of() : log.options(),
                c.essential() == null || c.essential());
    }

    private static Ecs.MountPoint mountPoint(MountPoint m) {
        return new Ecs.MountPoint(m.sourceVolume(), m.containerPath(), isTrue(m.readOnly()));
    }

    static Ecs.ContainerInstance containerInstance(ContainerInstance i) {
        String agentVersion = i.versionInfo() == null ? null : i.versionInfo().agentVersion();
        return new Ecs.ContainerInstance(i.containerInstanceArn(), i.ec2InstanceId(), agentVersion,
                isTrue(i.agentConnected()), i.status(),
                i.attributes().stream().map(Attribute::name).collect(Collectors.toSet()), i.capacityProviderName(),
                i.attributes().stream().filter(a -> "ecs.os-type".equals(a.name())).map(Attribute::value)
                        .findFirst().orElse(null));
    }

    /** Name/value pairs as a map; the last of duplicate names wins, as a later variable would; no value maps to "". */
    private static Map<String, String> keyValues(Collection<KeyValuePair> pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        pairs.stream().filter(p -> p.name() != null)
                .forEach(p -> map.put(p.name(), Objects.requireNonNullElse(p.value(), "")));
        return map;
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, t -> Objects.requireNonNullElse(t.value(), ""),
                (a, b) -> b));
    }

    private static boolean isTrue(Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    private static int intOrZero(Integer i) {
        return i == null ? 0 : i;
    }
}
