package io.github.ecsexecreadiness.cli;

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
