package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.EcsContainerDefinitionBuilder;
import io.github.ecsexecreadiness.EcsServiceBuilder;
import io.github.ecsexecreadiness.EcsTaskDefinitionBuilder;
import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Kms;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code fix} over an in-memory account with every kind of defect: dry-run by default, --apply fixes what the
 * guardrails allow and nothing else, and a second --apply changes nothing.
 */
class FixCommandTest {
    private static final String POLICY_ARN =
            "arn:aws:iam::111122223333:policy/" + FixOptions.SSMMESSAGES_POLICY_NAME;
    private static final List<String> WRITES = List.of("ECS.UpdateService", "IAM.AttachRolePolicy",
            "IAM.CreatePolicy", "EC2.CreateVpcEndpoint", "EC2.CreateSecurityGroup", "EC2.AuthorizeSecurityGroupIngress");

    private final InMemoryAccount account = new InMemoryAccount();
    private final InMemoryRemediationLedger ledger = new InMemoryRemediationLedger();
    private ByteArrayOutputStream out;

    @BeforeEach
    void seed() {
        // web: exec off; bare: a task role without ssmmessages; prod: exec off but tagged environment=production;
        // optout: exec off but opted out; readonly: a read-only root filesystem (never automatic).
        account.put(Scenario.ready().withService(b -> b.enableExecuteCommand(false)));
        String bareRole = account.putRole("bare-task", Map.of(), List.of(), null);
        Ecs.TaskDefinition bare = EcsTaskDefinitionBuilder.builder(account.describeTaskDefinition(
                Scenario.TASK_DEFINITION_ARN)).arn(account.taskDefinitionArn("bare:1")).build();
        account.putTaskDefinition(EcsTaskDefinitionBuilder.builder(bare).taskRoleArn(bareRole).build());
        account.putReadyFargateService("shop", "bare", account.taskDefinitionArn("bare:1"), 1);
        service("prod", Map.of("environment", "production"));
        service("optout", Map.of("ecs-exec-readiness:auto-fix", "false"));
        Ecs.TaskDefinition readonly = EcsTaskDefinitionBuilder.builder(bare)
                .arn(account.taskDefinitionArn("readonly:1")).build();
        account.putTaskDefinition(EcsTaskDefinitionBuilder.builder(readonly).taskRoleArn(Scenario.TASK_ROLE_ARN)
                .containerDefinitions(List.of(EcsContainerDefinitionBuilder.builder(Scenario.container("app"))
                .readonlyRootFilesystem(true).build())).build());
        account.putReadyFargateService("shop", "readonly", account.taskDefinitionArn("readonly:1"), 1);
    }

    private void service(String name, Map<String, String> tags) {
        account.putReadyFargateService("shop", name, account.taskDefinitionArn(name + ":1"), 1);
        account.updateService(account.serviceArn("shop", name), s -> EcsServiceBuilder.builder(s).tags(tags)
                .enableExecuteCommand(false).build());
    }

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        return InMemoryConnections.run(account, ledger, out, List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private boolean exec(String service) {
        return InMemoryConnections.execEnabled(account, service);
    }

    private long writes() {
        return account.apiCalls().snapshot().entrySet().stream().filter(e -> WRITES.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    @Test
    void withoutApplyItShowsThePlanAndChangesNothing() {
        assertEquals(1, run("fix"));

        assertTrue(out().contains("DRY_RUN"), out());
        assertTrue(out().contains("would be applied with --apply"), out());
        assertEquals(0, writes(), "a dry run writes nothing");
        assertFalse(exec("web"));
        assertFalse(account.policyExists(POLICY_ARN), "the policy is created only with --apply");
    }

    @Test
    void applyFixesWhatTheGuardrailsAllowAndNothingElse() {
        run("fix", "--apply");

        assertTrue(exec("web"), out());
        assertTrue(account.policyExists(POLICY_ARN), "created, as the stack would, since no stack is deployed");
        assertTrue(account.listAttachedRolePolicies("bare-task").contains(POLICY_ARN), out());
        assertFalse(exec("prod"), "protected environment");
        assertFalse(exec("optout"), "opted out");
        assertTrue(out().contains("MANUAL") && out().contains("container.readonly-root"), out());

        assertEquals(1, run("scan"), "the protected, opted-out and read-only services still fail");
        assertEquals(0, run("scan", "--service", account.serviceArn("shop", "web")), out());
        assertEquals(0, run("scan", "--cluster", "shop", "--service", "bare"), out());
    }

    @Test
    void aSecondApplyChangesNothing() {
        run("fix", "--apply");
        long afterFirst = writes();

        run("fix", "--apply");

        assertEquals(afterFirst, writes(), out());
    }

    @Test
    void switchesTurnFixesOff() {
        run("fix", "--apply", "--no-exec-redeploy", "--no-task-role-permissions");

        assertFalse(exec("web"));
        assertFalse(account.listAttachedRolePolicies("bare-task").contains(POLICY_ARN));
        assertTrue(out().contains("BLOCKED"), out());
    }

    /**
     * A kms:Decrypt grant follows the cluster's execute-command configuration, which whoever may edit the cluster
     * controls: {@code fix} makes it only when asked to, as the stack only with FixSessionGrants.
     */
    @Test
    void sessionGrantsOnlyWhenAllowed() {
        String key = "arn:aws:kms:eu-west-1:111122223333:key/k1";
        InMemoryAccount encrypted = new InMemoryAccount();
        encrypted.put(Scenario.ready().withCluster(b -> b.executeCommandConfiguration(
                        new Ecs.ExecuteCommandConfiguration(key, "NONE", null, false, null, false, null)))
                .withKmsKey(key, new Kms.Key(key, "Enabled", Scenario.DEFAULT_KEY_POLICY)));
        out = new ByteArrayOutputStream();

        InMemoryConnections.run(encrypted, ledger, out, List.of("fix", "--apply"));
        assertTrue(out().contains("BLOCKED") && out().contains("iam.exec-kms"), out());
        assertTrue(encrypted.listAttachedRolePolicies("web-task").isEmpty(), out());

        InMemoryConnections.run(encrypted, ledger, out, List.of("fix", "--apply", "--allow-session-grants"));
        assertTrue(encrypted.listAttachedRolePolicies("web-task").stream()
                .anyMatch(arn -> arn.contains(":policy/ecs-exec-readiness/ecs-exec-kms-shop-")), out());
        assertEquals(0, InMemoryConnections.run(encrypted, ledger, new ByteArrayOutputStream(), List.of("scan")));
    }

    @Test
    void badFixOptionsExitTwo() {
        assertEquals(2, run("fix", "--cooldown-minutes", "soon"));
        assertEquals(2, run("fix", "--ssmmessages-policy-arn", "my-policy"));
    }
}
