package io.github.ecsexecreadiness.handler;

import static io.github.ecsexecreadiness.handler.Organization.CENTRAL;
import static io.github.ecsexecreadiness.handler.Organization.MEMBER;
import static io.github.ecsexecreadiness.handler.Organization.OTHER_MEMBER;
import static io.github.ecsexecreadiness.handler.Organization.REGION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.flow.Accounts.MemberAccessException;
import io.github.ecsexecreadiness.flow.Accounts;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation.ComplianceType;
import io.github.ecsexecreadiness.report.config.FakeConfigRuleApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Config rule function as the function of an organization rule: each member account's Config invokes it with
 * that member's event (accountId, and the Region of configRuleArn), which is evaluated there and whose evaluations
 * are put there, through the member's role; nothing is read or put in the central account.
 */
@ReadsRepositoryFiles
class ConfigRuleMemberAccountsTest {
    private static final String TOKEN = "member-result-token";

    /** Every member's service has ECS Exec off, the central account's is ready: the verdict says which was read. */
    private final Organization organization = new Organization().execOff(MEMBER).execOff(OTHER_MEMBER);

    /** The sample change event as the member's copy of the organization rule sends it. */
    private static String itemChange(String account) {
        return edit(HandlerFixture.configSample("config-item-change.json", invoking -> {
            ObjectNode item = (ObjectNode) invoking.get("configurationItem");
            ((ObjectNode) item.get("configuration")).put("ServiceArn", Organization.serviceArn(account))
                    .put("Cluster", Organization.clusterArn(account));
            item.put("ARN", Organization.serviceArn(account)).put("resourceId", Organization.resourceId(account))
                    .put("awsAccountId", account);
        }), fromRuleOf(account));
    }

    private static String edit(String event, Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) HandlerFixture.json().readTree(event);
            change.accept(node);
            return node.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String scheduled(String account) {
        return HandlerFixture.sample("config-scheduled.json", fromRuleOf(account));
    }

    /** An organization rule's copy in a member: its name and id are generated there. */
    private static Consumer<ObjectNode> fromRuleOf(String account) {
        return event -> event.put("accountId", account).put("resultToken", TOKEN)
                .put("configRuleName", "OrgConfigRule-ecs-exec-readiness-a1b2c3d4")
                .put("configRuleArn", "arn:aws:config:" + REGION + ":" + account
                        + ":config-rule/aws-service-rule/config-multiaccountsetup.amazonaws.com/config-rule-m1n2o3");
    }

    private JsonNode invoke(String event) throws IOException {
        return organization.invoke(ConfigRuleHandler::new, event, true);
    }

    private void assertNothingInTheCentralAccount() {
        assertEquals(0, organization.account(CENTRAL).apiCalls().total(), "nothing read in the central account");
        assertEquals(List.of(), organization.config(CENTRAL).calls, "nothing put in the central account's Config");
        assertTrue(organization.hub(CENTRAL).all().isEmpty(), "no finding in the central account's hub");
    }

    @Test
    void aMembersChangeIsEvaluatedAndPutInThatMember() throws IOException {
        JsonNode result = invoke(itemChange(MEMBER));

        assertEquals("recorded", result.path("status").asText(), result.toString());
        FakeConfigRuleApi config = organization.config(MEMBER);
        assertEquals(List.of(TOKEN), config.tokens, "put with the member's result token, in the member's Config");
        ConfigEvaluation evaluation = config.sent().get(0);
        assertEquals(Organization.resourceId(MEMBER), evaluation.resourceId());
        assertEquals(ComplianceType.NON_COMPLIANT, evaluation.complianceType(), "the member's service was read");
        assertEquals(List.of(MEMBER + "/" + REGION), organization.opened);
        assertTrue(organization.account(MEMBER).apiCalls().total() > 0);
        assertEquals(List.of(), organization.config(OTHER_MEMBER).calls);
        assertNothingInTheCentralAccount();
        var findings = organization.hub(MEMBER).all().values();
        assertFalse(findings.isEmpty(), "the member's findings go to the member's hub");
        findings.forEach(stored -> assertEquals(MEMBER, stored.finding().awsAccountId()));
    }

