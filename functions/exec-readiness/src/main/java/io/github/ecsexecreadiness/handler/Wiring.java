package io.github.ecsexecreadiness.handler;

import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.aws.MemberAccounts;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.config.ConfigRuleApi;
import io.github.ecsexecreadiness.report.securityhub.FindingMapper;
import io.github.ecsexecreadiness.report.securityhub.FindingsPublisher;
import io.github.ecsexecreadiness.report.securityhub.FindingsReport;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;

/**
 * What a handler is built from. In Lambda it comes from the environment, once per execution environment (the
 * SDK clients are created during init, so SnapStart snapshots them); tests pass an in-memory account.
 */
record Wiring(AccountReaders readers, Supplier<ConfigRuleApi> configRule, String metricsNamespace,
              Telemetry.Level logLevel, Clock clock, PrintStream out, FindingsReport findings,
              Optional<RemediationWiring> remediation, String accountId, Optional<Members> members) {

    static final String DEFAULT_NAMESPACE = "EcsExecReadiness";
    /** Name of the role member-role.yaml creates in each member account; unset for a single account. */
    static final String MEMBER_ROLE_NAME = "MEMBER_ROLE_NAME";

    /**
     * What a handler acts on in one account and Region; {@code configRule} is that account's AWS Config there (the
     * result token of an organization rule's event is valid only in the member account that sent it).
     */
    record Target(AccountReaders readers, FindingsReport findings, Optional<RemediationWiring> remediation,
                  Supplier<ConfigRuleApi> configRule) {}

    /**
     * Opens an account of the organisation in a Region through its member role (the function's own account
     * too, in another Region: the stack's own policies are scoped to its Region). Empty when it cannot be
     * reached (no member role is set); throws when the member role cannot be assumed.
     */
    @FunctionalInterface
    interface Members {
        Optional<Target> open(String accountId, String region);
    }

    /** For one account and Region only: events from elsewhere are skipped. */
    Wiring(AccountReaders readers, Supplier<ConfigRuleApi> configRule, String metricsNamespace,
           Telemetry.Level logLevel, Clock clock, PrintStream out, FindingsReport findings,
           Optional<RemediationWiring> remediation) {
        this(readers, configRule, metricsNamespace, logLevel, clock, out, findings, remediation, null,
                Optional.empty());
    }

    /** Logs from INFO up, without Security Hub findings. */
    Wiring(AccountReaders readers, Supplier<ConfigRuleApi> configRule, String metricsNamespace, Clock clock,
           PrintStream out) {
        this(readers, configRule, metricsNamespace, Telemetry.Level.INFO, clock, out, FindingsReport.disabled(),
                Optional.empty());
    }

    /** Without Security Hub findings. */
    Wiring(AccountReaders readers, Supplier<ConfigRuleApi> configRule, String metricsNamespace,
           Telemetry.Level logLevel, Clock clock, PrintStream out) {
        this(readers, configRule, metricsNamespace, logLevel, clock, out, FindingsReport.disabled(), Optional.empty());
    }

    /** Logs from INFO up. */
    Wiring(AccountReaders readers, Supplier<ConfigRuleApi> configRule, String metricsNamespace, Clock clock,
           PrintStream out, FindingsReport findings) {
        this(readers, configRule, metricsNamespace, Telemetry.Level.INFO, clock, out, findings, Optional.empty());
    }

    /**
     * This wiring acting on {@code account} in {@code region}: itself for the function's own account and
     * Region (or when the event names none), the readers, findings, writers and Config of that account and
     * Region otherwise, and empty when this stack cannot reach it (MEMBER_ROLE_NAME not set).
     */
    Optional<Wiring> forAccount(String account, String region) {
        boolean ownAccount = account == null || accountId == null || account.equals(accountId);
        boolean ownRegion = region == null || region.equals(readers.region());
        if (ownAccount && ownRegion) {
            return Optional.of(this);
        }
        String target = ownAccount ? accountId : account;
        String targetRegion = ownRegion ? readers.region() : region;
        return members.flatMap(opener -> opener.open(target, targetRegion)).map(opened -> new Wiring(opened.readers(),
                opened.configRule(), metricsNamespace, logLevel, clock, out, opened.findings(), opened.remediation(),
                target, Optional.empty()));
    }

    Telemetry telemetry(String trigger) {
        return new Telemetry(metricsNamespace, trigger, logLevel, clock, out);
    }

    /**
     * AWS_REGION is set by Lambda; METRICS_NAMESPACE, LOG_LEVEL, FINDINGS_ENABLED and ACCOUNT_ID by the
     * template, and REMEDIATION_MODE (with the other guardrail settings) only on the remediating functions.
     */
    static Wiring fromEnvironment() {
        return fromEnvironment(ownAccount());
    }

    /** The function's own account and Region (AWS_REGION), with the SDK's default credentials. */
    static SdkAccount ownAccount() {
        String region = System.getenv("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set: run this handler in AWS Lambda or set it");
        }
        return new SdkAccount(AwsClients.create(Region.of(region), null, null));
    }

    static Wiring fromEnvironment(SdkAccount account) {
        AwsClients clients = account.clients();
        Region region = clients.region();
        String namespace = System.getenv().getOrDefault("METRICS_NAMESPACE", DEFAULT_NAMESPACE);
        String accountId = System.getenv("ACCOUNT_ID");
        Optional<RemediationWiring> remediation = remediation(account);
        return new Wiring(account.readers(), () -> account.configRule(false), namespace,
                Telemetry.Level.named(System.getenv("LOG_LEVEL")), Clock.systemUTC(), System.out,
                findings(account, accountId, region), remediation, accountId,
                members(clients, accountId, remediation));
    }

    /**
     * Every account and Region other than the function's own, through the member role, where the template set
     * MEMBER_ROLE_NAME. A member is read, reported on and repaired through its own role, with the central
     * ledger: its cooldown and hourly cap then count across the organisation. Each account and Region is opened
     * once per execution environment: its clients (Security Hub, Config) are built once, not per event.
     */
    private static Optional<Members> members(AwsClients clients, String accountId,
                                             Optional<RemediationWiring> remediation) {
        String roleName = System.getenv(MEMBER_ROLE_NAME);
        if (roleName == null || roleName.isBlank() || accountId == null || accountId.isBlank()) {
            return Optional.empty();
        }
        MemberAccounts accounts = MemberAccounts.of(clients, accountId, roleName);
        Map<String, Target> opened = new ConcurrentHashMap<>();
        // A role that cannot be assumed throws out of computeIfAbsent: nothing is kept, the next event retries.
        return Optional.of((member, regionName) -> Optional.of(opened.computeIfAbsent(member + "/" + regionName,
                key -> {
                    Region region = Region.of(regionName);
                    SdkAccount account = accounts.account(member, region);
                    return new Target(account.readers(), findings(account, member, region), remediation.map(central ->
                            central.inMember(account.writers(), member, AwsClients.partition(region), roleName)),
                            once(() -> account.configRule(false)));
                })));
    }

    /** Built on first use (only the Config rule function needs Config), then the same one every time. */
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

    /** Present where the template set REMEDIATION_MODE: the deployment-event, sweep and reviewed-fix functions. */
    private static Optional<RemediationWiring> remediation(SdkAccount account) {
        Map<String, String> env = System.getenv();
        if (!env.containsKey(RemediationSettings.REMEDIATION_MODE)) {
            return Optional.empty();
        }
        return Optional.of(new RemediationWiring(account.writers(), account.remediationLedgerFromEnvironment(),
                RemediationSettings.fromEnvironment(env), env.get("REMEDIATOR_ROLE_PATH"), Clock.systemUTC()));
    }

    /** FINDINGS_ENABLED=true (the template's default) and ACCOUNT_ID: findings go to the account's own product. */
    private static FindingsReport findings(SdkAccount account, String accountId, Region region) {
        if (!Boolean.parseBoolean(System.getenv("FINDINGS_ENABLED")) || accountId == null || accountId.isBlank()) {
            return FindingsReport.disabled();
        }
        FindingMapper mapper = new FindingMapper(accountId, region.id(), AwsClients.partition(region),
                Checks::automaticallyFixable);
        return new FindingsReport(account.securityHub(mapper.productArn()), mapper, Clock.systemUTC(),
                FindingsPublisher.Sleeper.REAL);
    }
}
