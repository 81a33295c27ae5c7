package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.collect.NetworkSnapshot.VpcNetwork;
import io.github.ecsexecreadiness.model.Ec2;
import java.util.Optional;

/** Which route table routes a subnet, and where it sends internet-bound traffic. */
final class RouteTables {
    static final String DEFAULT_ROUTE = "0.0.0.0/0";

    private RouteTables() {}

    /**
     * The table explicitly associated with the subnet, else the VPC's main table (DescribeRouteTables lists
     * no subnet id for implicit associations).
     */
    static Optional<Ec2.RouteTable> forSubnet(VpcNetwork vpc, String subnetId) {
        return vpc.routeTables().stream().filter(table -> table.subnetIds().contains(subnetId)).findFirst()
                .or(() -> vpc.routeTables().stream().filter(Ec2.RouteTable::main).findFirst());
    }

    /** The IPv4 default route: where traffic to public AWS endpoints such as ssmmessages goes. */
    static Optional<Ec2.Route> defaultRoute(Ec2.RouteTable table) {
        return table.routes().stream().filter(route -> DEFAULT_ROUTE.equals(route.destinationCidrBlock())).findFirst();
    }
}