    @Test
    void aMembersPeriodicEvaluationSweepsThatMember() throws IOException {
        String deleted = "arn:aws:ecs:" + REGION + ":" + MEMBER + ":service/shop/old|" + Organization.clusterArn(MEMBER);
        organization.config(MEMBER).evaluated.add(deleted);

        JsonNode result = invoke(scheduled(MEMBER));

        assertEquals(2, result.path("evaluations").asInt(), result.toString());
        List<ConfigEvaluation> sent = organization.config(MEMBER).sent();
        assertEquals(ComplianceType.NON_COMPLIANT, sent.stream()
                .filter(e -> e.resourceId().equals(Organization.resourceId(MEMBER))).findFirst().orElseThrow()
                .complianceType());
        assertEquals(ComplianceType.NOT_APPLICABLE, sent.stream().filter(e -> e.resourceId().equals(deleted))
                .findFirst().orElseThrow().complianceType(), "the member's own stale evaluation is cleaned up");
        assertTrue(organization.calls(MEMBER, "ECS.ListClusters") > 0, "the member's Region was swept");
        assertNothingInTheCentralAccount();
        assertFalse(organization.hub(MEMBER).all().isEmpty());
    }

    @Test
    void theCentralAccountsOwnRuleIsEvaluatedWithoutAssumingARole() throws IOException {
        JsonNode result = invoke(itemChange(CENTRAL));

        assertEquals("recorded", result.path("status").asText(), result.toString());
        assertEquals(List.of(), organization.opened);
        assertEquals(ComplianceType.COMPLIANT, organization.config(CENTRAL).sent().get(0).complianceType());
        assertEquals(List.of(), organization.config(MEMBER).calls);
    }

    @Test
    void withoutAMemberRoleAnotherAccountsRuleIsSkippedWithoutError() throws IOException {
        JsonNode result = organization.invoke(ConfigRuleHandler::new, itemChange(MEMBER), false);

        assertEquals("skipped", result.path("status").asText(), result.toString());
        assertEquals(MEMBER, result.path("account").asText());
        assertEquals(1, organization.logLines("INFO",
                "skipped: " + Accounts.UNREACHABLE).size());
        organization.configs.values().forEach(config -> assertEquals(List.of(), config.calls));
        assertNothingInTheCentralAccount();
    }

    @Test
    void aMemberWhoseRoleCannotBeAssumedFailsTheInvocationNamingTheRole() throws IOException {
        organization.denied.add(MEMBER);

        var error = assertThrows(MemberAccessException.class, () -> invoke(itemChange(MEMBER)));

        assertTrue(error.getMessage().contains(Organization.roleArn(MEMBER)), error.getMessage());
        organization.configs.values().forEach(config -> assertEquals(List.of(), config.calls));
        assertNothingInTheCentralAccount();
        // The other members are still served, and the member is once its role trusts the central account.
        assertEquals("recorded", invoke(itemChange(OTHER_MEMBER)).path("status").asText());
        organization.denied.clear();
        assertEquals("recorded", invoke(itemChange(MEMBER)).path("status").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "4444-5555-6666 | arn:aws:config:eu-west-1:444455556666:config-rule/config-rule-a1 | not a 12-digit",
            "444455556666   | arn:aws:config:eu-west-1:777788889999:config-rule/config-rule-a1 | not a rule of account",
            "444455556666   | config-rule-a1                                                   | not an AWS Config rule ARN"})
    void anEventThatDoesNotSayItsAccountPlainlyIsMalformed(String account, String ruleArn, String reason)
            throws IOException {
        String event = HandlerFixture.sample("config-scheduled.json", e -> e.put("accountId", account)
                .put("configRuleArn", ruleArn));

        JsonNode result = invoke(event);

        assertEquals("malformed", result.path("status").asText(), result.toString());
        assertTrue(result.path("reason").asText().contains(reason), result.toString());
        assertEquals(List.of(), organization.opened);
    }

    @Test
    void anEventWithoutRuleArnIsTheFunctionsOwnRegion() throws IOException {
        String event = HandlerFixture.sample("config-scheduled.json", e -> {
            fromRuleOf(MEMBER).accept(e);
            e.remove("configRuleArn");
        });

        invoke(event);

        assertEquals(List.of(MEMBER + "/" + REGION), organization.opened);
    }
}
