package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.cli.CommandLine.Run;
import io.github.ecsexecreadiness.moto.MotoAccount;
import io.github.ecsexecreadiness.moto.MotoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;

/**
 * {@code cleanup} on moto after {@code fix --apply}: it removes exactly what the tool created (the policies it
 * created and their attachments, the ssmmessages endpoint and its security group) and leaves what was there
 * before (the account's own policy, endpoint and groups, which carry no created-by tag); a second run finds
 * nothing.
 */
class CleanupMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final String PATH_POLICY_DOCUMENT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*"}]}""";

    private static Run cli(String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--endpoint-url", moto.endpoint().toString(), "--region", MotoServer.REGION.id()));
        return CommandLine.run(MotoServer.CREDENTIALS, new InMemoryRemediationLedger(), argv);
    }

    /** Policies (with the roles they are attached to), live endpoints and security groups of the account. */
    private static Map<String, Set<String>> inventory(AwsClients clients) {
        Map<String, Set<String>> inventory = new TreeMap<>();
        for (Policy policy : clients.iam().listPoliciesPaginator(r -> r.scope(PolicyScopeType.LOCAL)).policies()) {
            var roles = clients.iam().listEntitiesForPolicy(r -> r.policyArn(policy.arn())).policyRoles();
            inventory.put(policy.arn(), new TreeSet<>(roles.stream().map(r -> r.roleName()).toList()));
        }
        for (VpcEndpoint endpoint : clients.ec2().describeVpcEndpoints().vpcEndpoints()) {
            if (!"deleted".equalsIgnoreCase(endpoint.stateAsString())) {
                inventory.put(endpoint.vpcEndpointId(), Set.of(endpoint.serviceName()));
            }
        }
        for (SecurityGroup group : clients.ec2().describeSecurityGroups().securityGroups()) {
            inventory.put(group.groupId(), Set.of(group.groupName()));
        }
        return inventory;
    }

    @Test
    void removesExactlyWhatFixCreatedAndASecondRunFindsNothing() throws Exception {
        Map<String, Set<String>> before;
        try (var clients = moto.newClients()) {
            MotoAccount.seed(clients, moto);
            before = inventory(clients);
        }

        Run fix = cli("fix", "--apply", "--allow-vpc-endpoints");
        String pathPolicy;
        Map<String, Set<String>> afterFix;
        try (var clients = moto.newClients()) {
            // A policy of the project's path as the applier leaves it after a second grant: two versions, attached.
            pathPolicy = clients.iam().createPolicy(r -> r.path("/ecs-exec-readiness/").policyName("ecs-exec-logging-prod-1")
                    .policyDocument(PATH_POLICY_DOCUMENT)).policy().arn();
            clients.iam().createPolicyVersion(r -> r.policyArn(pathPolicy).policyDocument(PATH_POLICY_DOCUMENT)
                    .setAsDefault(true));
            clients.iam().attachRolePolicy(r -> r.roleName("bare-task").policyArn(pathPolicy));
            afterFix = inventory(clients);
        }
        Run dryRun = cli("cleanup");
        Map<String, Set<String>> afterDryRun;
        try (var clients = moto.newClients()) {
            afterDryRun = inventory(clients);
        }
        Run apply = cli("cleanup", "--apply");
        Run again = cli("cleanup", "--apply");
        Map<String, Set<String>> afterCleanup;
        try (var clients = moto.newClients()) {
            afterCleanup = inventory(clients);
        }

        String ssmmessagesPolicy = "arn:aws:iam::" + MotoServer.ACCOUNT_ID + ":policy/"
                + FixOptions.SSMMESSAGES_POLICY_NAME;
        assertAll(
                () -> assertTrue(fix.apiCalls().containsKey("EC2.CreateVpcEndpoint"), fix.out()),
                () -> assertTrue(afterFix.get(ssmmessagesPolicy).contains("bare-task"), afterFix.toString()),
                () -> assertEquals(1, dryRun.exitCode(), dryRun.out() + dryRun.err()),
                () -> assertTrue(dryRun.out().contains("would    detach " + ssmmessagesPolicy + " from role bare-task"),
                        dryRun.out()),
                () -> assertTrue(dryRun.out().contains("would    delete endpoint vpce-"), dryRun.out()),
                () -> assertEquals(afterFix, afterDryRun, "a dry run changes nothing"),
                () -> assertEquals(0, apply.exitCode(), apply.out() + apply.err()),
                () -> assertEquals(before, afterCleanup, "what was there before stays, what fix created is gone: "
                        + apply.out()),
                () -> assertEquals(0, again.exitCode(), again.out()),
                () -> assertTrue(again.out().contains("Nothing the remediator created is left."), again.out()),
                () -> assertEquals(Set.of(), writes(dryRun), "a dry run sends no write"));
    }

    private static Set<String> writes(Run run) {
        return new TreeSet<>(run.apiCalls().keySet().stream()
                .filter(op -> !op.matches("[A-Za-z0-9]+\\.(Describe|Get|List).+")).toList());
    }
}
