package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.iam.PolicyStatement.ASSUME_ONLY_THE_MEMBER_ROLE;

import io.github.ecsexecreadiness.flow.Accounts.MemberAccessException;
import io.github.ecsexecreadiness.iam.CallsAws;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The accounts of an organisation seen from the central account: its own account and Region with the
 * function's own credentials, everything else through the member role that member-role.yaml creates
 * ({@code arn:<partition>:iam::<account>:role/<role name>}). The central stack's policies are scoped to its
 * account and Region, so its own account in another Region goes through the member role too (a
 * service-managed StackSet puts it there like in any account of the OU). One {@link SdkAccount} per account
 * and Region is kept for the life of the execution environment; its credentials provider refreshes the session.
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
    private final Region ownRegion;
    private final AwsCredentialsProvider ownCredentials;
    private final String roleName;
    private final StsClient sts;
    private final Opener opener;
    private final Map<String, SdkAccount> open = new ConcurrentHashMap<>();

    public MemberAccounts(String ownAccountId, Region ownRegion, AwsCredentialsProvider ownCredentials,
                          String roleName, StsClient sts, Opener opener) {
        this.ownAccountId = Objects.requireNonNull(ownAccountId, "ownAccountId");
        this.ownRegion = Objects.requireNonNull(ownRegion, "ownRegion");
        this.ownCredentials = ownCredentials;
        this.roleName = Objects.requireNonNull(roleName, "roleName");
        this.sts = sts;
        this.opener = opener;
    }

    /** In Lambda: STS and the member clients on the central account's settings, against AWS. */
    public static MemberAccounts of(AwsClients central, String ownAccountId, String roleName) {
        return new MemberAccounts(ownAccountId, central.region(), central.credentials(), roleName,
                central.build(StsClient.builder()), (region, credentials) ->
                new SdkAccount(new AwsClients(region, credentials, null)));
    }

    private boolean own(String accountId, Region region) {
        return accountId.equals(ownAccountId) && region.equals(ownRegion);
    }

    /**
     * The account in this Region. A member's role is assumed here, once, so that a role that is missing or
     * does not trust this account fails as one {@link MemberAccessException} naming it (and is not cached:
     * the next event tries again) instead of as an AccessDenied on every read.
     */
    @CallsAws(operation = "STS.AssumeRole", statements = ASSUME_ONLY_THE_MEMBER_ROLE)
    public SdkAccount account(String accountId, Region region) {
        return open.computeIfAbsent(accountId + "/" + region.id(), key -> own(accountId, region)
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
}
