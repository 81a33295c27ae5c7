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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.flow.Accounts.MemberAccessException;
import io.github.ecsexecreadiness.report.securityhub.Review.FindingsNotReviewedException;
import io.github.ecsexecreadiness.memory.InMemorySecurityHub.Note;
import io.github.ecsexecreadiness.report.securityhub.Finding.WorkflowStatus;
import io.github.ecsexecreadiness.report.securityhub.FindingMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The "Fix ECS Exec" custom action in a Security Hub delegated administrator: one event may select findings of
 * several accounts. Each account's findings are checked against its own product, repaired with its own writers
 * and noted in its own hub; an account whose role cannot be assumed does not stop the others.
 */
@ReadsRepositoryFiles
class SecurityHubActionMemberAccountsTest {
    private static final String CHECK = "exec.service-flag";
    private static final String ACTION_ARN = "arn:aws:securityhub:eu-west-1:111122223333:action/custom/FixEcsExec5e1f2a30";

    /** Every account's service has ECS Exec off and its findings in its own hub; remediation is on. */
    private final Organization organization = new Organization().execOff(CENTRAL).execOff(MEMBER)
            .execOff(OTHER_MEMBER).remediating().findingsPublished();

    private static String findingId(String account) {
        return Organization.mapper(account).findingId(Organization.serviceArn(account), CHECK);
    }

    /** The custom-action sample with one finding per account, each as that account's sweep produced it. */
    private static String action(List<String> accounts, BiConsumer<String, ObjectNode> change) {
        return HandlerFixture.sample("securityhub-custom-action.json", event -> {
            ArrayNode findings = (ArrayNode) event.at("/detail/findings");
            ObjectNode sample = (ObjectNode) findings.get(0);
            findings.removeAll();
            for (String account : accounts) {
                ObjectNode finding = findings.addObject().setAll(sample.deepCopy());
                finding.put("Id", findingId(account)).put("AwsAccountId", account)
                        .put("ProductArn", Organization.mapper(account).productArn())
                        .put("GeneratorId", FindingMapper.GENERATOR_PREFIX + CHECK);
                ((ObjectNode) finding.get("ProductFields")).put(FindingMapper.FIELD_CHECK_ID, CHECK)
                        .put(FindingMapper.FIELD_CLUSTER, Organization.clusterArn(account));
                ((ObjectNode) finding.at("/Resources/0")).put("Id", Organization.serviceArn(account));
                change.accept(account, finding);
            }
        });
    }

    private static String action(String... accounts) {
        return action(List.of(accounts), (account, finding) -> {});
    }

    private JsonNode invoke(String event) throws IOException {
        return organization.invoke(SecurityHubActionHandler::new, event, true);
    }

    private Optional<Note> note(String hubAccount, String findingAccount) {
        return organization.hub(hubAccount).note(findingId(findingAccount));
    }

    private void assertFixedAndNotedInItsOwnAccount(String account) {
        assertTrue(organization.execEnabled(account), account + " repaired");
        Note note = note(account, account).orElseThrow(() -> new AssertionError("no note in " + account + "'s hub"));
        assertTrue(note.text().contains(CHECK + " now passes"), note.text());
        assertEquals(ACTION_ARN, note.updatedBy());
        assertEquals(WorkflowStatus.RESOLVED, organization.hub(account).get(findingId(account)).orElseThrow()
                .workflow());
    }

    @Test
    void eachAccountsFindingIsFixedAndNotedInThatAccount() throws IOException {
        JsonNode result = invoke(action(MEMBER, CENTRAL, OTHER_MEMBER));

        assertEquals("reviewed", result.path("status").asText(), result.toString());
        assertEquals(3, result.path("services").size(), result.toString());
        assertEquals(0, result.path("ignored").asInt());
        for (String account : List.of(CENTRAL, MEMBER, OTHER_MEMBER)) {
            assertFixedAndNotedInItsOwnAccount(account);
            assertEquals(1, organization.calls(account, "ECS.UpdateService"), account + ": one forced deployment");
        }
        assertTrue(note(CENTRAL, MEMBER).isEmpty(), "a member's finding is not noted in the central hub");
        assertTrue(note(MEMBER, CENTRAL).isEmpty());
        assertEquals(List.of(MEMBER + "/" + REGION, OTHER_MEMBER + "/" + REGION), organization.opened,
                "each member opened once, the central account read directly");
    }

