package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.aws.SdkCleanupAccount;
import io.github.ecsexecreadiness.aws.SdkDeploymentTarget;
import io.github.ecsexecreadiness.cli.cleanup.CleanupAccount;
import io.github.ecsexecreadiness.cli.preflight.DeploymentTarget;
import io.github.ecsexecreadiness.collect.AccountReaders;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Connects the commands to AWS: the Region from --region, else the SDK's chain (AWS_REGION, the profile); the
 * credentials of --profile, else the SDK's default chain, resolved before the first call so that a missing or
 * broken one is reported as such rather than as the first call's failure.
 */
final class SdkConnection implements Connections, AutoCloseable {
    private final Function<String, AwsCredentialsProvider> credentials;
    private final List<AwsClients> opened = new CopyOnWriteArrayList<>();

    SdkConnection() {
        this(AwsClients::credentialsProvider);
    }

    /** @param credentials the credentials of a profile (null for none given) */
    SdkConnection(Function<String, AwsCredentialsProvider> credentials) {
        this.credentials = credentials;
    }

    @Override
    public AccountReaders readers(ScanOptions options) {
        return open(new ConnectionOptions.Connection(options.region(), options.profile(), options.endpointUrl()))
                .readers();
    }

    /** With --ledger-table, the stack's ledger, so cooldowns and the hourly cap hold across runs and the Lambda. */
    @Override
    public FixConnection fix(FixOptions options) {
        ScanOptions scan = options.scan();
        SdkAccount account = open(new ConnectionOptions.Connection(scan.region(), scan.profile(), scan.endpointUrl()));
        return new FixConnection(account.readers(), account.writers(), options.ledgerTable() == null
                ? new InMemoryRemediationLedger() : account.remediationLedger(options.ledgerTable()));
    }

    @Override
    public DeploymentTarget preflight(ConnectionOptions.Connection connection) {
        return new SdkDeploymentTarget(open(connection).clients());
    }

    @Override
    public CleanupAccount cleanup(ConnectionOptions.Connection connection) {
        return new SdkCleanupAccount(open(connection).clients());
    }

    /** Every call made so far, per {@code Service.Operation}. */
    Map<String, Long> apiCalls() {
        Map<String, Long> calls = new TreeMap<>();
        opened.forEach(clients -> clients.apiCalls().snapshot().forEach((op, n) -> calls.merge(op, n, Long::sum)));
        return calls;
    }

    @Override
    public void close() {
        opened.forEach(AwsClients::close);
    }

    private SdkAccount open(ConnectionOptions.Connection connection) {
        Region region = region(connection);
        AwsCredentialsProvider provider = credentials.apply(connection.profile());
        provider.resolveCredentials(); // throws SdkClientException, which Failures words as "no credentials"
        var clients = new AwsClients(region, provider, connection.endpointUrl());
        opened.add(clients);
        return new SdkAccount(clients);
    }

    /**
     * A Region the SDK does not know is refused before any call, unless an endpoint is given (an emulator takes
     * any name): otherwise a typo would surface as a DNS failure after several retries.
     */
    static Region region(ConnectionOptions.Connection connection) {
        if (connection.region() == null) {
            try {
                return DefaultAwsRegionProviderChain.builder().profileName(connection.profile()).build().getRegion();
            } catch (SdkClientException e) {
                throw new UsageException("no AWS Region: pass --region or set AWS_REGION");
            }
        }
        Region region = Region.of(connection.region());
        if (connection.endpointUrl() == null && !Region.regions().contains(region)) {
            String closest = Region.regions().stream().map(Region::id).filter(id -> !id.contains("global"))
                    .min(Comparator.comparingInt(id -> distance(id, connection.region()))).orElseThrow();
            throw new UsageException("unknown Region " + connection.region() + (distance(closest, connection.region())
                    <= 3 ? " (did you mean " + closest + "?)" : "") + "; Regions are named like eu-west-1");
        }
        return region;
    }

    /** Levenshtein distance, for "did you mean". */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
