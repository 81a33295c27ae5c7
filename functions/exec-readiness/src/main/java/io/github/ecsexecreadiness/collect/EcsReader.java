package io.github.ecsexecreadiness.collect;

import static io.github.ecsexecreadiness.iam.PolicyStatement.ECS_DESCRIBE;
import static io.github.ecsexecreadiness.iam.PolicyStatement.ECS_LIST_AND_TASK_DEFINITIONS;

import io.github.ecsexecreadiness.iam.CallsAws;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.List;

/**
 * Read-only Amazon ECS operations the collector uses, one method per API operation (list methods follow
 * every page). Implementations throw {@link AwsApiException} on an AWS error and honour the AWS batch limits
 * noted on each method: callers chunk.
 */
public interface EcsReader {
    int DESCRIBE_CLUSTERS_MAX = 100;
    int DESCRIBE_SERVICES_MAX = 10;
    int DESCRIBE_TASKS_MAX = 100;
    int DESCRIBE_CONTAINER_INSTANCES_MAX = 100;

    /** ListClusters, every page. */
    @CallsAws(operation = "ECS.ListClusters", statements = ECS_LIST_AND_TASK_DEFINITIONS)
    List<String> listClusters();

    /** DescribeClusters with CONFIGURATIONS and TAGS, at most {@value #DESCRIBE_CLUSTERS_MAX} ARNs. */
    @CallsAws(operation = "ECS.DescribeClusters", statements = ECS_DESCRIBE)
    Described<Ecs.Cluster> describeClusters(List<String> clusterArns);

    /** ListServices, every page. */
    @CallsAws(operation = "ECS.ListServices", statements = ECS_LIST_AND_TASK_DEFINITIONS)
    List<String> listServices(String clusterArn);

    /** DescribeServices with TAGS, at most {@value #DESCRIBE_SERVICES_MAX} ARNs or names. */
    @CallsAws(operation = "ECS.DescribeServices", statements = ECS_DESCRIBE)
    Described<Ecs.Service> describeServices(String clusterArn, List<String> services);

    /** ListTasks with desiredStatus RUNNING, every page; {@code serviceName} null lists the whole cluster. */
    @CallsAws(operation = "ECS.ListTasks", statements = ECS_LIST_AND_TASK_DEFINITIONS)
    List<String> listTasks(String clusterArn, String serviceName);

    /** DescribeTasks, at most {@value #DESCRIBE_TASKS_MAX} ARNs. */
    @CallsAws(operation = "ECS.DescribeTasks", statements = ECS_DESCRIBE)
    Described<Ecs.Task> describeTasks(String clusterArn, List<String> taskArns);

    /**
     * DescribeTaskDefinition; null when the revision does not exist (ECS answers ClientException "Unable to
     * describe task definition"). Task definition revisions are immutable, so callers cache.
     */
    @CallsAws(operation = "ECS.DescribeTaskDefinition", statements = ECS_LIST_AND_TASK_DEFINITIONS)
    Ecs.TaskDefinition describeTaskDefinition(String taskDefinitionArn);

    /**
     * ListContainerInstances with status ACTIVE, every page: the capacity new tasks of the cluster's EC2 services
     * may be placed on.
     */
    @CallsAws(operation = "ECS.ListContainerInstances", statements = ECS_DESCRIBE)
    List<String> listContainerInstances(String clusterArn);

    /** DescribeContainerInstances, at most {@value #DESCRIBE_CONTAINER_INSTANCES_MAX} ARNs. */
    @CallsAws(operation = "ECS.DescribeContainerInstances", statements = ECS_DESCRIBE)
    Described<Ecs.ContainerInstance> describeContainerInstances(String clusterArn, List<String> arns);
}
