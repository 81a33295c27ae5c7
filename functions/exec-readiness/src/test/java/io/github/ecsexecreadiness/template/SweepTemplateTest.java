package io.github.ecsexecreadiness.template;

import static io.github.ecsexecreadiness.template.Nodes.getAtt;
import static io.github.ecsexecreadiness.template.Nodes.ref;
import static io.github.ecsexecreadiness.template.Nodes.texts;
import static io.github.ecsexecreadiness.template.Nodes.toList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sweep across accounts and Regions as the template wires it: the scheduler is told the scope and the
 * queue and may only send to it (and list the organisation when OUs are given); the sweep-items function
 * reaches members through the member role and queues its own continuations.
 */
@ReadsRepositoryFiles
class SweepTemplateTest {
    private static SamTemplate template;

    @BeforeAll
    static void load() {
        template = SamTemplate.load();
    }

    @Test
    void theSchedulerIsToldTheScopeAndTheQueue() {
        JsonNode environment = template.functionProperties("ScheduledSweepFunction").at("/Environment/Variables");

        assertEquals(Map.of("SWEEP_QUEUE_URL", ref("SweepQueue"), "SWEEP_ACCOUNTS", ref("SweepAccounts"),
                "SWEEP_ORGANIZATIONAL_UNITS", ref("SweepOrganizationalUnits"), "SWEEP_REGIONS", ref("SweepRegions"),
                "MEMBER_ROLE_NAME", ref("MemberRoleName")), Map.of(
                "SWEEP_QUEUE_URL", environment.path("SWEEP_QUEUE_URL"),
                "SWEEP_ACCOUNTS", environment.path("SWEEP_ACCOUNTS"),
                "SWEEP_ORGANIZATIONAL_UNITS", environment.path("SWEEP_ORGANIZATIONAL_UNITS"),
                "SWEEP_REGIONS", environment.path("SWEEP_REGIONS"),
                "MEMBER_ROLE_NAME", environment.path("MEMBER_ROLE_NAME")));
    }

    /** The scheduler reads nothing of any account: it only queues, and lists the organisation for OUs. */
    @Test
    void theSchedulerMaySendToTheQueueAndListTheOrganisationOnlyForOus() {
        List<JsonNode> policies = toList(template.functionProperties("ScheduledSweepFunction").path("Policies"));

        assertEquals(2, policies.size(), policies.toString());
        assertEquals("AWS::SQS::Queue", template.resource("SweepQueue").path("Type").asText());
        assertSendsOnlyToTheSweepQueue(policies.get(0));
        JsonNode listing = policies.get(1).path("Fn::If");
        assertEquals("OrganizationListingOn", listing.get(0).asText());
        assertEquals(ref("AWS::NoValue"), listing.get(2));
        assertEquals(List.of("organizations:ListAccounts", "organizations:ListAccountsForParent",
                "organizations:ListOrganizationalUnitsForParent"), listing.get(1).path("Statement").findValues("Action")
                .stream().flatMap(a -> toList(a).stream())
                .map(JsonNode::asText).toList());
        JsonNode condition = template.json().at("/Conditions/OrganizationListingOn/Fn::And");
        assertTrue(condition.toString().contains("SweepOrganizationalUnits"), condition.toString());
    }

    @Test
    void theSweepItemsFunctionReachesMembersAndQueuesItsContinuations() {
        JsonNode properties = template.functionProperties("SweepItemFunction");
        JsonNode environment = properties.at("/Environment/Variables");

        assertEquals(ref("MemberRoleName"), environment.path("MEMBER_ROLE_NAME"));
        assertEquals(ref("SweepQueue"), environment.path("SWEEP_QUEUE_URL"));
        String policies = properties.path("Policies").toString();
        assertTrue(policies.contains("\"MemberAccessPolicy\""), policies);
        assertTrue(toList(properties.path("Policies")).stream().anyMatch(p -> p.has("Statement")
                && p.toString().contains("sqs:")), policies);
        toList(properties.path("Policies")).stream().filter(p -> p.toString().contains("sqs:"))
                .forEach(SweepTemplateTest::assertSendsOnlyToTheSweepQueue);
        assertEquals(ref("SweepConcurrency"),
                properties.at("/Events/SweepQueue/Properties/ScalingConfig/MaximumConcurrency"));
    }

    /** SendMessage (which also authorizes SendMessageBatch) on the sweep queue, and nothing else. */
    private static void assertSendsOnlyToTheSweepQueue(JsonNode policy) {
        List<JsonNode> statements = toList(policy.path("Statement"));
        assertEquals(1, statements.size(), policy.toString());
        assertEquals(List.of("sqs:SendMessage"), texts(statements.getFirst().path("Action")));
        assertEquals(getAtt("SweepQueue", "Arn"), statements.getFirst().path("Resource"));
    }

    /** The parameters' patterns accept what AWS names and refuse what AccountsInScope and SweepItem refuse. */
    @ParameterizedTest(name = "{0} {2}: {1}")
    @CsvSource(delimiter = '|', value = {
        "SweepAccounts            | ''                                   | true",
        "SweepAccounts            | 111122223333,444455556666            | true",
        "SweepAccounts            | 1111                                 | false",
        "SweepAccounts            | 111122223333 ,444455556666           | false",
        "SweepOrganizationalUnits | ou-abcd-11111111,r-abcd              | true",
        "SweepOrganizationalUnits | o-exampleorgid                       | false",
        "SweepRegions             | eu-west-1,us-gov-west-1,cn-north-1   | true",
        "SweepRegions             | eu-west                              | false",
    })
    void scopeParametersAreValidatedByCloudFormation(String parameter, String value, boolean accepted) {
        String pattern = template.json().at("/Parameters/" + parameter + "/AllowedPattern").asText();

        assertEquals(accepted, Pattern.matches(pattern, value), pattern);
    }
}