    @Test
    void aDeniedMemberDoesNotStopTheOthersThenFailsTheInvocationAndARetryDoesNotRepeatTheFixes() throws IOException {
        organization.denied.add(MEMBER);
        String event = action(MEMBER, CENTRAL, OTHER_MEMBER);

        var error = assertThrows(FindingsNotReviewedException.class, () -> invoke(event));

        assertTrue(error.getMessage().startsWith("1 of 3 selected findings were not reviewed"), error.getMessage());
        assertTrue(error.getMessage().contains(Organization.roleArn(MEMBER)), error.getMessage());
        assertTrue(error.getCause() instanceof MemberAccessException);
        List<JsonNode> logged = organization.logLines("ERROR", "findings not reviewed: the member role cannot be assumed");
        assertEquals(1, logged.size());
        assertEquals(MEMBER, logged.get(0).path("account").asText());
        assertTrue(logged.get(0).path("reason").asText().contains(Organization.roleArn(MEMBER)));
        JsonNode partial = organization.logLines("ERROR", "invocation failed: some findings were not reviewed").get(0)
                .path("result");
        assertEquals(1, partial.path("failed").asInt(), partial.toString());
        assertEquals(2, partial.path("services").size(), partial.toString());
        assertFalse(organization.execEnabled(MEMBER));
        assertTrue(organization.hub(MEMBER).note(findingId(MEMBER)).isEmpty());
        assertFixedAndNotedInItsOwnAccount(CENTRAL);
        assertFixedAndNotedInItsOwnAccount(OTHER_MEMBER);

        // Lambda retries the event once the role trusts the central account: the member is repaired, the others
        // are found already passing and not deployed again.
        organization.denied.clear();
        JsonNode retried = invoke(event);

        assertEquals("reviewed", retried.path("status").asText(), retried.toString());
        assertFixedAndNotedInItsOwnAccount(MEMBER);
        for (String account : List.of(CENTRAL, MEMBER, OTHER_MEMBER)) {
            assertEquals(1, organization.calls(account, "ECS.UpdateService"), account + ": one forced deployment");
        }
        assertTrue(note(OTHER_MEMBER, OTHER_MEMBER).orElseThrow().text().contains(CHECK + " already passed"));
    }

    @Test
    void withoutAMemberRoleOtherAccountsFindingsAreIgnoredAndListed() throws IOException {
        JsonNode result = organization.invoke(SecurityHubActionHandler::new, action(MEMBER, CENTRAL), false);

        assertEquals("reviewed", result.path("status").asText(), result.toString());
        assertEquals(1, result.path("ignored").asInt(), result.toString());
        assertEquals(Map.of("findingId", findingId(MEMBER), "account", MEMBER),
                HandlerFixture.json().convertValue(result.at("/unreachable/0"), Map.class));
        assertFalse(organization.execEnabled(MEMBER));
        assertFixedAndNotedInItsOwnAccount(CENTRAL);
        assertEquals(List.of(), organization.opened);
    }

    /** Only an account itself can import into its product: a finding elsewhere cannot speak for it. */
    @Test
    void aFindingNotInItsOwnAccountsProductIsForeign() throws IOException {
        String event = action(List.of(MEMBER, OTHER_MEMBER, CENTRAL), (account, finding) -> {
            switch (account) {
                case MEMBER -> finding.put("ProductArn", Organization.mapper(CENTRAL).productArn());
                case OTHER_MEMBER -> ((ObjectNode) finding.at("/Resources/0"))
                        .put("Id", Organization.serviceArn(MEMBER));
                default -> { }
            }
        });

        JsonNode result = invoke(event);

        assertEquals(2, result.path("ignored").asInt(), result.toString());
        List<String> reasons = organization.logLines("INFO", "ignored finding: not one of this tool's").stream()
                .map(line -> line.path("reason").asText()).toList();
        assertEquals(2, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).contains("is not its account's and Region's "
                + Organization.mapper(MEMBER).productArn()), reasons.get(0));
        assertTrue(reasons.get(1).contains("is not a service of account " + OTHER_MEMBER), reasons.get(1));
        assertFalse(organization.execEnabled(MEMBER));
        assertFalse(organization.execEnabled(OTHER_MEMBER));
        assertFixedAndNotedInItsOwnAccount(CENTRAL);
    }
}
