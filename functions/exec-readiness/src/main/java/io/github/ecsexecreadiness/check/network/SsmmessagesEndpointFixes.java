package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.check.AwsCli;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Remedy;
import io.github.ecsexecreadiness.check.Remedy.Proposal;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.collect.NetworkSnapshot.VpcNetwork;
import io.github.ecsexecreadiness.collect.Unreadable;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.fix.Fix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The remedy of {@code network.ssmmessages}: create the ssmmessages interface endpoint when the VPC has none, or
 * open the existing endpoint's security group to the tasks. A fix is proposed only when the check, run again on
 * the network as the fix would leave it, passes; otherwise what still breaks is for a person.
 */
final class SsmmessagesEndpointFixes {
    static final Remedy REMEDY = Remedy.forEachResult(
            List.of(Fix.CreateSsmmessagesEndpoint.class, Fix.AuthorizeEndpointIngress.class),
            (result, facts, context) -> List.of(plan(result, facts)), SsmmessagesEndpointFixes::advice);

    /** Stand-ins for what the fix creates, seen by the re-run check only. */
    static final String PLANNED_ENDPOINT = "vpce-(planned)";
    static final String PLANNED_GROUP = "sg-(planned)";
    private static final int HTTPS = 443;

    /** The name of the group the advice creates for the endpoint. */
    static final String ADVISED_GROUP_NAME = "ecs-exec-ssmmessages-endpoint";

    private SsmmessagesEndpointFixes() {}

    /** The commands making the change the proposed fix would make; none when it is a person's task. */
    private static List<String> advice(CheckResult result, ServiceFacts facts) {
        String region = facts.region();
        return switch (plan(result, facts).fix()) {
            case Fix.CreateSsmmessagesEndpoint fix -> List.of(
                    AwsCli.command("ec2", "create-security-group").option("--vpc-id", fix.vpcId())
                            .option("--group-name", ADVISED_GROUP_NAME)
                            .option("--description", "ECS Exec: TCP 443 to the ssmmessages endpoint from ECS tasks")
                            .option("--region", region).assignedTo("ENDPOINT_SG", "GroupId"),
                    AwsCli.command("ec2", "authorize-security-group-ingress").variable("--group-id", "ENDPOINT_SG")
                            .option("--ip-permissions", httpsFromGroups(fix.sourceSecurityGroupIds()))
                            .option("--region", region).toString(),
                    AwsCli.command("ec2", "create-vpc-endpoint").option("--vpc-id", fix.vpcId())
                            .option("--vpc-endpoint-type", "Interface").option("--service-name", ssmmessages(region))
                            .option("--subnet-ids", fix.subnetIds()).variable("--security-group-ids", "ENDPOINT_SG")
                            .flag("--private-dns-enabled").option("--region", region).toString());
            case Fix.AuthorizeEndpointIngress fix -> List.of(
                    AwsCli.command("ec2", "authorize-security-group-ingress")
                            .option("--group-id", fix.endpointSecurityGroupId())
                            .option("--ip-permissions", httpsFromGroups(fix.sourceSecurityGroupIds()))
                            .option("--region", region).toString());
            default -> List.of();
        };
    }

    /** The AWS CLI shorthand for TCP 443 from these security groups. */
    private static String httpsFromGroups(List<String> groups) {
        return "IpProtocol=tcp,FromPort=" + HTTPS + ",ToPort=" + HTTPS + ",UserIdGroupPairs=["
                + String.join(",", groups.stream().map(group -> "{GroupId=" + group + "}").toList()) + "]";
    }

    private static String ssmmessages(String region) {
        return "com.amazonaws." + region + ".ssmmessages";
    }

    private static Proposal plan(CheckResult result, ServiceFacts facts) {
        Ecs.AwsVpcConfiguration config = facts.service().awsvpcConfiguration();
        if (config == null || config.subnets().isEmpty()) {
            return manual(result, "the service has no awsvpc subnets to place an endpoint in");
        }
        var network = facts.network();
        List<Ec2.Subnet> subnets = new ArrayList<>();
        for (String id : new TreeSet<>(config.subnets())) {
            subnets.add(network.subnets().find(id).orElseThrow(() -> new Unreadable("subnet " + id + " not found")));
        }
        var vpcIds = subnets.stream().map(Ec2.Subnet::vpcId).distinct().toList();
        if (vpcIds.size() != 1) {
            return manual(result, "the service's subnets span VPCs " + vpcIds);
        }
        var foreign = subnets.stream().filter(s -> !facts.accountId().equals(s.ownerId())).findFirst();
        if (foreign.isPresent()) {
            return manual(result, "subnet " + foreign.get().id() + " is shared by account " + foreign.get().ownerId()
                    + ": endpoints of its VPC are that account's to create");
        }
        String vpcId = vpcIds.getFirst();
        VpcNetwork vpc = network.vpcs().find(vpcId).orElseThrow(() -> new Unreadable(vpcId + " not found"));
        List<String> sources = sourceGroups(facts, config);
        String service = ssmmessages(facts.region());
        List<Ec2.VpcEndpoint> endpoints = vpc.endpoints().stream()
                .filter(e -> service.equals(e.serviceName()) && "Interface".equals(e.vpcEndpointType()))
                .filter(e -> !"deleted".equalsIgnoreCase(e.state()))
                .toList();
        if (endpoints.isEmpty()) {
            return create(result, facts, vpc, subnets, sources);
        }
        Optional<Ec2.VpcEndpoint> privateDns = endpoints.stream().filter(Ec2.VpcEndpoint::privateDnsEnabled)
                .min(Comparator.comparing(e -> !"available".equals(e.state())));
        if (privateDns.isEmpty() || privateDns.get().securityGroupIds().isEmpty()) {
            String id = endpoints.getFirst().id();
            return Proposal.manual(result.id(), "Turn on private DNS for ssmmessages endpoint " + id + " (aws ec2 "
                    + "modify-vpc-endpoint --vpc-endpoint-id " + id + " --private-dns-enabled) with enableDnsSupport "
                    + "and enableDnsHostnames on " + vpcId, result.reason());
        }
        return authorize(result, facts, vpc, privateDns.get(), sources);
    }

