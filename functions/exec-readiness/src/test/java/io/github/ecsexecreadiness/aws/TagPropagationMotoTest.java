package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.moto.SdkSeeder;
import io.github.ecsexecreadiness.report.ScanReport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * Tag-based ECS Exec grants against moto, read through the SDK readers: role developers, and user alice through
 * her group oncall, may run ecs:ExecuteCommand only on resources tagged team=payments
 * (GetAccountAuthorizationDetails); two services carry
 * that tag (DescribeServices), one without propagateTags whose task is untagged and one with SERVICE whose task
 * carries it (DescribeTasks with TAGS). The first is a WARN naming both and the tag, in a sweep and in a
 * one-service scan alike; the second passes.
 */
@StartsEmulator
class TagPropagationMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    /** Exec on any cluster, and on tasks tagged team=payments only. */
    private static final String DEVELOPERS_POLICY = """
            {"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"ecs:ExecuteCommand","Resource":"arn:aws:ecs:*:*:cluster/*"},
            {"Effect":"Allow","Action":"ecs:ExecuteCommand","Resource":"arn:aws:ecs:*:*:task/*",
            "Condition":{"StringEquals":{"ecs:ResourceTag/team":"payments"}}}]}""";
    private static final Tag PAYMENTS = Tag.builder().key("team").value("payments").build();

    @Test
    void untaggedTasksOfATaggedServiceAreAWarningNamingTheRoleAndTheTag() throws Exception {
        ScanReport sweep;
        ScanReport oneService;
        String developers;
        String alice;
        try (AwsClients clients = moto.newClients()) {
            moto.holdStatus("ecs::task");
            var seeder = new SdkSeeder(clients, MotoServer.REGION.id());
            developers = seeder.taskRole("developers", "exec-on-team", DEVELOPERS_POLICY);
            clients.iam().createGroup(r -> r.groupName("oncall"));
            clients.iam().putGroupPolicy(r -> r.groupName("oncall").policyName("exec-on-team")
                    .policyDocument(DEVELOPERS_POLICY));
            alice = clients.iam().createUser(r -> r.userName("alice")).user().arn();
            clients.iam().addUserToGroup(r -> r.groupName("oncall").userName("alice"));
            String role = seeder.taskRole("web-task", "channels", SdkSeeder.CHANNELS_POLICY);
            String vpc = seeder.vpc("10.0.0.0/16");
            String subnet = seeder.subnet(vpc, "10.0.1.0/24");
            seeder.cluster("shop");
            seeder.containerInstance("shop", subnet, seeder.securityGroup(vpc, "hosts"));
            seeder.taskDefinition(r -> r.family("web").networkMode(NetworkMode.BRIDGE)
                    .requiresCompatibilitiesWithStrings("EC2").taskRoleArn(role)
                    .containerDefinitions(c -> c.name("web").image("nginx").memory(128)));
            seeder.service("shop", "not-propagated", true, r -> r.taskDefinition("web").desiredCount(0)
                    .launchType(LaunchType.EC2).tags(PAYMENTS).propagateTags(PropagateTags.NONE));
            seeder.serviceTask("shop", "not-propagated", "web");
            seeder.service("shop", "propagated", true, r -> r.taskDefinition("web").desiredCount(0)
                    .launchType(LaunchType.EC2).tags(PAYMENTS).propagateTags(PropagateTags.SERVICE));
            // What ECS does for a service that propagates its tags: the task starts with them.
            clients.ecs().runTask(r -> r.cluster("shop").taskDefinition("web").launchType(LaunchType.EC2)
                    .group("service:propagated").enableExecuteCommand(true).tags(PAYMENTS));
            sweep = new ReadinessScan(new SdkAccount(clients).readers()).scan(Scope.wholeRegion());
        }
        // A deployment event's function: its own clients, so its own call counts.
        try (AwsClients clients = moto.newClients()) {
            oneService = new ReadinessScan(new SdkAccount(clients).readers())
                    .scan(new Scope(List.of("shop"), "not-propagated"));
        }

        CheckResult notPropagated = result(sweep, "not-propagated");
        CheckResult propagated = result(sweep, "propagated");
        CheckResult alone = result(oneService, "not-propagated");
        assertAll(
                () -> assertEquals(Status.WARN, notPropagated.status(), notPropagated.reason()),
                () -> assertTrue(notPropagated.reason().startsWith(developers + " may not open sessions on running "
                        + "task(s) "), notPropagated.reason()),
                () -> assertTrue(notPropagated.reason().contains("; " + alice + " may not open sessions on running "
                        + "task(s) "), notPropagated.reason()),
                () -> assertTrue(notPropagated.reason().endsWith("unless they carry the service's tag(s) "
                        + "team=payments (propagateTags is NONE)"), notPropagated.reason()),
                () -> assertEquals(Status.PASS, propagated.status(), propagated.reason()),
                () -> assertEquals(notPropagated.status(), alone.status(), alone.reason()),
                () -> assertEquals(notPropagated.reason(), alone.reason()),
                () -> assertEquals(1L, oneService.apiCalls().get("IAM.GetAccountAuthorizationDetails"),
                        "one service pages the account's roles once"));
    }

    private static CheckResult result(ScanReport report, String service) {
        return report.services().stream().filter(s -> s.service().name().equals(service)).findFirst()
                .map(s -> s.result("iam.tag-propagation")).orElseThrow();
    }
}
