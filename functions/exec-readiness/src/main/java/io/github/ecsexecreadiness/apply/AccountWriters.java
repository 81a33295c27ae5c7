package io.github.ecsexecreadiness.apply;

/** The write side of one account and Region (the counterpart of {@code collect.AccountReaders}). */
public record AccountWriters(String region, IamWriter iam, Ec2Writer ec2, EcsWriter ecs) {}
