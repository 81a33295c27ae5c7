package io.github.ecsexecreadiness.seed;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.aws.SdkAccount;
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
        Map<String, ServiceReport> onMoto;
        try (AwsClients clients = moto.newClients()) {
            MotoAccount.seed(clients, moto);
            onMoto = reports(new SdkAccount(clients).readers());
        }
        var memory = new InMemoryAccount(MotoAccount.ACCOUNT, MotoAccount.REGION);
        MotoAccount.seed(new InMemorySeeder(memory), () -> {});
        Map<String, ServiceReport> inMemory = reports(memory.readers());

        List<Executable> expectations = new ArrayList<>();
        expectations.add(() -> assertEquals(onMoto.keySet(), inMemory.keySet()));
        for (var service : onMoto.entrySet()) {
            Map<String, Status> moto = statuses(service.getValue());
            Map<String, Status> aws = statuses(inMemory.get(service.getKey()));
            expectations.add(() -> assertEquals(moto.keySet(), aws.keySet(), service.getKey()));
            for (String checkId : moto.keySet()) {
                if (gap(service.getKey(), checkId) == null) {
                    expectations.add(() -> assertEquals(moto.get(checkId), aws.get(checkId),
                            service.getKey() + " " + checkId));
                }
            }
        }
        // Each gap is still there (moto differs) and memory gives what AWS would.
        for (Gap gap : MOTO_GAPS) {
            expectations.add(() -> assertNotEquals(gap.aws(), status(onMoto, gap), gap.why()));
            expectations.add(() -> assertEquals(gap.aws(), status(inMemory, gap), gap.why()));
        }
        // The named cases: a ready Fargate service through NAT; the same with a role lacking ssmmessages.
        for (Map<String, ServiceReport> account : List.of(onMoto, inMemory)) {
            expectations.add(() -> assertEquals(Readiness.READY, account.get("web").readiness()));
            expectations.add(() -> assertEquals(List.of("iam.ssmmessages"), failing(account.get("no-permissions"))));
            expectations.add(() -> assertEquals(Readiness.NOT_READY, account.get("no-permissions").readiness()));
        }
        // Without moto's gaps the EC2 worker (exec on, agent RUNNING, role and NAT path fine) is ready.
        expectations.add(() -> assertEquals(Readiness.READY, inMemory.get("worker").readiness()));
        expectations.add(() -> assertEquals(Readiness.NOT_READY, onMoto.get("worker").readiness()));
        assertAll(expectations);
    }

    private static Gap gap(String service, String checkId) {
        return MOTO_GAPS.stream().filter(g -> g.service().equals(service) && g.checkId().equals(checkId)).findFirst()
                .orElse(null);
    }

    private static Status status(Map<String, ServiceReport> reports, Gap gap) {
        return reports.get(gap.service()).result(gap.checkId()).status();
    }

    private static Map<String, Status> statuses(ServiceReport report) {
        Map<String, Status> byCheck = new TreeMap<>();
        report.results().forEach(result -> byCheck.put(result.check().id(), result.status()));
        return byCheck;
    }

    private static List<String> failing(ServiceReport report) {
        return report.withStatus(Status.FAIL).stream().map(result -> result.check().id()).toList();
    }

    /** The scan's service reports by service name. */
    private static Map<String, ServiceReport> reports(AccountReaders readers) {
        Map<String, ServiceReport> reports = new TreeMap<>();
        new ReadinessScan(readers).scan(Scope.wholeRegion()).services()
                .forEach(report -> reports.put(report.service().name(), report));
        return reports;
    }
}
