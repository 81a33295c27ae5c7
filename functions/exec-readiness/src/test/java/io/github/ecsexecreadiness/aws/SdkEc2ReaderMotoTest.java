package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.collect.Ec2Reader;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.moto.MotoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

/** SdkEc2Reader against moto: a VPC with private and public subnets, NAT, IGW and an ssmmessages endpoint. */
@StartsEmulator
class SdkEc2ReaderMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private AwsClients clients;
    private Ec2Client ec2;
    private Ec2Reader reader;
    private String vpcId;
    private String otherVpcId;
    private String privateSubnet;
    private String publicSubnet;
    private String igwId;
    private String natId;
    private String mainTableId;
    private String publicTableId;
    private String taskGroup;
    private String endpointGroup;
    private String endpointId;

    @BeforeEach
    void seed() {
        clients = moto.newClients();
        ec2 = clients.ec2();
        reader = new SdkEc2Reader(ec2);
        vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        otherVpcId = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
        privateSubnet = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("eu-west-1a"))
                .subnet().subnetId();
        publicSubnet = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.2.0/24").availabilityZone("eu-west-1b"))
                .subnet().subnetId();
        ec2.createSubnet(r -> r.vpcId(otherVpcId).cidrBlock("10.1.1.0/24"));

        igwId = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(igwId).vpcId(vpcId));
        String otherIgw = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(otherIgw).vpcId(otherVpcId));
        String eip = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
        natId = ec2.createNatGateway(r -> r.subnetId(publicSubnet).allocationId(eip)).natGateway().natGatewayId();

        mainTableId = ec2.describeRouteTables(r -> r.filters(f -> f.name("vpc-id").values(vpcId),
                f -> f.name("association.main").values("true"))).routeTables().getFirst().routeTableId();
        ec2.createRoute(r -> r.routeTableId(mainTableId).destinationCidrBlock("0.0.0.0/0").natGatewayId(natId));
        publicTableId = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(publicTableId).destinationCidrBlock("0.0.0.0/0").gatewayId(igwId));
        ec2.associateRouteTable(r -> r.routeTableId(publicTableId).subnetId(publicSubnet));

        taskGroup = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("tasks").description("tasks")).groupId();
        endpointGroup = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("endpoints").description("e")).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(endpointGroup).ipPermissions(p -> p.ipProtocol("tcp")
                .fromPort(443).toPort(443).userIdGroupPairs(g -> g.groupId(taskGroup))
                .ipRanges(i -> i.cidrIp("10.0.0.0/16"))));
        endpointId = ec2.createVpcEndpoint(r -> r.vpcId(vpcId).vpcEndpointType(VpcEndpointType.INTERFACE)
                .serviceName("com.amazonaws.eu-west-1.ssmmessages").subnetIds(privateSubnet)
                .securityGroupIds(endpointGroup).privateDnsEnabled(true)).vpcEndpoint().vpcEndpointId();
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void subnetsByIdLeaveOutIdsThatDoNotExist() {
        var subnets = reader.describeSubnets(List.of(privateSubnet, "subnet-0deleted000000000", publicSubnet));

        assertEquals(Set.of(privateSubnet, publicSubnet), ids(subnets, Ec2.Subnet::id));
        var subnet = subnets.stream().filter(s -> s.id().equals(privateSubnet)).findFirst().orElseThrow();
        assertEquals(new Ec2.Subnet(privateSubnet, vpcId, "eu-west-1a", MotoServer.ACCOUNT_ID, "10.0.1.0/24", false),
                subnet);
    }

    @Test
    void chunksFilterValuesAndSkipsTheCallWhenThereAreNone() {
        List<String> ids = new ArrayList<>(IntStream.range(0, Ec2Reader.MAX_FILTER_VALUES)
                .mapToObj(i -> "subnet-%017x".formatted(i)).toList());
        ids.add(privateSubnet);

        var subnets = reader.describeSubnets(ids);
        reader.describeSecurityGroups(List.of());

        assertEquals(Set.of(privateSubnet), ids(subnets, Ec2.Subnet::id));
        var calls = clients.apiCalls().snapshot();
        assertEquals(2L, calls.get("EC2.DescribeSubnets"));
        assertFalse(calls.containsKey("EC2.DescribeSecurityGroups"), calls.toString());
    }

    @Test
    void networkInterfacesAndInstances() {
        String eni = ec2.createNetworkInterface(r -> r.subnetId(privateSubnet).groups(taskGroup)
                .privateIpAddress("10.0.1.10")).networkInterface().networkInterfaceId();
        var instance = ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).subnetId(privateSubnet)
                .securityGroupIds(taskGroup)).instances().getFirst();

        var interfaces = reader.describeNetworkInterfaces(List.of(eni, "eni-0deleted000000000"));
        var instances = reader.describeInstances(List.of(instance.instanceId(), "i-0deleted000000000"));

        assertEquals(List.of(new Ec2.NetworkInterface(eni, privateSubnet, vpcId, List.of(taskGroup), null,
                "10.0.1.10")), interfaces);
        assertEquals(List.of(new Ec2.Instance(instance.instanceId(), privateSubnet, vpcId, List.of(taskGroup),
                instance.publicIpAddress(), instance.privateIpAddress())), instances);
    }

    @Test
    void describeInstancesFollowsEveryPage() {
        // moto pages DescribeInstances by 100 reservations: 101 reservations need two pages.
        List<String> ids = IntStream.range(0, 101).mapToObj(i -> ec2.runInstances(r -> r.imageId("ami-12c6146b")
                .minCount(1).maxCount(1).subnetId(privateSubnet)).instances().getFirst().instanceId()).toList();

        var instances = reader.describeInstances(ids);

        assertEquals(Set.copyOf(ids), ids(instances, Ec2.Instance::id));
        assertEquals(2L, clients.apiCalls().snapshot().get("EC2.DescribeInstances"));
    }

    @Test
    void routeTablesKnowTheMainTableTheirSubnetsAndRouteTargets() {
        var tables = reader.describeRouteTables(List.of(vpcId)).stream()
                .collect(Collectors.toMap(Ec2.RouteTable::id, t -> t));

        assertEquals(Set.of(mainTableId, publicTableId), tables.keySet());
        var main = tables.get(mainTableId);
        var pub = tables.get(publicTableId);
        assertAll(
                () -> assertTrue(main.main()),
                () -> assertEquals(List.of(), main.subnetIds()),
                () -> assertEquals(Map.of("10.0.0.0/16", "local", "0.0.0.0/0", natId), targets(main)),
                () -> assertFalse(pub.main()),
                () -> assertEquals(List.of(publicSubnet), pub.subnetIds()),
                () -> assertEquals(Map.of("10.0.0.0/16", "local", "0.0.0.0/0", igwId), targets(pub)),
                () -> assertEquals("active", pub.routes().getFirst().state()));
    }

    @Test
    void gatewaysAndEndpointsOfTheAskedVpcsOnly() {
        var nats = reader.describeNatGateways(List.of(vpcId));
        var igws = reader.describeInternetGateways(List.of(vpcId));
        var endpoints = reader.describeVpcEndpoints(List.of(vpcId));

        assertEquals(1, nats.size());
        assertAll(
                () -> assertEquals(natId, nats.getFirst().id()),
                () -> assertEquals(vpcId, nats.getFirst().vpcId()),
                () -> assertEquals(publicSubnet, nats.getFirst().subnetId()),
                () -> assertEquals("available", nats.getFirst().state()),
                () -> assertEquals(List.of(new Ec2.InternetGateway(igwId, vpcId, "available")), igws),
                () -> assertEquals(List.of(new Ec2.VpcEndpoint(endpointId, vpcId, "com.amazonaws.eu-west-1.ssmmessages",
                        "Interface", endpoints.getFirst().state(), true, List.of(endpointGroup),
                        List.of(privateSubnet))), endpoints));
    }

    @Test
    void securityGroupRulesWithCidrsGroupsAndAllTraffic() {
        var groups = reader.describeSecurityGroups(List.of(vpcId)).stream()
                .collect(Collectors.toMap(Ec2.SecurityGroup::id, g -> g));

        var endpoints = groups.get(endpointGroup);
        assertEquals(List.of(new Ec2.SecurityGroupRule("tcp", 443, 443, List.of("10.0.0.0/16"), List.of(taskGroup),
                List.of())), endpoints.ingress());
        // The default egress rule: all protocols, so no ports.
        assertEquals(List.of(new Ec2.SecurityGroupRule("-1", null, null, List.of("0.0.0.0/0"), List.of(), List.of())),
                endpoints.egress());
        assertTrue(groups.values().stream().allMatch(g -> g.vpcId().equals(vpcId)));
    }

    @Test
    void vpcsAndTheirDnsAttributes() {
        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsHostnames(v -> v.value(true)));

        var vpcs = reader.describeVpcs(List.of(vpcId, "vpc-0deleted000000000"));

        assertEquals(List.of(new Ec2.Vpc(vpcId, MotoServer.ACCOUNT_ID, "10.0.0.0/16", null, null)), vpcs);
        assertTrue(reader.describeVpcAttribute(vpcId, "enableDnsSupport"));
        assertTrue(reader.describeVpcAttribute(vpcId, "enableDnsHostnames"));
        assertFalse(reader.describeVpcAttribute(otherVpcId, "enableDnsHostnames"));
        var error = assertThrows(AwsApiException.class,
                () -> reader.describeVpcAttribute("vpc-0deleted000000000", "enableDnsSupport"));
        assertEquals("EC2.DescribeVpcAttribute", error.operation());
        assertEquals("InvalidVpcID.NotFound", error.errorCode());
    }

    private static Map<String, String> targets(Ec2.RouteTable table) {
        return table.routes().stream().collect(Collectors.toMap(Ec2.Route::destinationCidrBlock, Ec2.Route::target));
    }

    private static <T> Set<String> ids(List<T> items, Function<T, String> id) {
        return items.stream().map(id).collect(Collectors.toSet());
    }
}
