package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.EcsServiceBuilder;
import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.check.ExecScope;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --exec-expected} on {@code scan} and {@code fix}, as the stack's ExecExpected: in {@code tagged} mode an
 * untagged service with exec off is no failure and nothing turns exec on for it; a tagged one is still held to
 * exec and fixed. Each case has its every-service twin.
 */
class ExecExpectedTest {
    private final InMemoryAccount account = new InMemoryAccount();
    private ByteArrayOutputStream out;

    /** web: exec off, untagged; api: exec off, tagged expected=true. Both otherwise ready. */
    @BeforeEach
    void seed() {
        account.put(Scenario.ready().withService(b -> b.enableExecuteCommand(false))
                .withTasks(b -> b.enableExecuteCommand(false)));
        account.putReadyFargateService("shop", "api", Scenario.TASK_DEFINITION_ARN, 1);
        account.updateService(account.serviceArn("shop", "api"), s -> EcsServiceBuilder.builder(s)
                .tags(Map.of(ExecScope.EXPECTED_TAG, "true")).enableExecuteCommand(false).build());
    }

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        return InMemoryConnections.run(account, new InMemoryRemediationLedger(), out, List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private boolean exec(String service) {
        return InMemoryConnections.execEnabled(account, service);
    }

    private static String[] with(String mode, String... args) {
        return Stream.concat(Stream.of(args), Stream.of("--exec-expected", mode)).toArray(String[]::new);
    }

    @Test
    void taggedScanDoesNotFailAnUntaggedServiceWithExecOff() {
        assertEquals(0, run(with("tagged", "scan", "--cluster", "shop", "--service", "web")), out());
        assertEquals(1, run(with("every-service", "scan", "--cluster", "shop", "--service", "web")), out());
        assertEquals(1, run("scan", "--cluster", "shop", "--service", "web"), "every-service is the default");
    }

    @Test
    void taggedScanStillFailsATaggedServiceWithExecOff() {
        assertEquals(1, run(with("tagged", "scan", "--cluster", "shop", "--service", "api")), out());
    }

    @Test
    void taggedScanShowsTheFlagNotApplicableInJson() {
        run(with("tagged", "scan", "--cluster", "shop", "--service", "web", "--output", "json"));
        assertTrue(out().contains("\"exec.service-flag\"") && out().contains("NOT_APPLICABLE"), out());
        assertFalse(out().contains("\"FAIL\""), out());
    }

    @Test
    void taggedFixPlansNoRedeployForTheUntaggedServiceButFixesTheTaggedOne() {
        assertEquals(0, run(with("tagged", "fix", "--apply")), out());

        assertFalse(exec("web"), out());
        assertFalse(out().contains(account.serviceArn("shop", "web")), "no plan for web: " + out());
        assertTrue(exec("api"), out());
        assertEquals(1, account.apiCalls().snapshot().get("ECS.UpdateService"), "only api is redeployed");
    }

    @Test
    void everyServiceFixTurnsExecOnForBoth() {
        assertEquals(0, run(with("every-service", "fix", "--apply")), out());

        assertTrue(exec("web"), out());
        assertTrue(exec("api"), out());
    }

    @Test
    void taggedDryRunPlansNothingForTheUntaggedService() {
        run(with("tagged", "fix", "--cluster", "shop", "--service", "web"));

        assertTrue(out().contains("Every service is ready for ECS Exec: nothing to fix."), out());
        assertEquals(0, account.apiCalls().snapshot().getOrDefault("ECS.UpdateService", 0L));
    }
}
