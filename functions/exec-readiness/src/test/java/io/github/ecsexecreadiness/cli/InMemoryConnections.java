package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.cli.cleanup.CleanupAccount;
import io.github.ecsexecreadiness.cli.preflight.DeploymentTarget;
import io.github.ecsexecreadiness.apply.RemediationLedger;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** {@link Connections} to in-memory twins; a command whose connection a test did not give fails as unavailable. */
record InMemoryConnections(Function<ScanOptions, AccountReaders> scan, Function<FixOptions, FixConnection> fix,
                           Function<ConnectionOptions.Connection, DeploymentTarget> preflight)
        implements Connections {

    static InMemoryConnections scan(Function<ScanOptions, AccountReaders> readers) {
        return new InMemoryConnections(readers, options -> unavailable("fix"), connection -> unavailable("preflight"));
    }

    static InMemoryConnections fix(Function<ScanOptions, AccountReaders> readers,
                                   Function<FixOptions, FixConnection> fix) {
        return new InMemoryConnections(readers, fix, connection -> unavailable("preflight"));
    }

    /**
     * Runs {@code scan} or {@code fix} on the account, {@code fix} recording in {@code ledger}; standard output
     * goes to {@code out}, standard error nowhere.
     */
    static int run(InMemoryAccount account, RemediationLedger ledger, ByteArrayOutputStream out, List<String> args) {
        Main main = new Main(fix(options -> account.readers(),
                options -> new FixConnection(account.readers(), account.writers(), ledger)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        return main.run(args);
    }

    /** Whether ECS Exec is on for service {@code name} of the scenario's cluster ("shop"). */
    static boolean execEnabled(InMemoryAccount account, String name) {
        return account.describeService(Scenario.CLUSTER_ARN, account.serviceArn("shop", name)).orElseThrow()
                .enableExecuteCommand();
    }

    static InMemoryConnections preflight(DeploymentTarget target) {
        return new InMemoryConnections(options -> unavailable("scan"), options -> unavailable("fix"),
                connection -> target);
    }

    @Override
    public AccountReaders readers(ScanOptions options) {
        return scan.apply(options);
    }

    @Override
    public FixConnection fix(FixOptions options) {
        return fix.apply(options);
    }

    @Override
    public DeploymentTarget preflight(ConnectionOptions.Connection connection) {
        return preflight.apply(connection);
    }

    @Override
    public CleanupAccount cleanup(ConnectionOptions.Connection connection) {
        return unavailable("cleanup");
    }

    private static <T> T unavailable(String command) {
        throw new IllegalStateException(command + " is not connected in this test");
    }
}
