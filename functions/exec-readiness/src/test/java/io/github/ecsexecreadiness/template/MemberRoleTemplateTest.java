package io.github.ecsexecreadiness.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.events.EventSample;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.config.ConfigRuleApi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * member-role.yaml, the template a service-managed StackSet deploys to every member account: plain
 * CloudFormation, a role only the central account can assume, and the same permissions and event patterns as
 * the single-account stack (the two templates must not drift apart).
 */
@ReadsRepositoryFiles
class MemberRoleTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SamTemplate member;
    private static SamTemplate central;

    @BeforeAll
    static void load() {
        member = SamTemplate.load("member-role.yaml");
        central = SamTemplate.load();
    }

    @Test
    void isPlainCloudFormationAStackSetAccepts() {
        assertTrue(member.json().path("Transform").isMissingNode(), "service-managed StackSets reject transforms");
        member.json().path("Resources").properties().forEach(e -> {
            String type = e.getValue().path("Type").asText();
            assertFalse(type.startsWith("AWS::Serverless::"), e.getKey() + " is a SAM resource");
            assertFalse(type.equals("AWS::CloudFormation::Stack"), e.getKey() + " is a nested stack");
        });
    }

    @Test
    void onlyTheCentralAccountRootIsTrustedAndOnlyFromTheOrganisationWhenSet() throws Exception {
        JsonNode statements = member.resource("MemberRole").at("/Properties/AssumeRolePolicyDocument/Statement");
        assertEquals(1, statements.size(), statements.toString());
        JsonNode trust = statements.get(0);
        assertEquals("Allow", trust.path("Effect").asText());
        assertEquals(JSON.readTree("{\"AWS\":{\"Fn::Sub\":\"arn:${AWS::Partition}:iam::${CentralAccountId}:root\"}}"),
                trust.path("Principal"));
        assertEquals("sts:AssumeRole", trust.path("Action").asText());
        // Only the central stack's functions, whose roles SAM puts under the stack's path (RolePath).
        assertEquals(JSON.readTree("""
                {"ArnLike": {"aws:PrincipalArn":
                                {"Fn::Sub": "arn:${AWS::Partition}:iam::${CentralAccountId}:role/${CentralStackName}/*"}},
                 "StringEquals": {"Fn::If": ["HasOrganizationId",
                            {"aws:PrincipalOrgID": {"Ref": "OrganizationId"}},
                            {"Ref": "AWS::NoValue"}]}}"""), trust.path("Condition"));
        assertTrue(RemediatorPolicyTest.REMEDIATORS.stream().allMatch(f -> "/${AWS::StackName}/".equals(
                central.resource(f).at("/Properties/RolePath/Fn::Sub").asText())), "central roles are not under the path");
        assertEquals(JSON.readTree("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"OrganizationId\"},\"\"]}]}"),
                member.json().at("/Conditions/HasOrganizationId"));
    }

    /** Statement by statement: the same Sids with the same actions as the central stack's read policy. */
    @Test
    void readPermissionsAreTheSingleAccountStacksReadPermissions() {
        Map<String, Set<String>> memberRead = actionsBySid(member.resource("ReadPolicy"));
        assertEquals(actionsBySid(central.resource("ReadAccountPolicy")), memberRead);
        assertEquals(JSON.createObjectNode().put("Ref", "ReadPolicy"),
                member.resource("MemberRole").at("/Properties/ManagedPolicyArns/0"), "read is always attached");
    }

    /** The same grants and conditions as RemediationPolicy, without the ledger, which stays central. */
    @Test
    void fixPermissionsAreTheRemediatorsWithoutTheLedger() {
        Map<String, Set<String>> expected = actionsBySid(central.resource(RemediatorPolicyTest.POLICY));
        expected.remove("LedgerOnly");
        assertEquals(expected, actionsBySid(member.resource("FixPolicy")));
        for (String policy : List.of(RemediatorPolicyTest.SESSION_GRANTS, RemediatorPolicyTest.ENDPOINT_FIXES)) {
            assertEquals(actionsBySid(central.resource(policy)), actionsBySid(member.resource(policy)), policy);
        }
        assertEquals(List.of("SessionGrantsOn", "EndpointFixesOn"), List.of(
                member.resource("SessionGrantsPolicy").path("Condition").asText(),
                member.resource("EndpointFixesPolicy").path("Condition").asText()));
        Map<String, JsonNode> conditions = new TreeMap<>();
        statements(member.resource("FixPolicy")).forEach(s -> conditions.put(s.path("Sid").asText(), s.path("Condition")));
        assertEquals(JSON.createObjectNode().set("iam:PolicyARN", JSON.createObjectNode().put("Ref", "SsmmessagesPolicy")),
                conditions.get("AttachTheSsmmessagesPolicy").path("ArnEquals"));
        assertEquals(central.resource(RemediatorPolicyTest.POLICY).at("/Properties/PolicyDocument/Statement")
                .findValue("ecs:enable-execute-command"), conditions.get("UpdateServiceOnlyToTurnExecOn")
                .at("/StringEquals/ecs:enable-execute-command"));
        assertEquals("Deny", statement(member.resource("FixPolicy"), "NeverUpdateOptedOutServices").path("Effect").asText());
        assertEquals("Deny", statement(member.resource("FixPolicy"), "NeverAttachToItsOwnRoles").path("Effect").asText());
    }

    @Test
    void findingsPermissionsAreTheCentralStacksOnTheMembersOwnProductAndHub() {
        assertEquals(actionsBySid(central.resource("FindingsPolicy")), actionsBySid(member.resource("FindingsPolicy")));
        assertEquals("arn:${AWS::Partition}:securityhub:*:${AWS::AccountId}:product/${AWS::AccountId}/default",
                statement(member.resource("FindingsPolicy"), "ImportIntoOwnProduct").at("/Resource/Fn::Sub").asText());
    }

    /**
     * The organization Config rule puts and reads in the member: exactly the Config operations the rule makes
     * (as ConfigRuleApi declares them), at least those the central stack grants its own rule, always attached.
     */
    @Test
    void configRulePermissionsAreTheCallsTheRuleMakesInTheMember() {
        Set<String> called = IamDeclarations.declaredBy(ConfigRuleApi.class).stream()
                .map(IamDeclarations.Declaration::action).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(called.size() >= 5, "ConfigRuleApi declares too few calls: " + called);
        JsonNode policy = member.resource("ConfigRulePolicy");
        Set<String> granted = new TreeSet<>();
        actionsBySid(policy).values().forEach(granted::addAll);
        assertEquals(called, granted);

        Set<String> centralRule = new TreeSet<>();
        central.functionProperties("ConfigRuleFunction").path("Policies").forEach(inline ->
                inline.path("Statement").forEach(s -> centralRule.addAll(actions(s))));
        assertFalse(centralRule.isEmpty(), "no inline statement on the central Config rule function");
        assertTrue(granted.containsAll(centralRule), "the central rule's " + centralRule + ", member's " + granted);

        assertEquals("InIamRegion", policy.path("Condition").asText());
        assertTrue(StreamSupport.stream(member.resource("MemberRole").at("/Properties/ManagedPolicyArns").spliterator(),
                false).anyMatch(arn -> arn.equals(JSON.createObjectNode().put("Ref", "ConfigRulePolicy"))),
                "attached whatever the grants: a member's Config invokes the rule whether or not fixes are on");
        assertEquals("arn:${AWS::Partition}:config:*:${AWS::AccountId}:config-rule/*",
                statement(policy, "ConfigStaleEvaluations").at("/Resource/Fn::Sub").asText(),
                "GetComplianceDetailsByConfigRule has resource-level permissions: this account's rules only");
        assertEquals(List.of("config:GetComplianceDetailsByConfigRule"),
                actions(statement(policy, "ConfigStaleEvaluations")));
    }

    @ParameterizedTest
    @CsvSource({"FixPolicy, FixOn, GrantFix", "SsmmessagesPolicy, FixOn, GrantFix",
            "FindingsPolicy, FindingsOn, GrantFindings"})
    void fixAndFindingsExistOnlyWhenGranted(String policy, String condition, String parameter) {
        assertEquals(condition, member.resource(policy).path("Condition").asText());
        String definition = member.json().path("Conditions").path(condition).toString();
        assertTrue(definition.contains("{\"Fn::Equals\":[{\"Ref\":\"" + parameter + "\"},\"true\"]}"),
                condition + " must test " + parameter + ": " + definition);
        if (!policy.equals("SsmmessagesPolicy")) {
            assertTrue(StreamSupport.stream(member.resource("MemberRole").at("/Properties/ManagedPolicyArns")
                    .spliterator(), false).anyMatch(arn -> arn.toString().equals(
                    "{\"Fn::If\":[\"" + condition + "\",{\"Ref\":\"" + policy + "\"},{\"Ref\":\"AWS::NoValue\"}]}")),
                    policy + " attached only under " + condition);
        }
    }

    @Test
    void ssmmessagesPolicyIsNamedAfterTheRoleAsTheCentralFunctionsExpect() {
        assertEquals("${RoleName}" + RemediationSettings.MEMBER_SSMMESSAGES_POLICY_SUFFIX,
                member.resource("SsmmessagesPolicy").at("/Properties/ManagedPolicyName/Fn::Sub").asText());
        assertEquals(central.resource("TaskRoleSsmmessagesPolicy").at("/Properties/PolicyDocument"),
                member.resource("SsmmessagesPolicy").at("/Properties/PolicyDocument"));
    }

    /** The forwarded events must be exactly those the central function's rules match. */
    @Test
    void forwardingRulesUseTheCentralRulesPatterns() {
        Set<JsonNode> centralPatterns = new HashSet<>();
        central.resource("DeploymentEventFunction").at("/Properties/Events")
                .forEach(event -> centralPatterns.add(event.at("/Properties/Pattern")));
        Set<JsonNode> forwarded = new HashSet<>();
        member.resources("AWS::Events::Rule").forEach((id, rule) -> {
            forwarded.add(rule.at("/Properties/EventPattern"));
            assertEquals("ForwardEvents", rule.path("Condition").asText(), id);
            JsonNode targets = rule.at("/Properties/Targets");
            assertEquals(1, targets.size(), id);
            assertEquals(JSON.createObjectNode().put("Ref", "CentralEventBusArn"), targets.get(0).path("Arn"), id);
        });
        assertEquals(3, forwarded.size());
        assertEquals(centralPatterns, forwarded);
    }

    /** An event the member could not forward is kept with its error and raises an alarm there, not dropped. */
    @Test
    void everyForwardingTargetRetriesThenParksInAnAlarmedDeadLetterQueue() {
        String queue = member.only("AWS::SQS::Queue", q -> true);
        Set<JsonNode> rules = new HashSet<>();
        member.resources("AWS::Events::Rule").forEach((id, rule) -> {
            JsonNode target = rule.at("/Properties/Targets/0");
            assertEquals(JSON.createObjectNode().set("Fn::GetAtt", JSON.createArrayNode().add(queue).add("Arn")),
                    target.at("/DeadLetterConfig/Arn"), id);
            assertTrue(target.at("/RetryPolicy/MaximumRetryAttempts").asInt() > 0, id);
            rules.add(JSON.createObjectNode().set("Fn::GetAtt", JSON.createArrayNode().add(id).add("Arn")));
        });
        assertEquals("ForwardEvents", member.resource(queue).path("Condition").asText());

        // Only this stack's rules may send to it, each of them.
        JsonNode statement = member.resource(member.only("AWS::SQS::QueuePolicy", p -> true))
                .at("/Properties/PolicyDocument/Statement/0");
        assertEquals("events.amazonaws.com", statement.at("/Principal/Service").asText());
        assertEquals("sqs:SendMessage", statement.path("Action").asText());
        assertEquals(rules, new HashSet<>(Nodes.toList(statement.at("/Condition/ArnEquals/aws:SourceArn"))));

        JsonNode alarm = member.resource(member.only("AWS::CloudWatch::Alarm", a -> true)).path("Properties");
        assertEquals("ApproximateNumberOfMessagesVisible", alarm.path("MetricName").asText());
        assertEquals(JSON.createObjectNode().set("Fn::GetAtt", JSON.createArrayNode().add(queue).add("QueueName")),
                alarm.at("/Dimensions/0/Value"));
        assertEquals("GreaterThanThreshold", alarm.path("ComparisonOperator").asText());
        assertEquals(0, alarm.path("Threshold").asInt());
    }

    /** A default IamRegion that the StackSet does not deploy to would create the role nowhere, silently. */
    @Test
    void theIamRegionHasNoDefault() {
        JsonNode parameter = member.json().at("/Parameters/IamRegion");
        assertTrue(parameter.isObject());
        assertTrue(parameter.path("Default").isMissingNode(), "IamRegion defaults to " + parameter.path("Default"));
        assertFalse(Pattern.matches(parameter.path("AllowedPattern").asText(), ""), "an empty IamRegion is accepted");
    }

    // ----- the central stack's side ------------------------------------------------------------------------

    @Test
    void theDeploymentEventFunctionAssumesOnlyTheNamedMemberRoleAndOnlyWhenOneIsNamed() throws Exception {
        JsonNode function = central.functionProperties("DeploymentEventFunction");
        assertEquals(JSON.createObjectNode().put("Ref", "MemberRoleName"),
                function.at("/Environment/Variables/MEMBER_ROLE_NAME"));
        assertTrue(StreamSupport.stream(function.path("Policies").spliterator(), false).anyMatch(policy ->
                policy.toString().equals("{\"Fn::If\":[\"MembersOn\",{\"Ref\":\"MemberAccessPolicy\"},"
                        + "{\"Ref\":\"AWS::NoValue\"}]}")), function.path("Policies").toString());
        JsonNode access = central.resource("MemberAccessPolicy");
        assertEquals("MembersOn", access.path("Condition").asText());
        assertEquals(JSON.readTree("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"MemberRoleName\"},\"\"]}]}"),
                central.json().at("/Conditions/MembersOn"));
        List<JsonNode> statements = statements(access);
        assertEquals(1, statements.size());
        assertEquals(List.of("sts:AssumeRole"), actions(statements.get(0)));
        assertEquals("arn:${AWS::Partition}:iam::*:role/${MemberRoleName}",
                statements.get(0).at("/Resource/Fn::Sub").asText());
    }

    @Test
    void onlyTheOrganisationMayPutEventsOnTheCentralBus() {
        JsonNode policy = central.resource("OrganizationEventBusPolicy");
        assertEquals("OrganizationEventsOn", policy.path("Condition").asText());
        JsonNode statement = policy.at("/Properties/Statement");
        assertEquals("events:PutEvents", statement.path("Action").asText());
        assertEquals(JSON.createObjectNode().put("Ref", "OrganizationId"),
                statement.at("/Condition/StringEquals/aws:PrincipalOrgID"));
        assertTrue(central.json().at("/Conditions/OrganizationEventsOn").toString().contains("OrganizationId"));
    }

    /** A member's forwarded event keeps its own account: the central rules must not filter on account. */
    @Test
    void theCentralRulesMatchEventsFromMemberAccounts() throws Exception {
        JsonNode sample = EventSample.ECS_DEPLOYMENT_STATE_CHANGE.json();
        ((ObjectNode) sample).put("account", "444455556666");
        JsonNode pattern = central.resource("DeploymentEventFunction")
                .at("/Properties/Events/DeploymentStateChange/Properties/Pattern");
        assertTrue(EventPattern.matches(pattern, sample), pattern.toString());
        central.resource("DeploymentEventFunction").at("/Properties/Events").forEach(event ->
                assertTrue(event.at("/Properties/Pattern/account").isMissingNode(), event.toString()));
    }

    @Test
    void noStatementAllowsEveryAction() {
        List<String> wildcards = new ArrayList<>();
        collectStatements(member.json().path("Resources"), wildcards);
        assertEquals(List.of(), wildcards);
    }

    private static void collectStatements(JsonNode node, List<String> wildcards) {
        if (node.has("Effect") && (node.has("Action") || node.has("NotAction"))) {
            if (node.has("NotAction")) {
                wildcards.add("NotAction in " + node);
            }
            actions(node).stream().filter(a -> a.equals("*") || a.endsWith(":*")).forEach(a -> wildcards.add(a + " in " + node));
        }
        node.forEach(child -> collectStatements(child, wildcards));
    }

    private static List<JsonNode> statements(JsonNode policy) {
        return StreamSupport.stream(policy.at("/Properties/PolicyDocument/Statement").spliterator(), false).toList();
    }

    private static JsonNode statement(JsonNode policy, String sid) {
        return statements(policy).stream().filter(s -> sid.equals(s.path("Sid").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid));
    }

    private static Map<String, Set<String>> actionsBySid(JsonNode policy) {
        Map<String, Set<String>> bySid = new TreeMap<>();
        statements(policy).forEach(s -> bySid.put(s.path("Sid").asText(), new TreeSet<>(actions(s))));
        return bySid;
    }

    private static List<String> actions(JsonNode statement) {
        JsonNode action = statement.path("Action");
        return action.isArray() ? StreamSupport.stream(action.spliterator(), false).map(JsonNode::asText).toList()
                : List.of(action.asText());
    }
}
