package io.github.ecsexecreadiness.template;

import static io.github.ecsexecreadiness.template.Nodes.getAtt;
import static io.github.ecsexecreadiness.template.Nodes.ref;
import static io.github.ecsexecreadiness.template.Nodes.refIf;
import static io.github.ecsexecreadiness.template.Nodes.texts;
import static io.github.ecsexecreadiness.template.Nodes.toList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.events.EventSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What template.yaml must guarantee beyond what cfn-lint checks (bin/test runs cfn-lint). */
@ReadsRepositoryFiles
class TemplateTest {
    /** Event source types that EventBridge delivers: each needs a retry policy and a dead-letter queue. */
    private static final Set<String> EVENTBRIDGE_EVENT_TYPES = Set.of("EventBridgeRule", "Schedule");
    /** Actions without resource-level permissions: the only ones a statement may grant on "*". */
    private static final Set<String> UNSCOPABLE_ACTIONS = Set.of(
            "ecs:ListClusters", "ecs:ListServices", "ecs:ListTasks", "ecs:DescribeTaskDefinition",
            "iam:GetAccountAuthorizationDetails", "config:PutEvaluations", "config:GetResourceConfigHistory",
            "route53:ListHostedZonesByVPC", "route53resolver:ListResolverRuleAssociations",
            "route53resolver:ListResolverRules",
            "config:ListDiscoveredResources", "config:BatchGetResourceConfig",
            "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel", "organizations:ListAccounts", "organizations:DescribeOrganization");

    private static SamTemplate template;

    @BeforeAll
    static void load() {
        template = SamTemplate.load();
    }

