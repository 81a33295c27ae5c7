package io.github.ecsexecreadiness.aws;

import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.report.config.ConfigRuleApi;
import io.github.ecsexecreadiness.report.securityhub.SecurityHubApi;
import java.net.URI;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;

/** One account and Region through the AWS SDK: the readers the collector uses, and the Config rule API. */
public final class SdkAccount {
    private final AwsClients clients;

    public SdkAccount(AwsClients clients) {
        this.clients = clients;
    }

    /** @see AwsClients#create(Region, String, URI) */
    public static SdkAccount open(Region region, String profile, URI endpointOverride) {
        return new SdkAccount(AwsClients.create(region, profile, endpointOverride));
    }

    public AccountReaders readers() {
        return new AccountReaders(clients.region().id(), new SdkEcsReader(clients.ecs()),
                new SdkIamReader(clients.iam()), new SdkEc2Reader(clients.ec2()), clients.apiCalls());
    }

    /** The Config client is built on first use: only the Config rule function needs it. */
    public ConfigRuleApi configRule(boolean testMode) {
        return new SdkConfigRuleApi(clients.build(ConfigClient.builder()), testMode);
    }

    /** The Security Hub client is built on first use, on the Apache HTTP client (see AwsClients#securityHub). */
    public SecurityHubApi securityHub(String productArn) {
        return new SdkSecurityHubApi(clients.securityHub(), productArn);
    }
}
