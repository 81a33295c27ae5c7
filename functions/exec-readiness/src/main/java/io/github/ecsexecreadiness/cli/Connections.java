package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.apply.AccountWriters;
import io.github.ecsexecreadiness.apply.RemediationLedger;
import io.github.ecsexecreadiness.cli.cleanup.CleanupAccount;
import io.github.ecsexecreadiness.cli.preflight.DeploymentTarget;
import io.github.ecsexecreadiness.collect.AccountReaders;

/** How each command reaches the account: through the SDK ({@link SdkConnection}), or in tests an in-memory twin. */
public interface Connections {

    /** The readers {@code scan} collects with. */
    AccountReaders readers(ScanOptions options);

    /** The readers, writers and ledger of forced deployments {@code fix} uses. */
    FixConnection fix(FixOptions options);

    /** What {@code preflight} reads of the target account and Region. */
    DeploymentTarget preflight(ConnectionOptions.Connection connection);

    /** What {@code cleanup} lists and removes. */
    CleanupAccount cleanup(ConnectionOptions.Connection connection);

    /** The account's readers, and for {@code fix} its writers and the ledger of forced deployments. */
    record FixConnection(AccountReaders readers, AccountWriters writers, RemediationLedger ledger) {}
}
