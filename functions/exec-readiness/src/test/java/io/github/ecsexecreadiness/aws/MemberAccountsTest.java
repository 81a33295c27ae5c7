package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.flow.Accounts.MemberAccessException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** Which credentials each account is opened with, and how often a member role is assumed. */
class MemberAccountsTest {
    private static final String CENTRAL = "111122223333";
    private static final String MEMBER = "444455556666";
    private static final String ROLE = "ecs-exec-readiness-member";
    private static final AwsCredentialsProvider OWN = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDCENTRAL", "central-secret"));

    private final List<Object> assumed = new ArrayList<>();
    private final Set<String> denied = new HashSet<>();
    private final List<String> openedWith = new ArrayList<>();
    private final StsClient sts = FakeSdkClient.of(StsClient.class, AssumeRoleRequest.class, request -> {
        String account = request.roleArn().split(":")[4];
        if (denied.contains(account)) {
            throw StsException.builder().statusCode(403).message("not authorized to perform: sts:AssumeRole")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build()).build();
        }
        return AssumeRoleResponse.builder().credentials(Credentials.builder().accessKeyId("ASIA" + account)
                .secretAccessKey("secret").sessionToken("token").expiration(Instant.now().plusSeconds(3600))
                .build()).build();
    }, assumed);
    private final MemberAccounts accounts = new MemberAccounts(CENTRAL, Region.EU_WEST_1, OWN, ROLE, sts, (region, credentials) -> {
        openedWith.add(region.id() + " " + credentials.resolveCredentials().accessKeyId());
        return new SdkAccount(null); // never called here: only which account was opened how matters
    });

    @Test
    void theOwnAccountIsOpenedWithTheFunctionsCredentials() {
        accounts.account(CENTRAL, Region.EU_WEST_1);

        assertEquals(List.of("eu-west-1 AKIDCENTRAL"), openedWith);
        assertEquals(List.of(), assumed);
    }

    @Test
    void theOwnAccountInAnotherRegionGoesThroughTheMemberRole() {
        accounts.account(CENTRAL, Region.US_EAST_1);

        assertEquals(List.of("us-east-1 ASIA" + CENTRAL), openedWith,
                "the central stack's own policies are scoped to its Region");
        assertEquals("arn:aws:iam::" + CENTRAL + ":role/" + ROLE, ((AssumeRoleRequest) assumed.get(0)).roleArn());
    }

    @Test
    void aMemberIsOpenedThroughItsRoleWithTheProjectsSessionName() {
        accounts.account(MEMBER, Region.EU_WEST_1);

        assertEquals(List.of("eu-west-1 ASIA" + MEMBER), openedWith);
        AssumeRoleRequest request = (AssumeRoleRequest) assumed.get(0);
        assertEquals("arn:aws:iam::" + MEMBER + ":role/" + ROLE, request.roleArn());
        assertEquals(MemberAccounts.SESSION_NAME, request.roleSessionName());
    }

    @Test
    void eachAccountAndRegionIsOpenedOnce() {
        SdkAccount first = accounts.account(MEMBER, Region.EU_WEST_1);

        assertSame(first, accounts.account(MEMBER, Region.EU_WEST_1));
        assertNotSame(first, accounts.account(MEMBER, Region.US_EAST_1));
        assertEquals(2, assumed.size(), "one session per account and Region, refreshed by its provider");
    }

    @Test
    void aRoleThatCannotBeAssumedFailsNamingItAndIsTriedAgainNextTime() {
        denied.add(MEMBER);

        var error = assertThrows(MemberAccessException.class, () -> accounts.account(MEMBER, Region.EU_WEST_1));

        assertEquals(MEMBER, error.accountId());
        assertTrue(error.getMessage().contains("arn:aws:iam::" + MEMBER + ":role/" + ROLE), error.getMessage());
        assertTrue(error.getMessage().contains("not authorized"), error.getMessage());
        assertEquals(List.of(), openedWith);
        denied.clear();
        accounts.account(MEMBER, Region.EU_WEST_1);
        assertEquals(List.of("eu-west-1 ASIA" + MEMBER), openedWith, "the failure was not cached");
    }

    @ParameterizedTest
    @CsvSource({"eu-west-1, aws", "cn-north-1, aws-cn", "us-gov-west-1, aws-us-gov"})
    void theRoleArnIsInTheRegionsPartition(String region, String partition) {
        assertEquals("arn:" + partition + ":iam::" + MEMBER + ":role/" + ROLE,
                accounts.roleArn(MEMBER, Region.of(region)));
    }
}
