package io.github.ecsexecreadiness.aws;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The accounts of an organisation seen from the central account: its own account with the function's own
 * credentials, every other account through the member role that member-role.yaml creates there
 * ({@code arn:<partition>:iam::<account>:role/<role name>}). Without a role name only the own account is
 * reached, in any Region. One {@link SdkAccount} per account and Region is kept for the life of the execution
 * environment; its credentials provider refreshes the session itself.
 */
public final class MemberAccounts {
    /** The role session name, which CloudTrail records in each member account. */
    public static final String SESSION_NAME = "ecs-exec-readiness";

    /** Builds the clients of one account and Region with these credentials. */
    @FunctionalInterface
    public interface Opener {
        SdkAccount open(Region region, AwsCredentialsProvider credentials);
    }

    private final String ownAccountId;
    private final AwsCredentialsProvider ownCredentials;
    private final String roleName;
    private final StsClient sts;
    private final Opener opener;
    private final Map<String, SdkAccount> open = new ConcurrentHashMap<>();

    /** @param roleName the member role's name, or null to reach the own account only */
    public MemberAccounts(String ownAccountId, AwsCredentialsProvider ownCredentials, String roleName, StsClient sts,
                          Opener opener) {
        this.ownAccountId = Objects.requireNonNull(ownAccountId, "ownAccountId");
        this.ownCredentials = ownCredentials;
        this.roleName = roleName;
        this.sts = sts;
        this.opener = opener;
    }

    /** In Lambda: STS (only with a role name) and the clients on the central account's settings, against AWS. */
    public static MemberAccounts of(AwsClients central, String ownAccountId, String roleName) {
        return new MemberAccounts(ownAccountId, central.credentials(), roleName,
                roleName == null ? null : central.build(StsClient.builder()), (region, credentials) ->
                new SdkAccount(new AwsClients(region, credentials, null)));
    }

    public String ownAccountId() {
        return ownAccountId;
    }

    /** The own account always; another one only through a member role. */
    public boolean reaches(String accountId) {
        return accountId.equals(ownAccountId) || roleName != null;
    }

    /**
     * The account in this Region. A member's role is assumed here, once, so that a role that is missing or
     * does not trust this account fails as one {@link MemberAccessException} naming it (and is not cached:
     * the next event tries again) instead of as an AccessDenied on every read.
     *
     * @throws IllegalArgumentException for another account when there is no member role ({@link #reaches})
     */
    public SdkAccount account(String accountId, Region region) {
        if (!reaches(accountId)) {
            throw new IllegalArgumentException("account " + accountId + " is not this account and no member role is set");
        }
        return open.computeIfAbsent(accountId + "/" + region.id(), key -> accountId.equals(ownAccountId)
                ? opener.open(region, ownCredentials)
                : member(accountId, region));
    }

    private SdkAccount member(String accountId, Region region) {
        String roleArn = roleArn(accountId, region);
        StsAssumeRoleCredentialsProvider credentials = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request -> request.roleArn(roleArn).roleSessionName(SESSION_NAME))
                .build();
        try {
            credentials.resolveCredentials();
        } catch (SdkException e) {
            credentials.close();
            throw new MemberAccessException(accountId, roleArn, e);
        }
        return opener.open(region, credentials);
    }

    /** The member role in that account, in the Region's partition. */
    public String roleArn(String accountId, Region region) {
        return "arn:" + AwsClients.partition(region) + ":iam::" + accountId + ":role/" + roleName;
    }

    /** The member role could not be assumed: the StackSet did not reach the account, or its trust is wrong. */
    public static final class MemberAccessException extends RuntimeException {
        private final String accountId;

        public MemberAccessException(String accountId, String roleArn, SdkException cause) {
            super("cannot assume " + roleArn + " in member account " + accountId + ": " + cause.getMessage(), cause);
            this.accountId = accountId;
        }

        public String accountId() {
            return accountId;
        }
    }
}