    /** One subnet per Availability Zone (the lowest id of each), AZs in order; a new group admitting the tasks. */
    private static Proposal create(CheckResult result, ServiceFacts facts, VpcNetwork vpc, List<Ec2.Subnet> subnets,
                                    List<String> sources) {
        Map<String, String> subnetPerZone = new TreeMap<>();
        subnets.forEach(s -> subnetPerZone.merge(s.availabilityZone(), s.id(), (a, b) -> a.compareTo(b) <= 0 ? a : b));
        Ec2.Vpc v = vpc.vpc();
        List<String> cidrs = vpcCidrBlocks(facts, v);
        var fix = new Fix.CreateSsmmessagesEndpoint(v.id(), List.copyOf(subnetPerZone.values()), sources, cidrs);

        // Without a private-DNS endpoint the collector does not read the DNS attributes; CreateVpcEndpoint itself
        // refuses private DNS unless both are on, so the re-run assumes them and the note says so.
        boolean unread = v.enableDnsSupport() == null || v.enableDnsHostnames() == null;
        var withDns = new Ec2.Vpc(v.id(), v.ownerId(), v.cidrBlock(),
                v.enableDnsSupport() == null || v.enableDnsSupport(),
                v.enableDnsHostnames() == null || v.enableDnsHostnames());
        var endpoint = new Ec2.VpcEndpoint(PLANNED_ENDPOINT, v.id(), ssmmessages(facts.region()),
                "Interface", "available", true, List.of(PLANNED_GROUP), fix.subnetIds());
        var group = new Ec2.SecurityGroup(PLANNED_GROUP, v.id(), List.of(httpsFrom(sources),
                new Ec2.SecurityGroupRule("tcp", HTTPS, HTTPS, cidrs, List.of(), List.of())), List.of());
        List<Ec2.VpcEndpoint> endpoints = new ArrayList<>(vpc.endpoints());
        endpoints.add(endpoint);
        Map<String, Ec2.SecurityGroup> groups = new HashMap<>(vpc.securityGroups());
        groups.put(PLANNED_GROUP, group);
        var after = new VpcNetwork(withDns, vpc.routeTables(), vpc.natGateways(), vpc.internetGateways(), endpoints,
                groups);
        String dns = unread ? "the DNS attributes of " + v.id() + " were not read: creating the endpoint fails unless "
                + "enableDnsSupport and enableDnsHostnames are on; " : "";
        Proposal proposal = verified(result, facts, after, fix, dns + "private DNS sends every client of " + v.id()
                + " to the endpoint: its group admits " + cidrs + "; EC2 instances (Session Manager) and other "
                + "clients outside these blocks, or whose own groups refuse TCP 443 egress to it, may rely on the "
                + "current path");
        if (proposal.fix() != fix) {
            return proposal;
        }
        return brokenElsewhere(facts, v.id(), after).map(broken -> manual(result, "an endpoint with private DNS "
                + "would take the ssmmessages path of the whole VPC " + v.id() + " and break " + broken))
                .orElse(proposal);
    }

    /**
     * The VPC's primary CIDR block and those of its subnets the snapshot holds outside it (secondary blocks): the
     * endpoint's group admits them all. Secondary blocks without a subnet the snapshot read are not seen.
     */
    private static List<String> vpcCidrBlocks(ServiceFacts facts, Ec2.Vpc vpc) {
        var blocks = new TreeSet<String>();
        if (vpc.cidrBlock() != null) {
            blocks.add(vpc.cidrBlock());
        }
        facts.network().subnets().found().values().stream()
                .filter(subnet -> vpc.id().equals(subnet.vpcId()) && subnet.cidrBlock() != null)
                .filter(subnet -> vpc.cidrBlock() == null
                        || !Ipv4Cidr.parse(vpc.cidrBlock()).contains(Ipv4Cidr.parse(subnet.cidrBlock())))
                .forEach(subnet -> blocks.add(subnet.cidrBlock()));
        return List.copyOf(blocks);
    }

