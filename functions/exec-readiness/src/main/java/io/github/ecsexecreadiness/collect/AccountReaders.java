package io.github.ecsexecreadiness.collect;

/** The read side of one account and Region, and the counter of the calls made through it. */
public record AccountReaders(String region, EcsReader ecs, IamReader iam, Ec2Reader ec2, DnsReader dns,
                             KmsReader kms, LogsReader logs, S3Reader s3, ApiCalls apiCalls) {}
