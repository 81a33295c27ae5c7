package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.apply.RemediationLedger;
import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.aws.SdkAccount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The real command line ({@code scan} and {@code fix}), in process, against an emulator: the connection takes the
 * parsed Region and endpoint as the production one does, with the emulator's static credentials.
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
        List<AwsClients> opened = new ArrayList<>();
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        Main main = new Main(options -> open(opened, options.region(), credentials, options.endpointUrl()).readers(),
                options -> {
                    SdkAccount account = open(opened, options.scan().region(), credentials,
                            options.scan().endpointUrl());
                    return new Main.FixConnection(account.readers(), account.writers(), ledger);
                }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> argv = new ArrayList<>(List.of(command, "--endpoint-url", endpoint.toString(),
                "--region", region.id()));
        argv.addAll(List.of(args));
        int exitCode = main.run(argv);
        Map<String, Long> calls = new TreeMap<>();
        opened.forEach(clients -> {
            clients.apiCalls().snapshot().forEach((op, n) -> calls.merge(op, n, Long::sum));
            clients.close();
        });
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), calls);
    }

    private static SdkAccount open(List<AwsClients> opened, String region, AwsCredentialsProvider credentials,
                                   URI endpoint) {
        var clients = new AwsClients(Region.of(region), credentials, endpoint);
        opened.add(clients);
        return new SdkAccount(clients);
    }
}
