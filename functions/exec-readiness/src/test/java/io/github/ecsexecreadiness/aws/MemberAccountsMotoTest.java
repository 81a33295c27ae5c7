package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.moto.MotoServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * MemberAccounts with the SDK's own STS credentials provider against moto, which acts in the account of the
 * role a request's credentials were assumed from: what the member's clients read is the member's, not the
 * central account's.
 */
@StartsEmulator
class MemberAccountsMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final String MEMBER = "444455556666";

    private final List<AwsClients> opened = new ArrayList<>();
    private AwsClients central;

    @AfterEach
    void close() {
        opened.forEach(AwsClients::close);
        if (central != null) {
            central.close();
        }
    }

    @Test
    void aMembersClientsActInTheMemberAccountThroughTheAssumedRole() {
        central = moto.newClients();
        MemberAccounts accounts = new MemberAccounts(MotoServer.ACCOUNT_ID, MotoServer.REGION, MotoServer.CREDENTIALS,
                "ecs-exec-readiness-member", central.build(StsClient.builder()), (region, credentials) -> {
                    AwsClients clients = new AwsClients(region, credentials, moto.endpoint());
                    opened.add(clients);
                    return new SdkAccount(clients);
                });
        central.ecs().createCluster(r -> r.clusterName("central-shop"));

        SdkAccount member = accounts.account(MEMBER, MotoServer.REGION);
        opened.get(0).ecs().createCluster(r -> r.clusterName("member-shop"));

        assertEquals(List.of("arn:aws:ecs:eu-west-1:" + MEMBER + ":cluster/member-shop"),
                member.readers().ecs().listClusters());
        assertEquals(List.of("arn:aws:ecs:eu-west-1:" + MotoServer.ACCOUNT_ID + ":cluster/central-shop"),
                accounts.account(MotoServer.ACCOUNT_ID, MotoServer.REGION).readers().ecs().listClusters());
    }
}
