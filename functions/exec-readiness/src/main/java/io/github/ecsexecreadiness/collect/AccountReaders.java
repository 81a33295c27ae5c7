package io.github.ecsexecreadiness.collect;

/**
 * The read side of one account and Region, and the counter of the calls made through it.
 *
 * @param serviceControlPolicies the central account's reader of the organisation's SCPs in organisation mode;
 *                               null otherwise (SCPs are then not read)
 */
public record AccountReaders(String region, EcsReader ecs, IamReader iam, Ec2Reader ec2, DnsReader dns,
                             KmsReader kms, LogsReader logs, S3Reader s3, ApiCalls apiCalls,
                             ServiceControlPolicyReader serviceControlPolicies) {

    /** Readers outside organisation mode: service control policies are not read. */
    public AccountReaders(String region, EcsReader ecs, IamReader iam, Ec2Reader ec2, DnsReader dns, KmsReader kms,
                          LogsReader logs, S3Reader s3, ApiCalls apiCalls) {
        this(region, ecs, iam, ec2, dns, kms, logs, s3, apiCalls, null);
    }

    /** The same readers, reading the account's SCPs through {@code reader}. */
    public AccountReaders withServiceControlPolicies(ServiceControlPolicyReader reader) {
        return new AccountReaders(region, ecs, iam, ec2, dns, kms, logs, s3, apiCalls, reader);
    }
}
