package io.github.ecsexecreadiness.handler;

import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.aws.MemberAccounts;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.aws.SdkOrganizationsReader;
import io.github.ecsexecreadiness.aws.SdkServiceControlPolicyReader;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.check.ExecScope;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.collect.CachedServiceControlPolicies;
import io.github.ecsexecreadiness.collect.OrganizationReader;
import io.github.ecsexecreadiness.collect.ServiceControlPolicyReader;
import io.github.ecsexecreadiness.flow.Accounts;
import io.github.ecsexecreadiness.flow.ReadinessFlow;
import io.github.ecsexecreadiness.flow.Remediator;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.config.ConfigRuleApi;
import io.github.ecsexecreadiness.report.securityhub.FindingMapper;
import io.github.ecsexecreadiness.report.securityhub.FindingsPublisher;
import io.github.ecsexecreadiness.report.securityhub.FindingsReport;
import io.github.ecsexecreadiness.sweep.RegionSweep;
import io.github.ecsexecreadiness.sweep.SweepQueue;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;

/**
 * What a handler is built from. In Lambda it comes from the function's {@link Settings}, once per execution
 * environment, with only the clients its role uses, built during init so that SnapStart snapshots them; tests
 * pass in-memory accounts.
 *
 * @param own     the function's own account and Region; null for a role that reads no account (the schedule)
 * @param members opens the other accounts and Regions through the member role; empty without one
 * @param sweep   the sweep roles' queue and scope; empty for the others
 */
record Wiring(String accountId, String region, Target own, Optional<Accounts.Opener<Target>> members, Logs logs,
              Optional<Sweeping> sweep) {

    /**
     * One account and Region as a handler acts on it; {@code config} is that account's AWS Config there (the
     * result token of an organization rule's event is valid only in the member account that sent it).
     */
    record Target(AccountReaders readers, FindingsReport findings, Optional<Remediator> remediator,
                  Supplier<ConfigRuleApi> config, ExecScope execScope) {
        /** Every service should have ECS Exec. */
        Target(AccountReaders readers, FindingsReport findings, Optional<Remediator> remediator,
               Supplier<ConfigRuleApi> config) {
            this(readers, findings, remediator, config, ExecScope.EVERY_SERVICE);
        }

        ReadinessFlow flow() {
            return new ReadinessFlow(readers, remediator, execScope);
        }
    }

    /** Where logs and metrics go. */
    record Logs(String namespace, Telemetry.Level level, Clock clock, PrintStream out) {
        Telemetry telemetry(String trigger) {
            return new Telemetry(namespace, trigger, level, clock, out);
        }
    }

    /**
     * The sweep queue and, for the schedule, the scope, resolved at each sweep (the organisation changes).
     *
     * @param scope        account ids, OU ids and root ids; empty: the function's own account
     * @param organization null where the scope names no OU or root: it is then never asked
     * @param regions      empty: the function's own Region
     */
    record Sweeping(SweepQueue queue, List<String> scope, OrganizationReader organization, List<String> regions,
                    int clustersPerBatch) {}

    /** The same wiring with this sweep queue and scope. */
    Wiring with(Sweeping sweeping) {
        return new Wiring(accountId, region, own, members, logs, Optional.of(sweeping));
    }

    /** The own account and the members: the one place that says which account an event is acted on in. */
    Accounts<Target> accounts() {
        return new Accounts<>(accountId, region, own, members);
    }

    /** In Lambda: the settings of the handler's role, the SDK's default credentials in AWS_REGION. */
    static Wiring lambda(Class<?> handler) {
        Settings settings = Settings.parse(Settings.Role.of(handler), System.getenv());
        return of(settings, new SdkAccount(AwsClients.create(Region.of(settings.region()), null, null)));
    }

    static Wiring of(Settings settings, SdkAccount account) {
        AwsClients clients = account.clients();
        Optional<Remediator> remediator = settings.remediation().map(r -> new Remediator(account.writers(),
                account.remediationLedger(r.ledgerTable()), r.guardrails(), r.remediatorRolePath(), Clock.systemUTC()));
        // Organisation mode: every account's SCPs are read with the central account's own credentials (only the
        // management account or a delegated administrator may), once per OU and policy for all the accounts.
        Optional<ServiceControlPolicyReader> scps = settings.memberRoleName().filter(role -> settings.role().evaluates())
                .map(role -> new CachedServiceControlPolicies(new SdkServiceControlPolicyReader(clients.organizations())));
        Target own = settings.role().evaluates()
                ? target(settings, account, settings.accountId(), remediator, scps) : null;
        if (settings.role() == Settings.Role.CONFIG_RULE) {
            own.config().get();
        }
        Optional<Accounts.Opener<Target>> members = settings.memberRoleName()
                .map(role -> members(settings, clients, role, remediator, scps));
        Optional<Sweeping> sweep = settings.sweep().map(s -> new Sweeping(account.sweepQueue(s.queueUrl()),
                s.scope(), s.organizationalUnits().isEmpty() ? null : SdkOrganizationsReader.create(clients),
                s.regions(), RegionSweep.CLUSTERS_PER_BATCH));
        return new Wiring(settings.accountId(), settings.region(), own, members,
                new Logs(settings.metricsNamespace(), settings.logLevel(), Clock.systemUTC(), System.out), sweep);
    }

    /**
     * Every account and Region other than the function's own, through the member role. A member is read,
     * reported on and repaired through its own role, with the central ledger: its cooldown and hourly cap then
     * count across the organisation. Each account and Region is opened once per execution environment. STS is
     * built at init for the roles that act on accounts, on first use otherwise (the schedule never opens one).
     */
    private static Accounts.Opener<Target> members(Settings settings, AwsClients clients, String roleName,
                                                   Optional<Remediator> remediator,
                                                   Optional<ServiceControlPolicyReader> scps) {
        Supplier<MemberAccounts> accounts = once(() -> MemberAccounts.of(clients, settings.accountId(), roleName));
        if (settings.role().evaluates()) {
            accounts.get();
        }
        Map<String, Target> opened = new ConcurrentHashMap<>();
        // A role that cannot be assumed throws out of computeIfAbsent: nothing is kept, the next event retries.
        return (member, regionName) -> opened.computeIfAbsent(member + "/" + regionName, key -> {
            Region region = Region.of(regionName);
            SdkAccount account = accounts.get().account(member, region);
            return target(settings, account, member, remediator.map(central -> central.inMember(account.writers(),
                    member, AwsClients.partition(region), roleName)), scps);
        });
    }

    private static Target target(Settings settings, SdkAccount account, String accountId,
                                 Optional<Remediator> remediator, Optional<ServiceControlPolicyReader> scps) {
        AccountReaders readers = scps.map(account.readers()::withServiceControlPolicies).orElseGet(account::readers);
        return new Target(readers, findings(settings, account, accountId, account.clients().region()),
                remediator, once(() -> account.configRule(false)), settings.execScope());
    }

    /** FINDINGS_ENABLED=true (the template's default): findings go to the account's own product. */
    private static FindingsReport findings(Settings settings, SdkAccount account, String accountId, Region region) {
        if (!settings.findingsEnabled()) {
            return FindingsReport.disabled();
        }
        FindingMapper mapper = new FindingMapper(accountId, region.id(), AwsClients.partition(region),
                Checks::automaticallyFixable);
        return new FindingsReport(account.securityHub(mapper.productArn()), mapper, Clock.systemUTC(),
                FindingsPublisher.Sleeper.REAL);
    }

    /** Built on first use, then the same one every time. */
    private static <T> Supplier<T> once(Supplier<T> create) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = create.get();
                }
                return value;
            }
        };
    }
}
