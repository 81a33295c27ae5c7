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
import io.github.ecsexecreadiness.moto.SdkSeeder;
import io.github.ecsexecreadiness.wire.WireAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * One account description, two accounts: {@link MotoAccount} and {@link WireAccount}, each written once in
 * {@link AccountSeeder}'s steps, are seeded into moto ({@link SdkSeeder}) and into memory ({@link InMemorySeeder}),
 * both are scanned, and every service gets the same status and reason (but for generated ids) for every check on
 * both, except where moto is known to differ from AWS ({@link #MOTO_GAPS}): there the in-memory account gives what
 * AWS would, asserted on its own.
 */
@StartsEmulator
class SeededAlikeMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    /** A check moto decides differently from AWS for a service whose task it ran, why, and what AWS gives. */
    private record Gap(String checkId, Status aws, String why) {}

    /** Moto's gaps, for every service with a task started by RunTask (the only tasks moto runs). */
    private static final List<Gap> MOTO_GAPS = List.of(
            new Gap("exec.task-flag", Status.PASS,
                    "moto's RunTask drops enableExecuteCommand, so its task runs without exec"),
            new Gap("platform.version", Status.PASS,
                    "moto's container instances report agent 1.0.0 and ecs.os-type windows (its AMI's platform)"),
            new Gap("exec.agent", Status.PASS,
                    "moto's tasks carry no managedAgents; its task has exec off, so there is nothing to judge"));

    /** EC2 ids, which moto and memory make up differently. */
    private static final Pattern GENERATED_ID = Pattern.compile(
            "\\b(vpc|subnet|sg|igw|nat|rtb|vpce|acl|i|eni|eipalloc)-[0-9a-f]{8,17}\\b");
    /** A task's or instance's private address, which each account picks in the subnet its own way. */
    private static final Pattern HOST_ADDRESS = Pattern.compile("\\b\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}/32\\b");
    /** Task ids: 32 hex digits from ECS (and memory), a UUID from moto. */
    private static final Pattern TASK_ID = Pattern.compile(
            "\\b([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b");

    /** An account description written in AccountSeeder's steps. */
    @FunctionalInterface
    private interface Description {
        void seed(AccountSeeder seeder) throws Exception;
    }

    /** The service reports of one description seeded into moto and into memory, by cluster/service. */
    private record Seeded(Map<String, ServiceReport> onMoto, Map<String, ServiceReport> inMemory) {}

    @Test
    void theSmallAccountGivesTheSameVerdictsInMemoryAndOnMoto() throws Exception {
        Seeded seeded = seedBoth(seeder -> MotoAccount.seed(seeder, () -> {}), Set.of("legacy/worker"));

        List<Executable> expectations = new ArrayList<>();
        // The named cases: a ready Fargate service through NAT; the same with a role lacking ssmmessages.
        for (Map<String, ServiceReport> account : List.of(seeded.onMoto(), seeded.inMemory())) {
            expectations.add(() -> assertEquals(Readiness.READY, account.get("prod/web").readiness()));
            expectations.add(() -> assertEquals(List.of("iam.ssmmessages"),
                    failing(account.get("prod/no-permissions"))));
            expectations.add(() -> assertEquals(Readiness.NOT_READY,
                    account.get("prod/no-permissions").readiness()));
        }
        // Without moto's gaps the EC2 worker (exec on, agent RUNNING, role and NAT path fine) is ready.
        expectations.add(() -> assertEquals(Readiness.READY, seeded.inMemory().get("legacy/worker").readiness()));
        expectations.add(() -> assertEquals(Readiness.NOT_READY, seeded.onMoto().get("legacy/worker").readiness()));
        assertAll(expectations);
    }

    /** The wire fakes' account: two clusters mid-deployment, each with tasks of two revisions. */
    @Test
    void theWireAccountGivesTheSameVerdictsInMemoryAndOnMoto() throws Exception {
        Seeded seeded = seedBoth(WireAccount::seed, Set.of("blue/web", "green/web"));

        assertEquals(Set.of("blue/web", "green/web"), seeded.inMemory().keySet());
    }

    /**
     * Seeds {@code description} into moto and into memory and asserts that every service has the same verdict for
     * every check on both, except {@link #MOTO_GAPS} on {@code ranTasks}: there moto still differs (the gap is
     * real) and memory gives what AWS would.
     */
    private static Seeded seedBoth(Description description, Set<String> ranTasks) throws Exception {
        Map<String, ServiceReport> onMoto;
        try (AwsClients clients = moto.newClients()) {
            moto.holdStatus("ecs::task");
            description.seed(new SdkSeeder(clients, MotoServer.REGION.id()));
            onMoto = reports(new SdkAccount(clients).readers());
        }
        var memory = new InMemoryAccount(MotoServer.ACCOUNT_ID, MotoServer.REGION.id());
        description.seed(new InMemorySeeder(memory));
        Map<String, ServiceReport> inMemory = reports(memory.readers());

        List<Executable> expectations = new ArrayList<>();
        expectations.add(() -> assertEquals(onMoto.keySet(), inMemory.keySet()));
        for (var service : onMoto.entrySet()) {
            String name = service.getKey();
            Map<String, String> motoVerdicts = verdicts(service.getValue());
            Map<String, String> awsVerdicts = verdicts(inMemory.get(name));
            expectations.add(() -> assertEquals(motoVerdicts.keySet(), awsVerdicts.keySet(), name));
            for (String checkId : motoVerdicts.keySet()) {
                if (!ranTasks.contains(name) || MOTO_GAPS.stream().noneMatch(g -> g.checkId().equals(checkId))) {
                    expectations.add(() -> assertEquals(motoVerdicts.get(checkId), awsVerdicts.get(checkId),
                            name + " " + checkId));
                }
            }
        }
        for (String name : ranTasks) {
            for (Gap gap : MOTO_GAPS) {
                expectations.add(() -> assertNotEquals(gap.aws(), onMoto.get(name).result(gap.checkId()).status(),
                        name + ": " + gap.why()));
                expectations.add(() -> assertEquals(gap.aws(), inMemory.get(name).result(gap.checkId()).status(),
                        name + ": " + gap.why()));
            }
        }
        assertAll(expectations);
        return new Seeded(onMoto, inMemory);
    }

    /** Each check's status and reason, with the ids and addresses each account makes up in its own way left out. */
    private static Map<String, String> verdicts(ServiceReport report) {
        Map<String, String> byCheck = new TreeMap<>();
        report.results().forEach(result -> byCheck.put(result.check().id(), result.status() + ": "
                + HOST_ADDRESS.matcher(TASK_ID.matcher(GENERATED_ID.matcher(result.reason()).replaceAll("$1-*"))
                        .replaceAll("*")).replaceAll("*/32")));
        return byCheck;
    }

    private static List<String> failing(ServiceReport report) {
        return report.withStatus(Status.FAIL).stream().map(result -> result.check().id()).toList();
    }

    /** The scan's service reports by cluster/service (the end of the service ARN). */
    private static Map<String, ServiceReport> reports(AccountReaders readers) {
        Map<String, ServiceReport> reports = new TreeMap<>();
        new ReadinessScan(readers).scan(Scope.wholeRegion()).services()
                .forEach(report -> reports.put(report.service().arn().substring(
                        report.service().arn().indexOf(":service/") + ":service/".length()), report));
        return reports;
    }
}
