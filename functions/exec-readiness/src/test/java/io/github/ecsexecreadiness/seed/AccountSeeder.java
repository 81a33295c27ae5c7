package io.github.ecsexecreadiness.seed;

import java.util.function.Consumer;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/**
 * The one vocabulary test accounts are written in: the steps a person would take in AWS, named after the API
 * calls they make, each returning the id or ARN AWS gives back. A test account written once in these steps is
 * seeded into moto and the wire fakes ({@code moto/SdkSeeder}, which makes the calls) or into memory
 * ({@code memory/InMemorySeeder}, which stores what AWS would create, defaults included). ECS steps take the SDK's
 * own request builders, so both sides read the same request.
 *
 * <p>What no emulator can hold (a RUNNING awsvpc task with its ENI, agent states, reads that fail) is described
 * in memory only, with {@code check/Scenario} and {@code InMemoryAccount}.
 */
public interface AccountSeeder {
    // ---- EC2 ------------------------------------------------------------------------------------------------

    /** CreateVpc: with its main route table (the local route only) and its default security group. */
    String vpc(String cidr);

    /** ModifyVpcAttribute: DNS support and DNS hostnames on (what private DNS of an interface endpoint needs). */
    void vpcDnsHostnames(String vpc);

    /** CreateSubnet in the Region's first Availability Zone (a); it uses the VPC's main route table. */
    String subnet(String vpc, String cidr);

    /** CreateSecurityGroup: no ingress, all egress. */
    String securityGroup(String vpc, String name);

    /** AuthorizeSecurityGroupIngress: TCP {@code port} from members of {@code sourceGroup}. */
    void tcpIngress(String group, int port, String sourceGroup);

    /** CreateInternetGateway, then AttachInternetGateway to {@code vpc}. */
    String internetGateway(String vpc);

    /** AllocateAddress, then CreateNatGateway (public) in {@code publicSubnet}. */
    String natGateway(String publicSubnet);

    /** The VPC's main route table, which serves every subnet without an association of its own. */
    String mainRouteTable(String vpc);

    /** CreateRouteTable (the local route only), then AssociateRouteTable with {@code subnet}. */
    String routeTable(String vpc, String subnet);

    /** CreateRoute to a gateway: an internet gateway ({@code igw-}) or a NAT gateway ({@code nat-}). */
    void route(String routeTable, String destinationCidr, String target);

    /** CreateVpcEndpoint: an Interface endpoint for {@code serviceName} with private DNS on. */
    String interfaceEndpoint(String vpc, String serviceName, String subnet, String securityGroup);

    /**
     * CreateNetworkAcl (only the final {@code *} rules, which deny everything), then ReplaceNetworkAclAssociation:
     * {@code subnet} leaves the VPC's default ACL for it.
     */
    String networkAcl(String vpc, String subnet);

    /** CreateNetworkAclEntry: allow TCP {@code fromPort}-{@code toPort} to (egress) or from {@code cidr}. */
    void networkAclEntry(String networkAcl, int ruleNumber, boolean egress, String cidr, int fromPort, int toPort);

    /** CreateHostedZone: a private hosted zone for {@code name} associated with {@code vpc}; returns its id. */
    String privateHostedZone(String name, String vpc);

    // ---- IAM ------------------------------------------------------------------------------------------------

    /** A task role only ECS tasks may assume, with one inline policy {@code policyName}, or none when null. */
    String taskRole(String name, String policyName, String policyDocument);

    /** CreatePolicy: a customer managed policy; returns its ARN. */
    String managedPolicy(String name, String document);

    /** AttachRolePolicy. */
    void attachRolePolicy(String roleName, String policyArn);

    // ---- ECS ------------------------------------------------------------------------------------------------

    /** CreateCluster {@code name}, with whatever else {@code cluster} sets (its configuration, tags). */
    String cluster(String name, Consumer<CreateClusterRequest.Builder> cluster);

    default String cluster(String name) {
        return cluster(name, r -> {});
    }

    /**
     * An EC2 instance in {@code subnet} registered as an ACTIVE container instance of {@code cluster}, with the
     * ecs.capability.execute-command attribute its agent registers where ECS Exec can work. Returns its ARN.
     */
    String containerInstance(String cluster, String subnet, String securityGroup);

    /** RegisterTaskDefinition: the next revision of the request's family. */
    void taskDefinition(Consumer<RegisterTaskDefinitionRequest.Builder> definition);

    /**
     * CreateService {@code name} in {@code cluster}; with {@code exec}, ECS Exec is then turned on by
     * UpdateService, as a person fixing a service would.
     */
    void service(String cluster, String name, boolean exec, Consumer<CreateServiceRequest.Builder> service);

    /**
     * RunTask: a RUNNING task of {@code taskDefinition} (family, family:revision or ARN) with ECS Exec on, launch
     * type EC2, on a container instance of {@code cluster}, grouped as service {@code service}'s tasks are. Returns
     * its ARN.
     */
    String serviceTask(String cluster, String service, String taskDefinition);
}
