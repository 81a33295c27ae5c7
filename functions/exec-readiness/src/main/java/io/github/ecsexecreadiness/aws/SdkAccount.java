package io.github.ecsexecreadiness.aws;

import io.github.ecsexecreadiness.apply.AccountWriters;
import io.github.ecsexecreadiness.apply.RemediationLedger;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.report.config.ConfigRuleApi;
import io.github.ecsexecreadiness.report.securityhub.SecurityHubApi;
import io.github.ecsexecreadiness.sweep.SweepQueue;
import java.net.URI;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One account and Region through the AWS SDK: the readers the collector uses, the writers the remediator uses,
 * the Config rule API and the remediation ledger.
 */
public final class SdkAccount {
    private final AwsClients clients;

    public SdkAccount(AwsClients clients) {
        this.clients = clients;
    }

    /** @see AwsClients#create(Region, String, URI) */
    public static SdkAccount open(Region region, String profile, URI endpointOverride) {
        return new SdkAccount(AwsClients.create(region, profile, endpointOverride));
    }

    public AwsClients clients() {
        return clients;
    }

    public AccountReaders readers() {
        return new AccountReaders(clients.region().id(), new SdkEcsReader(clients.ecs()),
                new SdkIamReader(clients.iam()), new SdkEc2Reader(clients.ec2()),
                new SdkDnsReader(clients.route53(), clients.route53Resolver()), new SdkKmsReader(clients.kms()),
                new SdkLogsReader(clients.logs()), new SdkS3Reader(clients.s3()), clients.apiCalls());
    }

    public AccountWriters writers() {
        return new AccountWriters(clients.region().id(), new SdkIamWriter(clients.iam()),
                new SdkEc2Writer(clients.ec2()), new SdkEcsWriter(clients.ecs()));
    }

    public RemediationLedger remediationLedger(String table) {
        return new DynamoDbRemediationLedger(clients.build(DynamoDbClient.builder()), table);
    }

    /** The Config client is built on first use: only the Config rule function needs it. */
    public ConfigRuleApi configRule(boolean testMode) {
        return new SdkConfigRuleApi(clients.build(ConfigClient.builder()), testMode);
    }

    /** The SQS client is built on first use: only the sweep functions need it. */
    public SweepQueue sweepQueue(String queueUrl) {
        return new SdkSweepQueue(clients.build(SqsClient.builder()), queueUrl);
    }

    /** The Security Hub client is built on first use, on the Apache HTTP client (see AwsClients#securityHub). */
    public SecurityHubApi securityHub(String productArn) {
        return new SdkSecurityHubApi(clients.securityHub(), productArn);
    }
}
