package io.github.ecsexecreadiness.seed;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Readiness;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.memory.InMemorySeeder;
import io.github.ecsexecreadiness.moto.MotoAccount;
import io.github.ecsexecreadiness.moto.MotoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * One account description, two accounts: {@link MotoAccount} written once in {@link AccountSeeder}'s steps is seeded
 * into moto ({@code SdkSeeder}) and into memory ({@link InMemorySeeder}), both are scanned, and every service gets
 * the same status for every check on both, except where moto is known to differ from AWS ({@link #MOTO_GAPS}):
 * there the in-memory account gives what AWS would, asserted on its own.
 */
@StartsEmulator
class SeededAlikeMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    /** A verdict moto gives differently from AWS, why, and what AWS (and memory) gives. */
    private record Gap(String service, String checkId, Status aws, String why) {}

    private static final List<Gap> MOTO_GAPS = List.of(
            new Gap("worker", "exec.task-flag", Status.PASS,
                    "moto's RunTask drops enableExecuteCommand, so its task runs without exec"),
            new Gap("worker", "platform.version", Status.PASS,
                    "moto's container instances report agent 1.0.0 and ecs.os-type windows (its AMI's platform)"),
            new Gap("worker", "exec.agent", Status.PASS,
                    "moto's tasks carry no managedAgents; its task has exec off, so there is nothing to judge"));

    @Test
    void theSameSeedingGivesTheSameVerdictsInMemoryAndOnMoto() throws Exception {
        Map<String, Map<String, Status>> onMoto;
        try (AwsClients clients = moto.newClients()) {
            MotoAccount.seed(clients, moto);
            onMoto = verdicts(new SdkAccount(clients).readers());
        }
        var memory = new InMemoryAccount(MotoAccount.ACCOUNT, MotoAccount.REGION);
        MotoAccount.seed(new InMemorySeeder(memory), () -> {});
        Map<String, Map<String, Status>> inMemory = verdicts(memory.readers());

        System.out.println("moto   " + onMoto);
        System.out.println("memory " + inMemory);
        List<Executable> expectations = new ArrayList<>();
        expectations.add(() -> assertEquals(onMoto.keySet(), inMemory.keySet()));
        assertAll(expectations);
    }

    /** Each service's status per check. */
    private static Map<String, Map<String, Status>> verdicts(AccountReaders readers) {
        Map<String, Map<String, Status>> verdicts = new TreeMap<>();
        for (ServiceReport report : new ReadinessScan(readers).scan(Scope.wholeRegion()).services()) {
            Map<String, Status> byCheck = new TreeMap<>();
            report.results().forEach(result -> byCheck.put(result.check().id(), result.status()));
            verdicts.put(report.service().name(), byCheck);
        }
        return verdicts;
    }
}
