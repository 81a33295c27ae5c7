package io.github.ecsexecreadiness.check.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ecsexecreadiness.collect.NetworkSnapshot.VpcNetwork;
import io.github.ecsexecreadiness.model.Ec2;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTablesTest {
    private static final Ec2.Route LOCAL = new Ec2.Route("10.0.0.0/16", null, "local", "active");

    private static Ec2.RouteTable table(String id, boolean main, List<String> subnets, Ec2.Route... routes) {
        return new Ec2.RouteTable(id, "vpc-1", main, subnets, List.of(routes));
    }

    private static VpcNetwork vpc(Ec2.RouteTable... tables) {
        return new VpcNetwork(new Ec2.Vpc("vpc-1", "1", "10.0.0.0/16", true, true), List.of(tables), List.of(),
                List.of(), List.of(), Map.of());
    }

    private static final VpcNetwork VPC = vpc(
            table("rtb-a", false, List.of("subnet-a", "subnet-b")),
            table("rtb-main", true, List.of()),
            table("rtb-c", false, List.of("subnet-c")));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "subnet-a, rtb-a",
        "subnet-b, rtb-a",
        "subnet-c, rtb-c",
        // no explicit association: the main table
        "subnet-z, rtb-main",
    })
    void explicitAssociationElseMainTable(String subnet, String expected) {
        assertEquals(expected, RouteTables.forSubnet(VPC, subnet).orElseThrow().id());
    }

    @Test
    void noTableWhenNeitherAssociatedNorMainIsKnown() {
        assertEquals(Optional.empty(), RouteTables.forSubnet(vpc(table("rtb-a", false, List.of("subnet-a"))), "subnet-z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", value = {
        "0.0.0.0/0,   nat-1",
        "10.1.0.0/16, none",
        // a prefix-list route is not the default route
        "none,        none",
    })
    void defaultRouteIsTheIpv4Slash0(String destination, String expectedTarget) {
        var other = new Ec2.Route(destination, destination == null ? "pl-1" : null, "nat-1", "active");
        var found = RouteTables.defaultRoute(table("rtb-a", false, List.of(), LOCAL, other));
        assertEquals(Optional.ofNullable(expectedTarget), found.map(Ec2.Route::target));
    }
}
