package io.github.ecsexecreadiness.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.cli.CommandLine;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.moto.SdkSeeder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code fix --apply} when a write fails on the wire: the fixes that can be made are made, the failure is
 * reported, and the service is never redeployed into a half-fixed state.
 */
@StartsEmulator
class FixUnderFaultsTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final String CLUSTER = "solo";
    private static final String SERVICE = "arn:aws:ecs:" + MotoServer.REGION.id() + ":" + MotoServer.ACCOUNT_ID
            + ":service/" + CLUSTER + "/app";

    private ScriptedAws aws;

    /**
     * A Fargate service, exec off, whose task role has no policy: its plan is "attach the ssmmessages policy", then
     * "turn exec on and redeploy". desiredCount 0, so moto reports its rollout COMPLETED and a redeploy is allowed.
     */
    @BeforeEach
    void seed() throws Exception {
        try (AwsClients clients = moto.newClients()) {
            var seeder = new SdkSeeder(clients, MotoServer.REGION.id());
            String vpc = seeder.vpc("10.9.0.0/16");
            String subnet = seeder.subnet(vpc, "10.9.1.0/24");
            String group = seeder.securityGroup(vpc, "app");
            seeder.route(seeder.mainRouteTable(vpc), "0.0.0.0/0", seeder.internetGateway(vpc));
            String role = seeder.taskRole("app-task", null, null);
            seeder.cluster(CLUSTER);
            seeder.taskDefinition(r -> r.family("app").taskRoleArn(role).networkMode("awsvpc")
                    .requiresCompatibilities(List.of(software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE))
                    .cpu("256").memory("512").containerDefinitions(c -> c.name("app").image("nginx")
                            .linuxParameters(l -> l.initProcessEnabled(true))));
            seeder.service(CLUSTER, "app", false, r -> r.taskDefinition("app").desiredCount(0)
                    .launchType("FARGATE").networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet)
                            .securityGroups(group).assignPublicIp("ENABLED"))));
        }
        aws = ScriptedAws.inFrontOf(moto.endpoint());
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private CommandLine.Run fix() {
        return CommandLine.run(aws.endpoint(), MotoServer.REGION, MotoServer.CREDENTIALS,
                new InMemoryRemediationLedger(), "fix", "--apply", "--cluster", CLUSTER);
    }

    private boolean execEnabled() {
        try (AwsClients clients = moto.newClients()) {
            // moto leaves the flag out (null) until UpdateService sets it.
            return Boolean.TRUE.equals(clients.ecs().describeServices(r -> r.cluster(CLUSTER).services(SERVICE))
                    .services().getFirst().enableExecuteCommand());
        }
    }

    @Test
    void aDeniedPolicyAttachmentStopsTheRedeploy() {
        aws.on("IAM.AttachRolePolicy").answer(ScriptedAws.Fault.accessDenied());

        CommandLine.Run run = fix();

        assertTrue(run.out().contains("FAILED"), run.out());
        assertTrue(aws.requests("ECS.UpdateService").isEmpty(), "no redeploy into a half-fixed service");
        assertFalse(execEnabled());
        assertEquals(1, run.exitCode(), run.out());
    }

    @Test
    void withoutFaultsBothFixesAreMade() {
        CommandLine.Run run = fix();

        assertFalse(aws.requests("IAM.AttachRolePolicy").isEmpty(), run.out());
        assertEquals(1, aws.requests("ECS.UpdateService").size(), run.out());
        assertTrue(execEnabled(), run.out());
    }
}
