package io.github.ecsexecreadiness.handler;

import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.plan.Planner;
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
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;

/**
 * What a handler is built from. In Lambda it comes from the environment, once per execution environment (the
 * SDK clients are created during init, so SnapStart snapshots them); tests pass an in-memory account.
 */
record Wiring(AccountReaders readers, Supplier<ConfigRuleApi> configRule, String metricsNamespace,
              Telemetry.Level logLevel, Clock clock, PrintStream out, FindingsReport findings,
              Optional<RemediationWiring> remediation) {

    static final String DEFAULT_NAMESPACE = "EcsExecReadiness";

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

    Telemetry telemetry(String trigger) {
        return new Telemetry(metricsNamespace, trigger, logLevel, clock, out);
    }

    /**
     * AWS_REGION is set by Lambda; METRICS_NAMESPACE, LOG_LEVEL, FINDINGS_ENABLED and ACCOUNT_ID by the
     * template, and REMEDIATION_MODE (with the other guardrail settings) only on the remediating functions.
     */
    static Wiring fromEnvironment() {
        String region = System.getenv("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set: run this handler in AWS Lambda or set it");
        }
        SdkAccount account = SdkAccount.open(Region.of(region), null, null);
        String namespace = System.getenv().getOrDefault("METRICS_NAMESPACE", DEFAULT_NAMESPACE);
        return new Wiring(account.readers(), () -> account.configRule(false), namespace,
                Telemetry.Level.named(System.getenv("LOG_LEVEL")), Clock.systemUTC(), System.out,
                findings(account, Region.of(region)), remediation(account));
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
    private static FindingsReport findings(SdkAccount account, Region region) {
        String accountId = System.getenv("ACCOUNT_ID");
        if (!Boolean.parseBoolean(System.getenv("FINDINGS_ENABLED")) || accountId == null || accountId.isBlank()) {
            return FindingsReport.disabled();
        }
        String partition = region.metadata() == null ? "aws" : region.metadata().partition().id();
        FindingMapper mapper = new FindingMapper(accountId, region.id(), partition, Planner.FIXABLE_CHECKS::contains);
        return new FindingsReport(account.securityHub(mapper.productArn()), mapper, Clock.systemUTC(),
                FindingsPublisher.Sleeper.REAL);
    }
}