    /**
     * Every other service of the snapshot in this VPC whose ssmmessages path passes today and would not once the
     * endpoint takes the VPC's name resolution: "service api (reason)". Services the check cannot decide count as
     * broken (fail closed).
     */
    private static Optional<String> brokenElsewhere(ServiceFacts facts, String vpcId, VpcNetwork after) {
        var changed = facts.network().withVpc(vpcId, after);
        var check = new SsmmessagesPathCheck();
        List<String> broken = new ArrayList<>();
        for (ServiceFacts other : facts.otherServices()) {
            if (!inVpc(other, vpcId)) {
                continue;
            }
            if (other.derived(new PathToday(other.service().arn()), () -> evaluate(check, other)).status()
                    != Status.PASS) {
                continue; // failing or undecided today: the endpoint cannot take a working path from it
            }
            CheckResult then = evaluate(check, other.withNetwork(changed));
            if (then.status() != Status.PASS) {
                broken.add("service " + other.service().name() + " (" + then.reason() + ")");
            }
        }
        return broken.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", broken));
    }

    /** The key of a service's ssmmessages path on the snapshot as read (not as a fix would leave it). */
    private record PathToday(String serviceArn) {}

    private static CheckResult evaluate(SsmmessagesPathCheck check, ServiceFacts facts) {
        try {
            return check.evaluate(facts);
        } catch (Unreadable e) {
            return new CheckResult(check.metadata(), Status.UNKNOWN, e.getMessage());
        }
    }

    private static boolean inVpc(ServiceFacts facts, String vpcId) {
        Ecs.AwsVpcConfiguration config = facts.service().awsvpcConfiguration();
        return config != null && config.subnets().stream().anyMatch(id -> {
            try {
                return facts.network().subnets().find(id).map(s -> vpcId.equals(s.vpcId())).orElse(false);
            } catch (Unreadable e) {
                return true; // cannot tell: counted, and its path is evaluated
            }
        });
    }

    /** The rule goes into the endpoint's first security group (by id). */
    private static Proposal authorize(CheckResult result, ServiceFacts facts, VpcNetwork vpc, Ec2.VpcEndpoint endpoint,
                                       List<String> sources) {
        String groupId = new TreeSet<>(endpoint.securityGroupIds()).first();
        var fix = new Fix.AuthorizeEndpointIngress(endpoint.id(), groupId, sources);
        Ec2.SecurityGroup group = vpc.securityGroups().get(groupId);
        if (group == null) {
            return manual(result, "security group " + groupId + " of endpoint " + endpoint.id() + " not found");
        }
        List<Ec2.SecurityGroupRule> ingress = new ArrayList<>(group.ingress());
        ingress.add(httpsFrom(sources));
        Map<String, Ec2.SecurityGroup> groups = new HashMap<>(vpc.securityGroups());
        groups.put(groupId, new Ec2.SecurityGroup(groupId, group.vpcId(), ingress, group.egress()));
        var after = new VpcNetwork(vpc.vpc(), vpc.routeTables(), vpc.natGateways(), vpc.internetGateways(),
                vpc.endpoints(), groups);
        return verified(result, facts, after, fix, null);
    }

    /** The fix when the check passes on the network it would leave; otherwise a person's task, saying what remains. */
    private static Proposal verified(CheckResult result, ServiceFacts facts, VpcNetwork after, Fix fix, String note) {
        var changed = facts.network().withVpc(after.vpc().id(), after);
        CheckResult recheck = new SsmmessagesPathCheck().evaluate(facts.withNetwork(changed));
        if (recheck.status() == Status.PASS) {
            return Proposal.guarded(fix, note);
        }
        String remains = recheck.reason().equals(result.reason()) ? "it is not repaired by"
                : "still " + recheck.reason() + " after";
        return Proposal.manual(result.id(), result.check().remediation(), result.reason() + "; " + remains
                + " the only fix this tool could apply (" + fix.description() + ")");
    }

    /** The service's groups and those of its running awsvpc tasks (older deployments may differ), sorted. */
    private static List<String> sourceGroups(ServiceFacts facts, Ecs.AwsVpcConfiguration config) {
        var groups = new TreeSet<>(config.securityGroups());
        for (Ecs.Task task : facts.runningTasks()) {
            if (task.networkInterface() == null) {
                continue;
            }
            try {
                facts.network().networkInterfaces().find(task.networkInterface().networkInterfaceId())
                        .ifPresent(eni -> groups.addAll(eni.securityGroupIds()));
            } catch (Unreadable e) {
                // The re-run check reports this task UNKNOWN, so no fix is planned on a guess.
            }
        }
        return List.copyOf(groups);
    }

    private static Ec2.SecurityGroupRule httpsFrom(List<String> groups) {
        return new Ec2.SecurityGroupRule("tcp", HTTPS, HTTPS, List.of(), groups, List.of());
    }

    private static Proposal manual(CheckResult result, String why) {
        return Proposal.manual(result.id(), result.check().remediation(), result.reason() + "; " + why);
    }
}
