package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.collect.AccountReaders;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** Connects the command line to AWS: the Region from --region, else the SDK's chain (AWS_REGION, the profile). */
final class SdkConnection {
    private SdkConnection() {}

    static AccountReaders open(ScanOptions options) {
        return SdkAccount.open(region(options), options.profile(), options.endpointUrl()).readers();
    }

    /** With --ledger-table, the stack's ledger, so cooldowns and the hourly cap hold across runs and the Lambda. */
    static Main.FixConnection openForFix(FixOptions options) {
        ScanOptions scan = options.scan();
        SdkAccount account = SdkAccount.open(region(scan), scan.profile(), scan.endpointUrl());
        return new Main.FixConnection(account.readers(), account.writers(), options.ledgerTable() == null
                ? new InMemoryRemediationLedger() : account.remediationLedger(options.ledgerTable()));
    }

    private static Region region(ScanOptions options) {
        if (options.region() != null) {
            return Region.of(options.region());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().profileName(options.profile()).build().getRegion();
        } catch (SdkClientException e) {
            throw new UsageException("no AWS Region: pass --region or set AWS_REGION");
        }
    }
}