    static Stream<String> functions() {
        return SamTemplate.load().resources(SamTemplate.FUNCTION).keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void handlerIsARequestStreamHandlerOnTheClasspath(String function) {
        String handler = template.functionProperties(function).path("Handler").asText();
        String[] classAndMethod = handler.split("::");
        assertEquals(2, classAndMethod.length, "Handler is not <class>::<method>: " + handler);
        assertEquals("handleRequest", classAndMethod[1], handler);
        try {
            Class<?> type = Class.forName(classAndMethod[0]);
            assertTrue(RequestStreamHandler.class.isAssignableFrom(type),
                    type.getName() + " does not implement RequestStreamHandler");
        } catch (ClassNotFoundException e) {
            fail(function + ": handler class " + classAndMethod[0] + " is not in the module");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void runsFromASnapStartAliasThatFollowsEveryChange(String function) {
        JsonNode properties = template.functionProperties(function);

        assertEquals("java21", properties.path("Runtime").asText());
        assertEquals("PublishedVersions", properties.at("/SnapStart/ApplyOn").asText());
        // SAM points the event sources at the alias only when it publishes one.
        assertFalse(properties.path("AutoPublishAlias").asText().isEmpty(), "no AutoPublishAlias");
        assertTrue(properties.path("AutoPublishAliasAllProperties").asBoolean(),
                "without AllProperties a timeout or logging change leaves the alias on the old version");
    }

    @Test
    void everyEventSourceHasASampleAndEverySampleASource() {
        // Every file in events/ is in EventSample: EventSampleTest.
        assertEquals(EventSample.bySource().keySet(), template.eventSources().keySet());
    }

    /** Every action named exactly: no "*", no "service:*", no "Describe*". */
    @Test
    void noStatementGrantsAWildcardAction() {
        List<JsonNode> statements = statements();
        assertFalse(statements.isEmpty(), "no IAM statement found: the walk is broken");
        for (JsonNode statement : statements) {
            assertFalse(statement.has("NotAction"), "NotAction grants everything else: " + statement);
            List<String> actions = texts(statement.path("Action"));
            assertFalse(actions.isEmpty(), "statement without Action: " + statement);
            actions.forEach(action -> assertFalse(action.contains("*"), "wildcard action " + action));
        }
    }

    @Test
    void resourceStarOnlyForActionsWithoutResourceLevelPermissions() {
        for (JsonNode statement : statements()) {
            if (texts(statement.path("Resource")).contains("*")) {
                for (String action : texts(statement.path("Action"))) {
                    assertTrue(UNSCOPABLE_ACTIONS.contains(action) || action.startsWith("ec2:Describe"),
                            action + " supports resource-level permissions: scope it instead of \"*\"");
                }
            }
        }
    }

    @Test
    void configRuleInvokesTheAliasFromThisAccountOnly() {
        String function = template.only(SamTemplate.FUNCTION,
                f -> f.at("/Properties/Handler").asText().contains(".ConfigRuleHandler::"));
        JsonNode alias = ref(function + ".Alias");
        String permissionId = template.only("AWS::Lambda::Permission",
                p -> p.at("/Properties/Principal").asText().equals("config.amazonaws.com")
                        && p.path("Condition").asText().equals("AccountConfigRuleOn"));
        JsonNode permission = template.resource(permissionId).path("Properties");

        assertEquals("lambda:InvokeFunction", permission.path("Action").asText());
        assertEquals(alias, permission.path("FunctionName"));
        assertEquals(ref("AWS::AccountId"), permission.path("SourceAccount"),
                "without SourceAccount any account's Config rule could invoke the function");

        JsonNode rule = template.resource(template.only(SamTemplate.CONFIG_RULE, r -> true));
        assertEquals("CUSTOM_LAMBDA", rule.at("/Properties/Source/Owner").asText());
        assertEquals(alias, rule.at("/Properties/Source/SourceIdentifier"));
        assertEquals(List.of("AWS::ECS::Service"), texts(rule.at("/Properties/Scope/ComplianceResourceTypes")));
        assertTrue(texts(rule.path("DependsOn")).contains(permissionId),
                "Config evaluates when the rule is created: the rule must wait for the permission");
        assertEquals(Set.of("ConfigurationItemChangeNotification", "OversizedConfigurationItemChangeNotification",
                        "ScheduledNotification"),
                StreamSupport.stream(rule.at("/Properties/Source/SourceDetails").spliterator(), false)
                        .map(detail -> detail.path("MessageType").asText()).collect(Collectors.toSet()));
    }

    /**
     * The organization rule invokes the same alias with the same triggers and scope as the account's rule, and
     * replaces it: only one of the two exists.
     */
    @Test
    void organizationConfigRuleInvokesTheSameAliasInsteadOfTheAccountRule() {
        JsonNode rule = template.resource("OrganizationExecReadinessConfigRule");
        JsonNode metadata = rule.at("/Properties/OrganizationCustomRuleMetadata");
        JsonNode accountRule = template.resource("ExecReadinessConfigRule").path("Properties");

        assertEquals("OrganizationConfigRuleOn", rule.path("Condition").asText());
        assertEquals("AccountConfigRuleOn", template.resource("ExecReadinessConfigRule").path("Condition").asText());
        assertEquals(accountRule.at("/Source/SourceIdentifier"), metadata.path("LambdaFunctionArn"));
        assertEquals(accountRule.at("/Scope/ComplianceResourceTypes"), metadata.path("ResourceTypesScope"));
        assertEquals(StreamSupport.stream(accountRule.at("/Source/SourceDetails").spliterator(), false)
                        .map(detail -> detail.path("MessageType").asText()).collect(Collectors.toSet()),
                Set.copyOf(texts(metadata.path("OrganizationConfigRuleTriggerTypes"))));
        JsonNode permission = template.resource(rule.path("DependsOn").asText()).path("Properties");
        assertEquals("config.amazonaws.com", permission.path("Principal").asText());
        assertEquals(accountRule.at("/Source/SourceIdentifier"), permission.path("FunctionName"));
        String condition = template.json().at("/Conditions/OrganizationConfigRuleOn").toString();
        assertTrue(condition.contains("MembersOn"), "a member's evaluations need its member role: " + condition);
    }

    /** A function that reads accounts acts on the event's own account: members through the member role. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void everyFunctionThatReadsAccountsReachesMembersThroughTheMemberRole(String function) {
        JsonNode properties = template.functionProperties(function);
        List<JsonNode> policies = toList(properties.path("Policies"));
        if (!policies.contains(ref("ReadAccountPolicy"))) {
            return;
        }
        assertEquals(ref("MemberRoleName"), properties.at("/Environment/Variables/MEMBER_ROLE_NAME"), function);
        assertTrue(policies.contains(refIf("MembersOn", "MemberAccessPolicy")), function + " cannot assume the member role");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void failedInvocationsGoToTheDeadLetterQueue(String function) {
        JsonNode invokeConfig = template.functionProperties(function).path("EventInvokeConfig");

        assertEquals("SQS", invokeConfig.at("/DestinationConfig/OnFailure/Type").asText());
        assertEquals(getAtt(deadLetterQueue(), "Arn"), invokeConfig.at("/DestinationConfig/OnFailure/Destination"));
        assertTrue(invokeConfig.path("MaximumRetryAttempts").isInt(), "retries left to the default");
    }

    @Test
    void everyEventBridgeTargetRetriesThenDeadLetters() {
        Set<String> rules = new TreeSet<>();
        template.resources(SamTemplate.FUNCTION).forEach((function, resource) ->
                resource.at("/Properties/Events").properties().forEach(event -> {
                    String name = function + "/" + event.getKey();
                    if (event.getValue().path("Type").asText().equals("SQS")) {
                        return; // see sqsEventSourcesRetryThenDeadLetter
                    }
                    JsonNode properties = event.getValue().path("Properties");
                    assertTrue(EVENTBRIDGE_EVENT_TYPES.contains(event.getValue().path("Type").asText()),
                            name + ": a new kind of event source, decide how its failures are kept");
                    assertEquals(getAtt(deadLetterQueue(), "Arn"), properties.at("/DeadLetterConfig/Arn"), name);
                    assertTrue(properties.at("/RetryPolicy/MaximumRetryAttempts").isInt(), name + ": no RetryPolicy");
                    assertTrue(properties.at("/RetryPolicy/MaximumEventAgeInSeconds").isInt(), name + ": no RetryPolicy");
                    rules.add(function + event.getKey()); // the logical id SAM gives the rule it generates
                }));

        // EventBridge may send to the queue only from these rules.
        JsonNode policy = template.resource(template.only("AWS::SQS::QueuePolicy", p -> true)).path("Properties");
        assertEquals(List.of(ref(deadLetterQueue())), toList(policy.path("Queues")));
        List<JsonNode> policyStatements = toList(policy.at("/PolicyDocument/Statement"));
        assertEquals(1, policyStatements.size());
        JsonNode statement = policyStatements.get(0);
        assertEquals("events.amazonaws.com", statement.at("/Principal/Service").asText());
        assertEquals(List.of("sqs:SendMessage"), texts(statement.path("Action")));
        Set<String> allowed = new TreeSet<>();
        collectGetAttTargets(statement.at("/Condition/ArnEquals/aws:SourceArn"), allowed);
        assertEquals(rules, allowed);
    }

    /**
     * A queue feeding a function reports failed items one by one (the others are deleted), makes them visible
     * again after six times the longest timeout, and after its last receive moves them to the dead-letter queue.
     */
    @Test
    void sqsEventSourcesRetryThenDeadLetter() {
        List<String> sources = new ArrayList<>();
        template.resources(SamTemplate.FUNCTION).forEach((function, resource) ->
                resource.at("/Properties/Events").properties().forEach(event -> {
                    JsonNode properties = event.getValue().path("Properties");
                    if (!event.getValue().path("Type").asText().equals("SQS")) {
                        return;
                    }
                    sources.add(function + "/" + event.getKey());
                    assertEquals(List.of("ReportBatchItemFailures"), texts(properties.path("FunctionResponseTypes")));
                    assertEquals(1, properties.path("BatchSize").asInt(), "one item per invocation, failing alone");
                    assertTrue(properties.at("/ScalingConfig/MaximumConcurrency").isObject(), "bounded concurrency");
                    JsonNode queue = template.resource(properties.at("/Queue/Fn::GetAtt/0").asText()).path("Properties");
                    assertEquals(getAtt(deadLetterQueue(), "Arn"), queue.at("/RedrivePolicy/deadLetterTargetArn"));
                    assertTrue(queue.at("/RedrivePolicy/maxReceiveCount").asInt() > 1, "retried before parked");
                    assertTrue(queue.path("VisibilityTimeout").asInt() >= 6 * 900,
                            "at least six times the longest function timeout");
                    assertTrue(queue.path("SqsManagedSseEnabled").asBoolean());
                }));
        assertEquals(List.of("SweepItemFunction/SweepQueue"), sources);
    }

    @Test
    void deadLetterQueueKeepsMessagesTwoWeeksEncryptedAndIsAlarmed() {
        JsonNode queue = template.resource(deadLetterQueue()).path("Properties");
        assertEquals(1_209_600, queue.path("MessageRetentionPeriod").asInt());
        assertTrue(queue.path("SqsManagedSseEnabled").asBoolean());

        JsonNode alarm = template.resource(template.only("AWS::CloudWatch::Alarm", a -> true)).path("Properties");
        assertEquals("AWS/SQS", alarm.path("Namespace").asText());
        assertEquals("ApproximateNumberOfMessagesVisible", alarm.path("MetricName").asText());
        assertEquals(getAtt(deadLetterQueue(), "QueueName"), alarm.at("/Dimensions/0/Value"));
        assertEquals("GreaterThanThreshold", alarm.path("ComparisonOperator").asText());
        assertEquals(0, alarm.path("Threshold").asInt());
    }

    @Test
    void everyLogGroupHasARetention() {
        var logGroups = template.resources("AWS::Logs::LogGroup");
        assertFalse(logGroups.isEmpty());
        logGroups.forEach((id, logGroup) ->
                assertEquals(ref("LogRetentionInDays"), logGroup.at("/Properties/RetentionInDays"), id));
    }

    /** A log group of the stack, so its retention applies and it exists before SnapStart's first init. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void functionLogsAsJsonToItsOwnLogGroup(String function) {
        JsonNode properties = template.functionProperties(function);
        assertEquals("JSON", properties.at("/LoggingConfig/LogFormat").asText());

        JsonNode logGroup = template.resource(properties.at("/LoggingConfig/LogGroup/Ref").asText());
        assertEquals("AWS::Logs::LogGroup", logGroup.path("Type").asText());
        assertTrue(logGroup.at("/Properties/LogGroupName/Fn::Sub").asText().startsWith("/aws/lambda/${AWS::StackName}-"),
                "the log group is named after the stack, where `aws logs tail` finds it");
        // CloudFormation names the function: a name of the stack's would pass Lambda's 64 characters.
        assertTrue(properties.path("FunctionName").isMissingNode(), function + " has a FunctionName");
        assertEquals(template.resource(function).path("Condition"), logGroup.path("Condition"));
    }

    /** The queue nothing is redriven from: where everything that failed ends up. */
    private static String deadLetterQueue() {
        return template.only("AWS::SQS::Queue", q -> q.at("/Properties/RedrivePolicy").isMissingNode());
    }

    /** Every IAM statement in the template: inline function policies, managed policies, resource policies. */
    private static List<JsonNode> statements() {
        List<JsonNode> statements = new ArrayList<>();
        collectStatements(template.json(), statements);
        return statements;
    }

    private static void collectStatements(JsonNode node, List<JsonNode> into) {
        if (node.has("Statement")) {
            into.addAll(toList(node.get("Statement")));
        }
        node.forEach(child -> collectStatements(child, into));
    }

    private static void collectGetAttTargets(JsonNode node, Set<String> into) {
        if (node.has("Fn::GetAtt")) {
            into.add(node.get("Fn::GetAtt").get(0).asText());
        }
        node.forEach(child -> collectGetAttTargets(child, into));
    }
}
