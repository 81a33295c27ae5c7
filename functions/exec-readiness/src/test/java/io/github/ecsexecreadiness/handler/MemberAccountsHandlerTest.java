package io.github.ecsexecreadiness.handler;

import static io.github.ecsexecreadiness.handler.Organization.CENTRAL;
import static io.github.ecsexecreadiness.handler.Organization.MEMBER;
import static io.github.ecsexecreadiness.handler.Organization.OTHER_MEMBER;
import static io.github.ecsexecreadiness.handler.Organization.ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.flow.Accounts.MemberAccessException;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deployment-event function of a central account: an event from a member account is evaluated, reported
 * and repaired in that member account (its readers, its hub, its writers), never in the central one; a member
 * whose role cannot be assumed fails that event alone.
 */
@ReadsRepositoryFiles
class MemberAccountsHandlerTest {
    /** The ssmmessages policy member-role.yaml creates in the member account. */
    private static final String MEMBER_POLICY = "arn:aws:iam::" + MEMBER + ":policy/" + ROLE + "-ecs-exec-ssmmessages";

    /** The central account's service is ready; each member's has ECS Exec turned off. */
    private final Organization organization = new Organization().execOff(MEMBER).execOff(OTHER_MEMBER);

    /** The sample deployment event, from {@code account}'s own service. */
    private JsonNode invoke(String account) throws IOException {
        return invoke(account, true);
    }

    private JsonNode invoke(String account, boolean withMembers) throws IOException {
        return organization.invoke(DeploymentEventHandler::new,
                HandlerFixture.sample("ecs-deployment-state-change.json").replace(Scenario.ACCOUNT, account),
                withMembers);
    }

    @Test
    void aMemberEventIsEvaluatedAndReportedInThatMembersAccount() throws IOException {
        JsonNode result = invoke(MEMBER);

        assertEquals("evaluated", result.path("status").asText(), result.toString());
        assertFalse(result.path("ready").asBoolean(), "the member's service (exec off) was read: " + result);
        assertEquals(List.of(MEMBER + "/" + Organization.REGION), organization.opened);
        assertEquals(0, organization.account(CENTRAL).apiCalls().total(), "nothing read in the central account");
        assertTrue(organization.hub(CENTRAL).all().isEmpty(), "no finding in the central account's hub");
        var findings = organization.hub(MEMBER).all().values();
        assertFalse(findings.isEmpty());
        findings.forEach(stored -> {
            assertEquals(MEMBER, stored.finding().awsAccountId());
            assertEquals(Organization.mapper(MEMBER).productArn(), stored.finding().productArn());
        });
    }

    @Test
    void theFunctionsOwnAccountIsReadDirectly() throws IOException {
        JsonNode result = invoke(CENTRAL);

        assertTrue(result.path("ready").asBoolean(), "the central service (exec on) was read: " + result);
        assertEquals(List.of(), organization.opened, "no member role assumed for the function's own account");
        assertTrue(organization.account(CENTRAL).apiCalls().total() > 0);
    }

    @Test
    void theFunctionsOwnAccountInAnotherRegionGoesThroughTheMemberRole() throws IOException {
        Organization twoRegions = new Organization(Organization.REGION, "us-east-1");
        twoRegions.execOff(CENTRAL, "us-east-1");

        JsonNode result = twoRegions.invoke(DeploymentEventHandler::new, HandlerFixture.sample(
                "ecs-deployment-state-change.json").replace(Organization.REGION, "us-east-1"), true);

        assertFalse(result.path("ready").asBoolean(), "the us-east-1 service (exec off) was read: " + result);
        assertEquals(List.of(CENTRAL + "/us-east-1"), twoRegions.opened);
        assertEquals(0, twoRegions.account(CENTRAL).apiCalls().total(), "nothing read in the home Region");
    }

    @Test
    void aMemberIsRepairedWithItsOwnWritersAndTheCentralAccountIsLeftAlone() throws IOException {
        organization.execOff(CENTRAL).remediating();

        JsonNode result = invoke(MEMBER);

        assertEquals("APPLIED", result.at("/remediation/fixes/0/outcome").asText(), result.toString());
        assertTrue(organization.execEnabled(MEMBER));
        assertFalse(organization.execEnabled(CENTRAL));
    }

    @Test
    void aMembersTaskRoleGetsThatMembersSsmmessagesPolicy() throws IOException {
        InMemoryAccount member = organization.account(MEMBER);
        member.putRole("web-task", Map.of("logs", LOGS_ONLY), List.of(), null);
        member.putPolicy(MEMBER_POLICY, SSMMESSAGES_ONLY);
        organization.remediating();

        JsonNode result = invoke(MEMBER);

        assertTrue(result.at("/remediation/nowPassing").toString().contains("iam.ssmmessages"), result.toString());
        assertEquals(List.of(MEMBER_POLICY), member.role("web-task").orElseThrow().attachedPolicyArns());
    }

    @Test
    void theMemberRolesOwnChangeIsNotActedOn() throws IOException {
        organization.remediating();
        String ownChange = HandlerFixture.sample("cloudtrail-update-service.json", event -> {
            ObjectNode issuer = (ObjectNode) event.at("/detail/userIdentity/sessionContext/sessionIssuer");
            issuer.put("arn", "arn:aws:iam::" + MEMBER + ":role/" + ROLE);
        }).replace(Scenario.ACCOUNT, MEMBER);

        JsonNode result = organization.invoke(DeploymentEventHandler::new, ownChange, true);

        assertEquals("evaluated", result.path("status").asText(), result.toString());
        assertFalse(result.has("remediation"), result.toString());
        assertFalse(organization.execEnabled(MEMBER), "nothing was changed");
    }

    @Test
    void withoutAMemberRoleEventsFromOtherAccountsAreSkipped() throws IOException {
        JsonNode result = invoke(MEMBER, false);

        assertEquals("skipped", result.path("status").asText(), result.toString());
        assertEquals(MEMBER, result.path("account").asText());
        assertEquals(0, organization.account(CENTRAL).apiCalls().total());
        assertTrue(organization.hub(CENTRAL).all().isEmpty());
    }

    @Test
    void aMemberWhoseRoleCannotBeAssumedFailsThatEventOnly() throws IOException {
        organization.denied.add(MEMBER);

        var error = assertThrows(MemberAccessException.class, () -> invoke(MEMBER));

        assertTrue(error.getMessage().contains(Organization.roleArn(MEMBER)), error.getMessage());
        assertEquals(MEMBER, error.accountId());
        assertTrue(organization.hub(CENTRAL).all().isEmpty(), "nothing reported anywhere for the failed event");
        assertTrue(organization.hub(MEMBER).all().isEmpty());
        // The other members and the central account are still served, and the member is once its role is fixed.
        assertEquals("evaluated", invoke(OTHER_MEMBER).path("status").asText());
        assertEquals("evaluated", invoke(CENTRAL).path("status").asText());
        organization.denied.clear();
        assertEquals("evaluated", invoke(MEMBER).path("status").asText());
    }

    private static final String LOGS_ONLY = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["logs:CreateLogStream","logs:DescribeLogStreams","logs:PutLogEvents"],
               "Resource":"*"}]}""";
    private static final String SSMMESSAGES_ONLY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssmmessages:CreateControlChannel",
              "ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],
              "Resource":"*"}]}""";
}
