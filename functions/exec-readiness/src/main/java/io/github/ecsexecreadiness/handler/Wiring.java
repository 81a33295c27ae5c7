package io.github.ecsexecreadiness.handler;

import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.config.ConfigRuleApi;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;

/**
 * What a handler is built from. In Lambda it comes from the environment, once per execution environment (the
 * SDK clients are created during init, so SnapStart snapshots them); tests pass an in-memory account.
 */
record Wiring(AccountReaders readers, Supplier<ConfigRuleApi> configRule, String metricsNamespace,
              Telemetry.Level logLevel, Clock clock, PrintStream out) {

    static final String DEFAULT_NAMESPACE = "EcsExecReadiness";

    /** Logs from INFO up. */
    Wiring(AccountReaders readers, Supplier<ConfigRuleApi> configRule, String metricsNamespace, Clock clock,
           PrintStream out) {
        this(readers, configRule, metricsNamespace, Telemetry.Level.INFO, clock, out);
    }

    Telemetry telemetry(String trigger) {
        return new Telemetry(metricsNamespace, trigger, logLevel, clock, out);
    }

    /** AWS_REGION is set by Lambda; METRICS_NAMESPACE and LOG_LEVEL by the template. */
    static Wiring fromEnvironment() {
        String region = System.getenv("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set: run this handler in AWS Lambda or set it");
        }
        SdkAccount account = SdkAccount.open(Region.of(region), null, null);
        String namespace = System.getenv().getOrDefault("METRICS_NAMESPACE", DEFAULT_NAMESPACE);
        return new Wiring(account.readers(), () -> account.configRule(false), namespace,
                Telemetry.Level.named(System.getenv("LOG_LEVEL")), Clock.systemUTC(), System.out);
    }
}
