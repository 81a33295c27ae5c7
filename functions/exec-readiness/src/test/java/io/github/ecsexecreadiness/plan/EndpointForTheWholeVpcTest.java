package io.github.ecsexecreadiness.plan;

import io.github.ecsexecreadiness.fix.Fix;
import static io.github.ecsexecreadiness.check.Scenario.ACCOUNT;
import static io.github.ecsexecreadiness.check.Scenario.TASK_SG;
import static io.github.ecsexecreadiness.check.Scenario.VPC;
import static io.github.ecsexecreadiness.plan.PlannerTest.ALL_ON;
import static io.github.ecsexecreadiness.plan.PlannerTest.noRoute;
import static io.github.ecsexecreadiness.plan.PlannerTest.only;
import static io.github.ecsexecreadiness.plan.PlannerTest.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.exec.ServiceFlagCheck;
import io.github.ecsexecreadiness.flow.Outcome;
import io.github.ecsexecreadiness.flow.ReadinessFlow;
import io.github.ecsexecreadiness.flow.Remediator;
import io.github.ecsexecreadiness.flow.Request;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.fix.Fix.CreateSsmmessagesEndpoint;
import io.github.ecsexecreadiness.plan.PlannedFix.Decision;
import io.github.ecsexecreadiness.report.Telemetry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An endpoint with private DNS takes ssmmessages for the whole VPC: its group admits the VPC's blocks, and the
 * other services of the VPC must still pass afterwards. A VPC with service api through NAT and service web isolated.
 */
class EndpointForTheWholeVpcTest {
    static final String NAT_SUBNET = "subnet-0nat";
    static final String SECONDARY_SUBNET = "subnet-0second";
    static final String API_SG = "sg-0api";

    static Scenario natAndIsolated() {
        Scenario s = noRoute();
        s.withSubnet(new Ec2.Subnet(NAT_SUBNET, VPC, "eu-west-1b", ACCOUNT, "10.0.2.0/24", false));
        s.withSubnet(new Ec2.Subnet(SECONDARY_SUBNET, VPC, "eu-west-1b", ACCOUNT,
                "100.64.1.0/24", false));
        List<Ec2.RouteTable> tables = new ArrayList<>(s.vpcs().get(VPC).routeTables());
        tables.add(new Ec2.RouteTable("rtb-0nat", VPC, false, List.of(NAT_SUBNET, SECONDARY_SUBNET), List.of(
                new Ec2.Route("10.0.0.0/16", null, "local", "active"),
                new Ec2.Route("0.0.0.0/0", null, "nat-0a1", "active"))));
        // api has its own group: only the VPC's blocks, not web's groups, admit it to the endpoint.
        Map<String, Ec2.SecurityGroup> groups = new java.util.HashMap<>(s.vpcs().get(VPC).securityGroups());
        groups.put(API_SG, new Ec2.SecurityGroup(API_SG, VPC, List.of(), groups.get(TASK_SG).egress()));
        return s.withVpc(b -> b.routeTables(tables)).withVpc(b -> b.securityGroups(groups)).withOtherService("api", b -> b.awsvpcConfiguration(new Ecs.AwsVpcConfiguration(List.of(NAT_SUBNET, SECONDARY_SUBNET),
                        List.of(API_SG), false)));
    }

    @Test
    void theEndpointsGroupAdmitsEveryBlockOfTheVpcAndSaysWhoMayRelyOnTheCurrentPath() {
        PlannedFix fix = only(plan(natAndIsolated(), ALL_ON, true), CreateSsmmessagesEndpoint.class);
        assertEquals(Decision.APPLY, fix.decision(), fix.reason());
        assertEquals(List.of("10.0.0.0/16", "100.64.1.0/24"),
                ((CreateSsmmessagesEndpoint) fix.fix()).sourceCidrBlocks());
        assertTrue(fix.reason().contains("private DNS sends every client of vpc-0a1 to the endpoint")
                && fix.reason().contains("EC2 instances (Session Manager)"), fix.reason());
    }

    /** The reviewed endpoint fix, applied: web gets its path, api keeps its own (now through the endpoint). */
    @Test
    void theReviewedEndpointFixLeavesEveryServiceOfTheVpcPassing() {
        InMemoryAccount account = new InMemoryAccount();
        account.put(natAndIsolated());
        var flow = new ReadinessFlow(account.readers(), Optional.of(new Remediator(account.writers(),
                new InMemoryRemediationLedger(), RemediationSettings.defaults("arn:aws:iam::111122223333:policy/p"),
                "/stack/", Clock.systemUTC())));
        Telemetry telemetry = new Telemetry("Test", "test", Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));

        Outcome before = flow.run(Request.wholeRegion(null, null, "test", Request.Fixes.NONE), telemetry, List.of());
        assertEquals(Map.of("web", Status.FAIL, "api", Status.PASS), network(before));

        Outcome fixed = flow.run(Request.wholeRegion(null, null, "test", Request.Fixes.reviewed(f -> f instanceof
                CreateSsmmessagesEndpoint)), telemetry, List.of());
        // The outcome names every service of the VPC with its verdict once the endpoint exists.
        assertEquals(List.of("api PASS", "web PASS"), fixed.services().stream()
                .flatMap(s -> s.remediation().stream()).flatMap(r -> r.vpcServices().stream())
                .map(v -> v.serviceName() + " " + v.ssmmessages()).distinct().sorted().toList());
        Outcome after = flow.run(Request.wholeRegion(null, null, "test", Request.Fixes.NONE), telemetry, List.of());

        assertEquals(Map.of("web", Status.PASS, "api", Status.PASS), network(after));
        assertEquals(1L, account.apiCalls().snapshot().get("EC2.CreateVpcEndpoint"));
        assertEquals(Status.PASS, after.latest().getFirst().result(ServiceFlagCheck.METADATA.id()).status());
    }

    private static Map<String, Status> network(Outcome outcome) {
        return outcome.latest().stream().collect(java.util.stream.Collectors.toMap(r -> r.service().name(),
                r -> r.result("network.ssmmessages").status()));
    }
}
