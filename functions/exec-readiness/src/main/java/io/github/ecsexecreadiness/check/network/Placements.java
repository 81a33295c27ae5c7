package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.collect.Unreadable;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Where the service's tasks sit in the network: each running task, and the subnets the service puts new
 * tasks in. Tasks that share subnet, security groups and public-IP status share one {@link Placement}.
 */
final class Placements {
    private static final String NEW_TASKS = "new tasks";

    private Placements() {}

    /** What locating tasks yields: a place in a VPC, or a verdict reached without one. */
    sealed interface Located permits Placement, Verdict {}

    /**
     * Tasks that send traffic from one subnet with the same security groups. {@code privateIps} and
     * {@code taskArns} are those of the running tasks; {@code newTasks} means tasks not started yet may get any
     * address of the subnet.
     */
    record Placement(String subnetId, Set<String> securityGroupIds, boolean publicIp, List<String> occupants,
                     Set<String> privateIps, Set<String> taskArns, boolean newTasks) implements Located {
        Placement {
            securityGroupIds = Set.copyOf(securityGroupIds);
            occupants = List.copyOf(occupants);
            privateIps = Set.copyOf(privateIps);
            taskArns = Set.copyOf(taskArns);
        }

        /** Placements with the same key reach ssmmessages the same way. */
        List<Object> key() {
            return List.of(subnetId, securityGroupIds, publicIp);
        }

        Placement merge(Placement other) {
            List<String> allOccupants = new ArrayList<>(occupants);
            allOccupants.addAll(other.occupants);
            Set<String> ips = new LinkedHashSet<>(privateIps);
            ips.addAll(other.privateIps);
            Set<String> arns = new LinkedHashSet<>(taskArns);
            arns.addAll(other.taskArns);
            return new Placement(subnetId, securityGroupIds, publicIp, allOccupants, ips, arns,
                    newTasks || other.newTasks);
        }

        String label() {
            return Summary.naming(occupants, 2);
        }

        /** Where the tasks send from: running tasks' addresses; new tasks may get any address of the subnet. */
        List<Ipv4Cidr> sources(Ec2.Subnet subnet) {
            List<Ipv4Cidr> sources = new ArrayList<>();
            privateIps.stream().sorted().map(Ipv4Cidr::parse).forEach(sources::add);
            if (newTasks || sources.isEmpty()) {
                sources.add(Ipv4Cidr.parse(subnet.cidrBlock()));
            }
            return sources;
        }

        List<String> sortedSecurityGroupIds() {
            return List.copyOf(new TreeSet<>(securityGroupIds));
        }
    }

    /**
     * The merged placements (running tasks first, then the service's subnets), followed by the verdicts reached
     * without one (networkMode none, external instances, unreadable or vanished ENIs and instances).
     */
    static List<Located> of(ServiceFacts facts) {
        List<Located> located = new ArrayList<>();
        for (Ecs.Task task : facts.runningTasks()) {
            String where = "task " + task.id();
            located.addAll(guarded(where, () -> List.of(ofTask(facts, task, where))));
        }
        located.addAll(guarded(NEW_TASKS, () -> ofNewTasks(facts)));

        Map<List<Object>, Placement> merged = new LinkedHashMap<>();
        List<Located> result = new ArrayList<>();
        for (Located one : located) {
            switch (one) {
                case Placement placement -> merged.merge(placement.key(), placement, Placement::merge);
                case Verdict verdict -> result.add(verdict);
            }
        }
        result.addAll(0, merged.values());
        return result;
    }

    private static Located ofTask(ServiceFacts facts, Ecs.Task task, String where) {
        var taskDefinition = facts.taskDefinition(task.taskDefinitionArn());
        String networkMode = taskDefinition.networkMode();
        if ("none".equals(networkMode)) {
            return noNetwork(taskDefinition).at(where);
        }
        if ("EXTERNAL".equals(task.launchType())) {
            return Verdict.unknown("runs on an external (ECS Anywhere) instance whose network is outside the VPC data")
                    .at(where);
        }
        var network = facts.network();
        if ("awsvpc".equals(networkMode)) {
            var attachment = task.networkInterface();
            if (attachment == null) {
                return Verdict.unknown("awsvpc task without an ENI attachment").at(where);
            }
            var eni = network.networkInterfaces().find(attachment.networkInterfaceId()).orElse(null);
            if (eni == null) {
                return Verdict.unknown("ENI %s not found (task stopping?)", attachment.networkInterfaceId()).at(where);
            }
            return running(task, where, eni.subnetId(), eni.securityGroupIds(), eni.publicIp(), eni.privateIp());
        }
        // bridge, host and Windows default modes: containers send traffic from the EC2 instance's own network.
        if (task.containerInstanceArn() == null) {
            return Verdict.unknown("%s network mode without a container instance", networkMode).at(where);
        }
        var containerInstance = facts.containerInstance(task.containerInstanceArn()).orElse(null);
        if (containerInstance == null) {
            return Verdict.unknown("container instance %s not found", task.containerInstanceArn()).at(where);
        }
        var instance = network.instances().find(containerInstance.ec2InstanceId()).orElse(null);
        if (instance == null) {
            return Verdict.unknown("EC2 instance %s not found", containerInstance.ec2InstanceId()).at(where);
        }
        return running(task, where + " (on " + instance.id() + ")", instance.subnetId(), instance.securityGroupIds(),
                instance.publicIp(), instance.privateIp());
    }

    /**
     * The service's awsvpc subnets, where the next tasks start. Only Fargate ENIs get the public IP that
     * assignPublicIp asks for; EC2 awsvpc ENIs never have one.
     */
    private static List<Located> ofNewTasks(ServiceFacts facts) {
        var taskDefinition = facts.taskDefinition();
        if ("none".equals(taskDefinition.networkMode())) {
            return List.of(noNetwork(taskDefinition).at(NEW_TASKS));
        }
        var service = facts.service();
        var config = service.awsvpcConfiguration();
        if (!"awsvpc".equals(taskDefinition.networkMode()) || config == null) {
            return List.of();
        }
        boolean publicIp = config.assignPublicIp() && !"EC2".equals(service.launchType());
        return config.subnets().stream()
                .<Located>map(subnet -> new Placement(subnet, Set.copyOf(config.securityGroups()), publicIp,
                        List.of(NEW_TASKS), Set.of(), Set.of(), true))
                .toList();
    }

    private static Placement running(Ecs.Task task, String where, String subnetId, List<String> securityGroupIds,
                                     String publicIp, String privateIp) {
        return new Placement(subnetId, Set.copyOf(securityGroupIds), publicIp != null, List.of(where),
                privateIp == null ? Set.of() : Set.of(privateIp), Set.of(task.arn()), false);
    }

    private static Verdict noNetwork(Ecs.TaskDefinition taskDefinition) {
        return Verdict.fail("task definition %s uses networkMode none: no network path to ssmmessages",
                taskDefinition.familyRevision());
    }

    /** Data that could not be read makes this task UNKNOWN without hiding what the others show. */
    private static List<Located> guarded(String where, Supplier<List<Located>> locate) {
        try {
            return locate.get();
        } catch (Unreadable e) {
            return List.of(Verdict.unknown("%s", e.getMessage()).at(where));
        }
    }
}
