package io.github.ecsexecreadiness.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.apply.RemediationLedger;
import io.github.ecsexecreadiness.check.iam.SsmmessagesCheck;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.fix.Fix;
import io.github.ecsexecreadiness.handler.Settings;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The remediator's write permissions: every grant scoped by the conditions that keep it to what the fixes need
 * (each rule is shown to catch the statement it forbids), and neither more nor fewer actions than the fixes
 * declare (Cloud Custodian checks its policies' permissions the same way).
 */
@ReadsRepositoryFiles
class RemediatorPolicyTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String POLICY = "RemediationPolicy";
    static final String SESSION_GRANTS = "SessionGrantsPolicy";
    static final String ENDPOINT_FIXES = "EndpointFixesPolicy";
    static final String PROJECT_POLICIES = "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/ecs-exec-readiness/*";
    static final String ROLES = "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*";
    static final String EC2 = "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:";
    static final String SERVICES = "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:service/*/*";
    static final String CREATED_BY = "aws:RequestTag/ecs-exec-readiness:created-by";
    static final String TAGGED_AS_OURS = "aws:ResourceTag/ecs-exec-readiness:created-by";
    /** The functions that remediate, and the environment each gets from a parameter (or resource). */
    static final List<String> REMEDIATORS = List.of("DeploymentEventFunction", "SweepItemFunction",
            "SecurityHubActionFunction");
    static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry(Settings.REMEDIATION_MODE, "RemediationMode"),
            Map.entry(Settings.DRY_RUN, "DryRun"),
            Map.entry(Settings.FIX_TASK_ROLE_PERMISSIONS, "FixTaskRolePermissions"),
            Map.entry(Settings.FIX_EXEC_REDEPLOY, "FixExecRedeploy"),
            Map.entry(Settings.FIX_VPC_ENDPOINTS, "FixVpcEndpoints"),
            Map.entry(Settings.FIX_SESSION_GRANTS, "FixSessionGrants"),
            Map.entry(Settings.PROTECTED_ENVIRONMENTS, "ProtectedEnvironments"),
            Map.entry(Settings.REDEPLOY_COOLDOWN_MINUTES, "RedeployCooldownMinutes"),
            Map.entry(Settings.MAX_FORCED_DEPLOYMENTS_PER_HOUR, "MaxForcedDeploymentsPerHour"),
            Map.entry(Settings.SSMMESSAGES_POLICY_ARN, "TaskRoleSsmmessagesPolicy"),
            Map.entry("LEDGER_TABLE", "RemediationLedgerTable"));

    private static SamTemplate template;

    @BeforeAll
    static void load() {
        template = SamTemplate.load();
    }

    /** The remediation policy and the two that only some functions get: the statements any remediator may hold. */
    static final List<String> POLICIES = List.of(POLICY, SESSION_GRANTS, ENDPOINT_FIXES);

    static List<JsonNode> statements() {
        return POLICIES.stream().flatMap(policy -> list(template.resource(policy)
                .at("/Properties/PolicyDocument/Statement")).stream()).toList();
    }

    // ----- (a) every grant scoped ---------------------------------------------------------------------------

    /** One property of the remediation policy; {@link #violations} names each statement that breaks it. */
    enum Rule {
        ATTACH_ONLY_PROJECT_POLICIES {
            @Override
            List<String> violations(List<JsonNode> statements) {
                return each(allowing(statements, "iam:AttachRolePolicy"), s -> {
                    var arns = texts(condition(s, "ArnLike", "iam:PolicyARN"));
                    arns.addAll(texts(condition(s, "ArnEquals", "iam:PolicyARN")));
                    return !arns.isEmpty() && Set.of("Ref:TaskRoleSsmmessagesPolicy", PROJECT_POLICIES)
                            .containsAll(arns) && texts(s.path("Resource")).equals(List.of(ROLES));
                });
            }
        },
        NEVER_ATTACH_TO_ITS_OWN_ROLES {
            @Override
            List<String> violations(List<JsonNode> statements) {
                boolean denied = denying(statements, "iam:AttachRolePolicy").stream().anyMatch(s ->
                        texts(s.path("Resource")).equals(List.of("arn:${AWS::Partition}:iam::${AWS::AccountId}:"
                                + "role/${AWS::StackName}/*")) && !s.has("Condition"));
                boolean pathed = REMEDIATORS.stream().allMatch(f -> "/${AWS::StackName}/".equals(
                        text(template.resource(f).at("/Properties/RolePath"))));
                return denied && pathed ? List.of() : List.of("no Deny of iam:AttachRolePolicy on the stack's roles");
            }
        },
        POLICIES_ONLY_UNDER_THE_PROJECT_PATH {
            @Override
            List<String> violations(List<JsonNode> statements) {
                return each(Stream.concat(allowing(statements, "iam:CreatePolicy").stream(),
                                allowing(statements, "iam:GetPolicy").stream()).distinct().toList(),
                        s -> texts(s.path("Resource")).equals(List.of(PROJECT_POLICIES)));
            }
        },
        ONLY_SSMMESSAGES_ENDPOINTS_TAGGED_AS_OURS {
            @Override
            List<String> violations(List<JsonNode> statements) {
                return each(allowing(statements, "ec2:CreateVpcEndpoint"), s -> {
                    List<String> resources = texts(s.path("Resource"));
                    boolean endpoint = resources.stream().anyMatch(r -> r.contains(":vpc-endpoint/") || r.equals("*"));
                    if (!endpoint) {
                        return resources.stream().allMatch(r -> r.equals(EC2 + "vpc/*") || r.equals(EC2 + "subnet/*")
                                || r.equals(EC2 + "security-group/*"));
                    }
                    return resources.equals(List.of(EC2 + "vpc-endpoint/*"))
                            && texts(condition(s, "StringEquals", "ec2:VpceServiceName"))
                                    .equals(List.of("com.amazonaws.${AWS::Region}.ssmmessages"))
                            && texts(condition(s, "Null", CREATED_BY)).equals(List.of("false"));
                });
            }
        },
        ONLY_SECURITY_GROUPS_TAGGED_AS_OURS {
            @Override
            List<String> violations(List<JsonNode> statements) {
                return each(allowing(statements, "ec2:CreateSecurityGroup"), s -> {
                    List<String> resources = texts(s.path("Resource"));
                    return resources.equals(List.of(EC2 + "vpc/*")) || resources.equals(List.of(EC2 + "security-group/*"))
                            && texts(condition(s, "Null", CREATED_BY)).equals(List.of("false"));
                });
            }
        },
        TAGS_ONLY_ON_CREATE {
            @Override
            List<String> violations(List<JsonNode> statements) {
                return each(allowing(statements, "ec2:CreateTags"), s -> {
                    var actions = texts(condition(s, "StringEquals", "ec2:CreateAction"));
                    return !actions.isEmpty() && Set.of("CreateVpcEndpoint", "CreateSecurityGroup").containsAll(actions);
                });
            }
        },
        INGRESS_ONLY_INTO_GROUPS_IT_CREATED {
            @Override
            List<String> violations(List<JsonNode> statements) {
                return each(allowing(statements, "ec2:AuthorizeSecurityGroupIngress"),
                        s -> texts(s.path("Resource")).equals(List.of(EC2 + "security-group/*"))
                                && texts(condition(s, "StringEquals", TAGGED_AS_OURS))
                                        .equals(List.of("ecs-exec-readiness")));
            }
        },
        UPDATE_SERVICE_ONLY_TO_TURN_EXEC_ON {
            @Override
            List<String> violations(List<JsonNode> statements) {
                List<String> found = new ArrayList<>(each(allowing(statements, "ecs:UpdateService"), s ->
                        texts(s.path("Resource")).equals(List.of(SERVICES))
                                && texts(condition(s, "StringEquals", "ecs:enable-execute-command")).equals(List.of("true"))
                                && texts(condition(s, "ArnLike", "ecs:cluster")).equals(List.of(
                                        "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:cluster/*"))));
                boolean nullDenied = denying(statements, "ecs:UpdateService").stream().anyMatch(s ->
                        texts(condition(s, "Null", "ecs:enable-execute-command")).equals(List.of("true")));
                if (!nullDenied) {
                    found.add("no Deny of ecs:UpdateService when ecs:enable-execute-command is absent");
                }
                return found;
            }
        },
        NEVER_UPDATE_OPTED_OUT_SERVICES {
            @Override
            List<String> violations(List<JsonNode> statements) {
                boolean denied = denying(statements, "ecs:UpdateService").stream().anyMatch(s -> texts(condition(s,
                        "StringEqualsIgnoreCase", "aws:ResourceTag/ecs-exec-readiness:auto-fix")).equals(List.of("false")));
                return denied ? List.of() : List.of("no Deny of ecs:UpdateService on services tagged auto-fix=false");
            }
        },
        LEDGER_TABLE_ONLY {
            @Override
            List<String> violations(List<JsonNode> statements) {
                return each(statements.stream().filter(s -> texts(s.path("Action")).stream()
                        .anyMatch(a -> a.startsWith("dynamodb:"))).toList(), s -> "Allow".equals(text(s.path("Effect")))
                        && texts(s.path("Resource")).equals(List.of("GetAtt:RemediationLedgerTable.Arn")));
            }
        };

        abstract List<String> violations(List<JsonNode> statements);
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void theTemplateKeepsEveryRule(Rule rule) {
        assertEquals(List.of(), rule.violations(statements()));
    }

    record Mutation(String name, Rule rule, Consumer<List<JsonNode>> change) {
        @Override
        public String toString() {
            return rule + ": " + name;
        }
    }

    static Stream<Mutation> mutations() {
        return Stream.of(
                new Mutation("attach without iam:PolicyARN", Rule.ATTACH_ONLY_PROJECT_POLICIES,
                        s -> sid(s, "AttachTheSsmmessagesPolicy").remove("Condition")),
                new Mutation("attach an AWS managed policy too", Rule.ATTACH_ONLY_PROJECT_POLICIES,
                        s -> ((ObjectNode) sid(s, "AttachTheProjectsSessionPolicies").at("/Condition/ArnLike"))
                                .putArray("iam:PolicyARN").add(sub(PROJECT_POLICIES))
                                .add("arn:aws:iam::aws:policy/AdministratorAccess")),
                new Mutation("a second statement attaching anything", Rule.ATTACH_ONLY_PROJECT_POLICIES,
                        s -> s.add(statement("Allow", "iam:AttachRolePolicy", ROLES))),
                new Mutation("own roles not denied", Rule.NEVER_ATTACH_TO_ITS_OWN_ROLES,
                        s -> s.remove(sid(s, "NeverAttachToItsOwnRoles"))),
                new Mutation("create any policy", Rule.POLICIES_ONLY_UNDER_THE_PROJECT_PATH,
                        s -> sid(s, "SessionPoliciesUnderTheProjectPath").set("Resource",
                                sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/*"))),
                new Mutation("any endpoint service", Rule.ONLY_SSMMESSAGES_ENDPOINTS_TAGGED_AS_OURS,
                        s -> ((ObjectNode) sid(s, "OnlySsmmessagesEndpointsTaggedAsOurs").path("Condition"))
                                .remove("StringEquals")),
                new Mutation("untagged endpoint", Rule.ONLY_SSMMESSAGES_ENDPOINTS_TAGGED_AS_OURS,
                        s -> ((ObjectNode) sid(s, "OnlySsmmessagesEndpointsTaggedAsOurs").path("Condition"))
                                .remove("Null")),
                new Mutation("endpoint resource in the unconditioned statement",
                        Rule.ONLY_SSMMESSAGES_ENDPOINTS_TAGGED_AS_OURS,
                        s -> ((ArrayNode) sid(s, "EndpointPlacement").path("Resource")).add(sub(EC2 + "vpc-endpoint/*"))),
                new Mutation("untagged security group", Rule.ONLY_SECURITY_GROUPS_TAGGED_AS_OURS,
                        s -> sid(s, "OnlySecurityGroupsTaggedAsOurs").remove("Condition")),
                new Mutation("tag anything anytime", Rule.TAGS_ONLY_ON_CREATE,
                        s -> sid(s, "TagOnlyWhatItCreates").remove("Condition")),
                new Mutation("ingress anywhere", Rule.INGRESS_ONLY_INTO_GROUPS_IT_CREATED,
                        s -> sid(s, "IngressOnlyIntoGroupsItCreated").put("Resource", "*")),
                new Mutation("ingress into any group", Rule.INGRESS_ONLY_INTO_GROUPS_IT_CREATED,
                        s -> sid(s, "IngressOnlyIntoGroupsItCreated").remove("Condition")),
                new Mutation("update any service setting", Rule.UPDATE_SERVICE_ONLY_TO_TURN_EXEC_ON,
                        s -> ((ObjectNode) sid(s, "UpdateServiceOnlyToTurnExecOn").path("Condition"))
                                .remove("StringEquals")),
                new Mutation("update services of any cluster", Rule.UPDATE_SERVICE_ONLY_TO_TURN_EXEC_ON,
                        s -> ((ObjectNode) sid(s, "UpdateServiceOnlyToTurnExecOn").path("Condition")).remove("ArnLike")),
                new Mutation("absent exec flag not denied", Rule.UPDATE_SERVICE_ONLY_TO_TURN_EXEC_ON,
                        s -> s.remove(sid(s, "NeverUpdateServiceWithoutTheExecFlag"))),
                new Mutation("opt-out not denied", Rule.NEVER_UPDATE_OPTED_OUT_SERVICES,
                        s -> s.remove(sid(s, "NeverUpdateOptedOutServices"))),
                new Mutation("any table", Rule.LEDGER_TABLE_ONLY, s -> sid(s, "LedgerOnly").put("Resource", "*")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void eachRuleCatchesTheStatementItForbids(Mutation mutation) {
        List<JsonNode> statements = new ArrayList<>(statements().stream().<JsonNode>map(JsonNode::deepCopy).toList());
        mutation.change().accept(statements);
        assertNotEquals(List.of(), mutation.rule().violations(statements), "not caught: " + mutation);
    }

    @Test
    void everyRuleHasAMutationThatBreaksIt() {
        assertEquals(Set.of(Rule.values()), mutations().map(Mutation::rule).collect(Collectors.toSet()));
    }

    /** Report-only and dry-run stacks grant no write permission; only the remediating functions get it. */
    @Test
    void writePermissionsOnlyInAutoModeWithoutDryRun() {
        assertEquals("RemediationOn", text(template.resource(POLICY).path("Condition")));
        JsonNode condition = template.json().at("/Conditions/RemediationOn/Fn::And");
        assertEquals(Set.of("RemediationMode=auto", "DryRun=false"), list(condition).stream()
                .map(equals -> text(equals.at("/Fn::Equals/0")).replace("Ref:", "") + "="
                        + text(equals.at("/Fn::Equals/1"))).collect(Collectors.toSet()));

        template.resources(SamTemplate.FUNCTION).forEach((id, function) -> {
            boolean granted = list(function.at("/Properties/Policies")).stream()
                    .anyMatch(policy -> policy.toString().contains("\"Ref\":\"" + POLICY + "\""));
            assertEquals(REMEDIATORS.contains(id), granted, id);
            if (granted) {
                assertTrue(list(function.at("/Properties/Policies")).stream().anyMatch(policy ->
                        text(policy.at("/Fn::If/0")).equals("RemediationOn")), id + " gets it unconditionally");
            }
        });
    }

    /**
     * Endpoint and session-grant permissions exist only where a function may use them: the automatic functions
     * by their switch, the reviewed-fix function whenever remediation is on; never in report-only or dry-run.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "defaults | | ",
            "EnableFindings=true | | SecurityHubActionFunction:EndpointFixesPolicy,SecurityHubActionFunction:SessionGrantsPolicy",
            "FixVpcEndpoints=true | DeploymentEventFunction:EndpointFixesPolicy,SweepItemFunction:EndpointFixesPolicy | ",
            "FixSessionGrants=true | DeploymentEventFunction:SessionGrantsPolicy,SweepItemFunction:SessionGrantsPolicy | ",
            "FixSessionGrants=true,FixTaskRolePermissions=false | | ",
            "EnableFindings=true,FixTaskRolePermissions=false | | SecurityHubActionFunction:EndpointFixesPolicy",
            "EnableFindings=true,FixVpcEndpoints=true,FixSessionGrants=true,DryRun=true | | ",
            "EnableFindings=true,RemediationMode=report-only | | "})
    void endpointAndGrantPermissionsOnlyWhereAFunctionMayUseThem(String parameters, String automatic, String reviewed) {
        Map<String, String> values = parameters.equals("defaults") ? Map.of() : Arrays.stream(parameters.split(","))
                .map(p -> p.split("=")).collect(Collectors.toMap(p -> p[0], p -> p[1]));
        Intrinsics intrinsics = new Intrinsics(template.json(), Map.of("AWS::Region", "eu-west-1",
                "AWS::AccountId", "111122223333", "AWS::Partition", "aws"), values);
        Set<String> expected = new TreeSet<>();
        for (String granted : (String.valueOf(automatic) + "," + String.valueOf(reviewed)).split(",")) {
            if (!granted.isBlank() && !granted.equals("null")) {
                expected.add(granted.strip());
            }
        }
        Set<String> granted = new TreeSet<>();
        for (String function : REMEDIATORS) {
            JsonNode resource = template.resource(function);
            boolean exists = !resource.has("Condition") || intrinsics.condition(condition(resource.path("Condition")));
            for (JsonNode policy : list(resource.at("/Properties/Policies"))) {
                JsonNode chosen = policy.has("Fn::If") ? (intrinsics.condition(condition(policy.at("/Fn::If/0")))
                        ? policy.at("/Fn::If/1") : policy.at("/Fn::If/2")) : policy;
                String name = chosen.path("Ref").asText();
                if (exists && (name.equals(SESSION_GRANTS) || name.equals(ENDPOINT_FIXES))) {
                    granted.add(function + ":" + name);
                    assertTrue(intrinsics.condition(condition(template.resource(name).path("Condition"))),
                            name + " is referenced by " + function + " but not created");
                }
            }
        }
        assertEquals(expected, granted);
    }

    private static JsonNode condition(JsonNode name) {
        return NODES.objectNode().put("Condition", name.asText());
    }

    // ----- (b) exactly what the fixes declare -------------------------------------------------------------

    @Test
    void grantsExactlyTheActionsTheFixesAndTheLedgerDeclare() {
        Set<String> declared = IamDeclarations.declaredBy(RemediationLedger.class).stream()
                .map(IamDeclarations.Declaration::action).collect(Collectors.toCollection(TreeSet::new));
        assertFalse(declared.isEmpty(), "the ledger declares no call");
        for (Class<?> type : Fix.class.getPermittedSubclasses()) {
            declared.addAll(sample(type).iamActions());
        }
        Set<String> granted = statements().stream().filter(s -> "Allow".equals(text(s.path("Effect"))))
                .flatMap(s -> texts(s.path("Action")).stream()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, granted);
    }

    /** A Fix with placeholder values: its declared actions do not depend on them. */
    private static Fix sample(Class<?> type) {
        assertTrue(type.isRecord(), type + " is not a record");
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = Arrays.stream(components)
                .map(c -> c.getType() == List.class ? List.of() : c.getType() == String.class ? "x" : null).toArray();
        try {
            return (Fix) type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new)).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // ----- (c) guardrail parameters, their defaults, and what the functions are told ---------------------

    @Test
    void guardrailParametersHaveSafeDefaults() {
        Map<String, String> defaults = Map.of("RemediationMode", "auto", "DryRun", "false",
                "FixTaskRolePermissions", "true", "FixExecRedeploy", "true", "FixVpcEndpoints", "false",
                "FixSessionGrants", "false",
                "ProtectedEnvironments", "production,prod", "RedeployCooldownMinutes", "60",
                "MaxForcedDeploymentsPerHour", "10");
        defaults.forEach((name, value) ->
                assertEquals(value, template.json().at("/Parameters/" + name + "/Default").asText(), name));
        assertEquals(List.of("auto", "report-only"), texts(template.json().at("/Parameters/RemediationMode/AllowedValues")));
        assertTrue(template.json().at("/Parameters/FixVpcEndpoints/Description").asText().contains("per hour"),
                "FixVpcEndpoints must warn that endpoints are billed hourly");
    }

    @Test
    void remediatingFunctionsAreToldEverySetting() {
        for (String function : REMEDIATORS) {
            JsonNode variables = template.functionProperties(function).at("/Environment/Variables");
            ENVIRONMENT.forEach((variable, source) ->
                    assertEquals("Ref:" + source, text(variables.path(variable)), function + " " + variable));
        }
    }

    @Test
    void ssmmessagesPolicyHoldsTheFourChannelActionsAndIsAnOutput() {
        JsonNode policy = template.resource("TaskRoleSsmmessagesPolicy").path("Properties");
        // Named by CloudFormation: unique per stack and Region, and within IAM's 128 characters for any stack name.
        assertTrue(policy.path("ManagedPolicyName").isMissingNode(), "a fixed name collides across stacks");
        List<JsonNode> statements = list(policy.at("/PolicyDocument/Statement"));
        assertEquals(1, statements.size());
        assertEquals(SsmmessagesCheck.REQUIRED.stream().map(Permission::action).toList(),
                texts(statements.getFirst().path("Action")));
        assertEquals(List.of("*"), texts(statements.getFirst().path("Resource")));
        assertEquals("Ref:TaskRoleSsmmessagesPolicy", text(template.json().at("/Outputs/TaskRoleSsmmessagesPolicyArn/Value")));
    }

    @Test
    void ledgerIsAnOnDemandEncryptedTableWithTtl() {
        JsonNode table = template.resource("RemediationLedgerTable").path("Properties");
        assertEquals("PAY_PER_REQUEST", table.path("BillingMode").asText());
        assertEquals("pk", table.at("/KeySchema/0/AttributeName").asText());
        assertEquals("HASH", table.at("/KeySchema/0/KeyType").asText());
        assertEquals(1, table.path("KeySchema").size());
        assertEquals("S", table.at("/AttributeDefinitions/0/AttributeType").asText());
        assertEquals("expiresAt", table.at("/TimeToLiveSpecification/AttributeName").asText());
        assertTrue(table.at("/TimeToLiveSpecification/Enabled").asBoolean());
        assertTrue(table.at("/SSESpecification/SSEEnabled").asBoolean());
    }

    // ----- reading statements -----------------------------------------------------------------------------

    static List<JsonNode> allowing(List<JsonNode> statements, String action) {
        return withEffect(statements, "Allow", action);
    }

    static List<JsonNode> denying(List<JsonNode> statements, String action) {
        return withEffect(statements, "Deny", action);
    }

    private static List<JsonNode> withEffect(List<JsonNode> statements, String effect, String action) {
        return statements.stream().filter(s -> effect.equals(text(s.path("Effect")))
                && texts(s.path("Action")).contains(action)).toList();
    }

    /** The statements that fail {@code keeps}, by Sid. */
    static List<String> each(List<JsonNode> statements, Function<JsonNode, Boolean> keeps) {
        return statements.stream().filter(s -> !keeps.apply(s)).map(s -> text(s.path("Sid")) + ": " + s).toList();
    }

    static JsonNode condition(JsonNode statement, String operator, String key) {
        return statement.path("Condition").path(operator).path(key);
    }

    static ObjectNode sid(List<JsonNode> statements, String sid) {
        return (ObjectNode) statements.stream().filter(s -> sid.equals(text(s.path("Sid")))).findFirst().orElseThrow();
    }

    static ObjectNode statement(String effect, String action, String resource) {
        ObjectNode statement = NODES.objectNode().put("Effect", effect).put("Action", action);
        statement.set("Resource", sub(resource));
        return statement;
    }

    static ObjectNode sub(String text) {
        return NODES.objectNode().put("Fn::Sub", text);
    }

    /** A value as the rules compare it: the text of a plain or !Sub string, "Ref:X", "GetAtt:X.Y". */
    static String text(JsonNode node) {
        if (node.has("Fn::Sub")) {
            return node.get("Fn::Sub").asText();
        }
        if (node.has("Ref")) {
            return "Ref:" + node.get("Ref").asText();
        }
        if (node.has("Fn::GetAtt")) {
            return "GetAtt:" + StreamSupport.stream(node.get("Fn::GetAtt").spliterator(), false).map(JsonNode::asText)
                    .collect(Collectors.joining("."));
        }
        return node.asText();
    }

    static List<String> texts(JsonNode node) {
        return new ArrayList<>(list(node).stream().map(RemediatorPolicyTest::text).toList());
    }

    private static List<JsonNode> list(JsonNode node) {
        return Nodes.toList(node);
    }
}
