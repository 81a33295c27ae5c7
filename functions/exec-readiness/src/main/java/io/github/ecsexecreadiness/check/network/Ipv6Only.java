package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.check.CheckSupport;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.network.Placements.Placement;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tasks in an IPv6-only subnet. The ECS developer guide lists IPv6-only tasks as unsupported by ECS Exec, but ECS
 * agent 1.97.1 and later writes a dual-stack setting into the exec agent's configuration for them
 * (aws/amazon-ecs-agent PR 4708): on EC2 the hosts' agent version decides; for Fargate nothing AWS publishes says
 * the platform does the same.
 */
final class Ipv6Only {
    static final String AGENT_MINIMUM = "1.97.1";

    private Ipv6Only() {}

    /**
     * FAIL when a host of the placement's tasks runs an older ECS agent; otherwise UNKNOWN with the reason (Fargate,
     * a host or version that cannot be resolved, or, with every agent recent enough, the IPv6 path to the
     * destination, which is not analysed).
     */
    static Verdict evaluate(ServiceFacts facts, Placement placement, Ec2.Subnet subnet, Destination destination) {
        String at = "subnet %s is IPv6-only".formatted(subnet.id());
        List<Optional<CheckSupport.LaunchType>> launchTypes = new ArrayList<>();
        List<String> hostArns = new ArrayList<>();
        for (Ecs.Task task : facts.runningTasks()) {
            if (placement.taskArns().contains(task.arn())) {
                launchTypes.add(CheckSupport.launchType(facts.service(), task));
                hostArns.add(task.containerInstanceArn());
            }
        }
        if (placement.newTasks()) {
            launchTypes.add(CheckSupport.launchType(facts.service(), null));
        }
        if (launchTypes.contains(Optional.of(CheckSupport.LaunchType.FARGATE))) {
            return Verdict.unknown("%s and the tasks run on Fargate: the ECS Exec documentation lists IPv6-only tasks "
                    + "as unsupported, and only ECS agent %s or later on EC2 is known to configure the exec agent for "
                    + "them", at, AGENT_MINIMUM);
        }
        if (!launchTypes.stream().allMatch(Optional.of(CheckSupport.LaunchType.EC2)::equals)) {
            return Verdict.unknown("%s and the tasks' launch type is not EC2 or not known: whether their ECS agent "
                    + "configures the exec agent for IPv6-only is not known", at);
        }
        List<Ecs.ContainerInstance> hosts = new ArrayList<>();
        for (String arn : hostArns) {
            var host = arn == null ? Optional.<Ecs.ContainerInstance>empty() : facts.containerInstance(arn);
            if (host.isEmpty()) {
                return Verdict.unknown("%s and the container instance of a task (%s) is not known", at, arn);
            }
            hosts.add(host.get());
        }
        if (placement.newTasks()) {
            hosts.addAll(facts.capacity());
        }
        if (hosts.isEmpty()) {
            return Verdict.unknown("%s and no container instance can host new tasks", at);
        }
        for (Ecs.ContainerInstance host : hosts) {
            String name = name(host);
            var order = CheckSupport.compareVersions(host.agentVersion(), AGENT_MINIMUM);
            if (order.isEmpty()) {
                return Verdict.unknown("%s and container instance %s reports ECS agent version %s, not a version "
                        + "number", at, name, host.agentVersion());
            }
            if (order.getAsInt() < 0) {
                return Verdict.fail("%s and container instance %s runs ECS agent %s: agents before %s do not configure "
                        + "the exec agent for IPv6-only tasks", at, name, host.agentVersion(), AGENT_MINIMUM);
            }
        }
        return Verdict.unknown("%s; the ECS agent on %s (%s or later) configures the exec agent for it, but the IPv6 "
                + "path to %s is not analysed", at, Summary.naming(hosts.stream().map(Ipv6Only::name).distinct()
                .toList(), 2), AGENT_MINIMUM, destination.name());
    }

    private static String name(Ecs.ContainerInstance host) {
        return host.ec2InstanceId() != null ? host.ec2InstanceId() : host.arn();
    }
}
