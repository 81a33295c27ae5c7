package io.github.ecsexecreadiness.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the snapshot keeps of Amazon ECS resources, named as in the ECS API. Immutable values. */
public final class Ecs {
    private Ecs() {}

    public record Cluster(String arn, String name, ExecuteCommandConfiguration executeCommandConfiguration,
                          Map<String, String> tags) {
        public Cluster {
            tags = Map.copyOf(tags);
        }
    }

    /**
     * The cluster's {@code configuration.executeCommandConfiguration}; {@code null} fields are unset.
     * {@code logging} is {@code NONE}, {@code DEFAULT}, {@code OVERRIDE} or null (which ECS treats as DEFAULT).
     */
    public record ExecuteCommandConfiguration(String kmsKeyId, String logging, String cloudWatchLogGroupName,
                                              boolean cloudWatchEncryptionEnabled, String s3BucketName,
                                              boolean s3EncryptionEnabled, String s3KeyPrefix) {
        public static final ExecuteCommandConfiguration NONE_SET =
                new ExecuteCommandConfiguration(null, null, null, false, null, false, null);
    }

    /**
     * An ECS service. {@code launchType} is null when a capacity provider strategy is used;
     * {@code deploymentController} is {@code ECS}, {@code CODE_DEPLOY} or {@code EXTERNAL}.
     */
    public record Service(String arn, String name, String clusterArn, String status, boolean enableExecuteCommand,
                          String launchType, List<String> capacityProviders, String platformVersion,
                          String platformFamily, String taskDefinitionArn, String deploymentController,
                          List<Deployment> deployments, AwsVpcConfiguration awsvpcConfiguration,
                          Map<String, String> tags, int desiredCount, int runningCount,
                          String propagateTags) {
        public Service {
            capacityProviders = List.copyOf(capacityProviders);
            deployments = List.copyOf(deployments);
            tags = Map.copyOf(tags);
        }
    }

    /** {@code status} PRIMARY/ACTIVE/INACTIVE; {@code rolloutState} IN_PROGRESS/COMPLETED/FAILED or null. */
    public record Deployment(String id, String status, String rolloutState, String taskDefinitionArn) {}

    /** Service {@code networkConfiguration.awsvpcConfiguration}: where future tasks will be placed. */
    public record AwsVpcConfiguration(List<String> subnets, List<String> securityGroups, boolean assignPublicIp) {
        public AwsVpcConfiguration {
            subnets = List.copyOf(subnets);
            securityGroups = List.copyOf(securityGroups);
        }
    }

    /**
     * A task as DescribeTasks returns it. {@code platformVersion} is resolved (e.g. 1.4.0, never LATEST);
     * {@code networkInterface} is the ElasticNetworkInterface attachment of awsvpc tasks, else null.
     */
    public record Task(String arn, String clusterArn, String group, String taskDefinitionArn, String lastStatus,
                       String desiredStatus, String launchType, String platformVersion, String platformFamily,
                       boolean enableExecuteCommand, String taskRoleArnOverride, String containerInstanceArn,
                       NetworkInterfaceAttachment networkInterface, List<Container> containers,
                       Map<String, String> tags) {
        public Task {
            containers = List.copyOf(containers);
            tags = Map.copyOf(tags);
        }

        public String id() {
            return arn.substring(arn.lastIndexOf('/') + 1);
        }
    }

    public record NetworkInterfaceAttachment(String networkInterfaceId, String subnetId, String privateIpv4Address) {}

    /** A running container; sidecars that ECS manages (GuardDuty, Service Connect) carry no managed agents. */
    public record Container(String name, List<ManagedAgent> managedAgents) {
        public Container {
            managedAgents = List.copyOf(managedAgents);
        }
    }

    /** {@code name} is ExecuteCommandAgent; {@code lastStatus} PENDING, RUNNING or STOPPED. */
    public record ManagedAgent(String name, String lastStatus, String reason) {}

    /** {@code operatingSystemFamily} from runtimePlatform (LINUX, WINDOWS_SERVER_2022_CORE...), or null. */
    public record TaskDefinition(String arn, String taskRoleArn, String networkMode, String pidMode,
                                 String operatingSystemFamily, List<ContainerDefinition> containerDefinitions) {
        public TaskDefinition {
            containerDefinitions = List.copyOf(containerDefinitions);
        }

        /** family:revision, the short form people recognise. */
        public String familyRevision() {
            return arn.substring(arn.lastIndexOf('/') + 1);
        }

        public boolean isWindows() {
            return operatingSystemFamily != null && operatingSystemFamily.startsWith("WINDOWS");
        }
    }

    /**
     * A container definition. {@code initProcessEnabled} is null when linuxParameters leave it unset;
     * {@code secretNames} are the names of {@code secrets} (the variables they become); {@code essential} is true
     * when the definition leaves it unset, as ECS does.
     */
    public record ContainerDefinition(String name, Map<String, String> environment, List<String> secretNames,
                                      boolean hasEnvironmentFiles, boolean readonlyRootFilesystem,
                                      Boolean initProcessEnabled, List<MountPoint> mountPoints,
                                      boolean restartPolicyEnabled, String logDriver,
                                      Map<String, String> logOptions, boolean essential) {
        public ContainerDefinition {
            environment = Map.copyOf(environment);
            secretNames = List.copyOf(secretNames);
            mountPoints = List.copyOf(mountPoints);
            logOptions = Map.copyOf(logOptions);
        }
    }

    public record MountPoint(String sourceVolume, String containerPath, boolean readOnly) {}

    /**
     * An EC2 container instance; {@code attributeNames} holds e.g. ecs.capability.execute-command;
     * {@code capacityProviderName} is null for an instance registered outside any capacity provider; {@code osType}
     * is the value of its ecs.os-type attribute (linux, windows), null when absent.
     */
    public record ContainerInstance(String arn, String ec2InstanceId, String agentVersion, boolean agentConnected,
                                    String status, Set<String> attributeNames, String capacityProviderName,
                                    String osType) {
        public ContainerInstance {
            attributeNames = Set.copyOf(attributeNames);
        }

        /** An instance outside any capacity provider, its ecs.os-type not read. */
        public ContainerInstance(String arn, String ec2InstanceId, String agentVersion, boolean agentConnected,
                                 String status, Set<String> attributeNames) {
            this(arn, ec2InstanceId, agentVersion, agentConnected, status, attributeNames, null, null);
        }
    }
}
