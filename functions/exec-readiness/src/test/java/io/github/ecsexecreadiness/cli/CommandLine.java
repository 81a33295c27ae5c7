package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.apply.RemediationLedger;
import io.github.ecsexecreadiness.cli.cleanup.CleanupAccount;
import io.github.ecsexecreadiness.cli.preflight.DeploymentTarget;
import io.github.ecsexecreadiness.collect.AccountReaders;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The real command line, in process, against an emulator: the production connection ({@link SdkConnection}, which
 * takes the parsed Region and endpoint) with the emulator's static credentials; {@code fix} records in the ledger
 * given, so that runs share it as runs against a stack's table do.
 */
public final class CommandLine {
    private static final List<String> READS = List.of("List", "Describe", "Get");

    private CommandLine() {}

    /** One run: exit code, what it printed, and every API call its clients sent (per "Service.Operation"). */
    public record Run(int exitCode, String out, String err, Map<String, Long> apiCalls) {
        /** Requests that are not List, Describe or Get. */
        public long writes() {
            return apiCalls.entrySet().stream()
                    .filter(e -> READS.stream().noneMatch(read -> e.getKey().split("\\.")[1].startsWith(read)))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    /** Runs {@code <command> --endpoint-url <endpoint> --region <region> <args>}; fix records in {@code ledger}. */
    public static Run run(URI endpoint, Region region, AwsCredentialsProvider credentials, RemediationLedger ledger,
                          String command, String... args) {
        List<String> argv = new ArrayList<>(List.of(command, "--endpoint-url", endpoint.toString(),
                "--region", region.id()));
        argv.addAll(List.of(args));
        return run(credentials, ledger, argv);
    }

    /** Runs the command line with exactly these arguments and credentials. */
    public static Run run(AwsCredentialsProvider credentials, RemediationLedger ledger, List<String> argv) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try (var sdk = new SdkConnection(profile -> credentials)) {
            Connections connections = new Connections() {
                @Override
                public AccountReaders readers(ScanOptions options) {
                    return sdk.readers(options);
                }

                @Override
                public FixConnection fix(FixOptions options) {
                    FixConnection connection = sdk.fix(options);
                    return new FixConnection(connection.readers(), connection.writers(), ledger);
                }

                @Override
                public DeploymentTarget preflight(ConnectionOptions.Connection connection) {
                    return sdk.preflight(connection);
                }

                @Override
                public CleanupAccount cleanup(ConnectionOptions.Connection connection) {
                    return sdk.cleanup(connection);
                }
            };
            int exitCode = new Main(connections, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).run(argv);
            return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    sdk.apiCalls());
        }
    }
}
