package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.RemediationSettingsBuilder;
import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.apply.Applier;
import io.github.ecsexecreadiness.apply.FixResult;
import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.moto.SdkSeeder;
import io.github.ecsexecreadiness.fix.Fix;
import io.github.ecsexecreadiness.plan.PlannedFix;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.Telemetry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Applier over the SDK writers against moto: a plan applied twice makes its changes once. */
@StartsEmulator
class ApplierMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();
    private static final Set<String> WRITES = Set.of("IAM.CreatePolicy", "IAM.AttachRolePolicy",
            "EC2.CreateSecurityGroup", "EC2.AuthorizeSecurityGroupIngress", "EC2.CreateVpcEndpoint",
            "ECS.UpdateService");
    private static final String SSMMESSAGES = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],
            "Resource":"*"}]}""";

    private AwsClients clients;

    @BeforeEach
    void open() {
        clients = moto.newClients();
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void aSecondRunFindsEverythingDone() {
        var seeder = new SdkSeeder(clients, MotoServer.REGION.id());
        String roleArn = seeder.taskRole("web-task", null, null);
        String stackPolicy = seeder.managedPolicy("exec-ssmmessages", SSMMESSAGES);
        String vpc = seeder.vpc("10.0.0.0/16");
        String subnet = seeder.subnet(vpc, "10.0.1.0/24");
        String tasks = seeder.securityGroup(vpc, "tasks");
        List<PlannedFix> plan = List.of(
                apply(new Fix.AttachSsmmessagesPolicy(roleArn, stackPolicy)),
                apply(new Fix.GrantSessionPermissions("iam.exec-kms", roleArn, "web-task-exec-kms", List.of(
                        new Permission("kms:Decrypt", "arn:aws:kms:eu-west-1:123456789012:key/k-1")))),
                apply(new Fix.CreateSsmmessagesEndpoint(vpc, List.of(subnet), List.of(tasks), List.of("10.0.0.0/16"))));
        Applier applier = new Applier(new SdkAccount(clients).writers(), new InMemoryRemediationLedger(),
                RemediationSettingsBuilder.builder(RemediationSettings.defaults(stackPolicy))
                        .vpcEndpoints(true).sessionGrants(true).build(),
                new Telemetry("Test", "test", Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream())),
                Clock.systemUTC());

        Map<String, Long> seeded = writes();
        List<FixResult> first = applier.apply(plan, "test");
        Map<String, Long> writes = writes();
        List<FixResult> second = applier.apply(plan, "test");

        assertTrue(first.stream().allMatch(r -> r.outcome() == FixResult.Outcome.APPLIED), first.toString());
        assertTrue(second.stream().allMatch(r -> r.outcome() == FixResult.Outcome.ALREADY_DONE), second.toString());
        assertEquals(writes, writes());
        writes.replaceAll((operation, n) -> n - seeded.getOrDefault(operation, 0L));
        assertEquals(Map.of("IAM.CreatePolicy", 1L, "IAM.AttachRolePolicy", 2L, "EC2.CreateSecurityGroup", 1L,
                "EC2.AuthorizeSecurityGroupIngress", 2L, "EC2.CreateVpcEndpoint", 1L), writes);
    }

    private Map<String, Long> writes() {
        Map<String, Long> writes = new TreeMap<>(clients.apiCalls().snapshot());
        writes.keySet().retainAll(WRITES);
        return writes;
    }

    private static PlannedFix apply(Fix fix) {
        return new PlannedFix(fix, PlannedFix.Decision.APPLY, "allowed");
    }
}
