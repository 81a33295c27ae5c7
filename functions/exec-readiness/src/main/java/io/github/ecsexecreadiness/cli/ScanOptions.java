package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.check.ExecScope;
import io.github.ecsexecreadiness.collect.Scope;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of {@code scan}, checked: what {@link ScanAction} runs with.
 *
 * @param execScope which services should have ECS Exec, as the stack's {@code ExecExpected} says it
 */
public record ScanOptions(String region, String profile, URI endpointUrl, List<String> clusters, String service,
                          Output output, boolean stats, ExecScope execScope) {

    public enum Output { TABLE, JSON }

    public ScanOptions {
        clusters = List.copyOf(clusters);
    }

    public Scope scope() {
        return new Scope(clusters, service);
    }

    /** Parses the arguments of {@code scan} (without the command name), as the command line does. */
    public static ScanOptions parse(List<String> args) {
        var command = new ScanCommand(null);
        Cli.parse(command, args);
        return command.options();
    }

    /** What to scan and how to show it: {@code scan}'s own options, which {@code fix} takes too. */
    static final class Selection {
        @Option(names = "--cluster", paramLabel = "NAME|ARN", description = "scan only this cluster; repeatable")
        List<String> clusters = new ArrayList<>();

        @Option(names = "--service", paramLabel = "NAME|ARN",
                description = "scan only this service (a name needs exactly one `--cluster`)")
        String service;

        @Option(names = "--output", paramLabel = "table|json", description = "output format, default `table`")
        String output = "table";

        @Option(names = "--exec-expected", paramLabel = "every-service|tagged",
                description = "which services should have ECS Exec: every service (default), or only those tagged "
                        + "`" + ExecScope.EXPECTED_TAG + "=true`; for the others `exec.service-flag` is "
                        + "NOT_APPLICABLE and `fix` never turns exec on (the stack's `ExecExpected`)")
        String execExpected = ExecScope.EVERY_SERVICE.value();

        @Option(names = "--stats", description = "print the API calls made, per operation, and the time taken")
        boolean stats;

        ScanOptions options(ConnectionOptions.Connection connection) {
            clusters.forEach(c -> Values.required(c, "--cluster"));
            Values.required(service, "--service");
            Output format = switch (output) {
                case "table" -> Output.TABLE;
                case "json" -> Output.JSON;
                default -> throw new UsageException("--output must be table or json, not " + output);
            };
            ExecScope execScope;
            try {
                execScope = ExecScope.named(execExpected);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--exec-expected must be every-service or tagged, not " + execExpected);
            }
            if (service != null && !service.startsWith("arn:") && clusters.size() != 1) {
                throw new UsageException("--service " + service
                        + " needs exactly one --cluster (or pass the service ARN)");
            }
            return new ScanOptions(connection.region(), connection.profile(), connection.endpointUrl(), clusters,
                    service, format, stats, execScope);
        }
    }
}
