package io.github.ecsexecreadiness.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.iam.Decision;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.iam.PolicyEvaluator;
import io.github.ecsexecreadiness.model.Iam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The policies each remediating function gets, as CloudFormation would make them for a set of parameters,
 * evaluated with the project's own {@link PolicyEvaluator} against requests the conditions must allow or refuse:
 * every condition key of a request is given, so each condition is decided, none left CONDITIONAL.
 */
@ReadsRepositoryFiles
class RemediatorPolicyEvaluationTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ACCOUNT = "111122223333";
    private static final String POLICY_ARN = "arn:aws:iam::111122223333:policy/exec-stack/ssmmessages";
    private static final String PROJECT_POLICY = "arn:aws:iam::111122223333:policy/ecs-exec-readiness/ecs-exec-kms-shop-1";
    /** What the stack's own resources resolve to (CloudFormation names them at deployment). */
    private static final Map<String, String> RESOURCES = Map.of("TaskRoleSsmmessagesPolicy", POLICY_ARN,
            "RemediationLedgerTable.Arn", "arn:aws:dynamodb:eu-west-1:111122223333:table/ledger",
            "SweepQueue.Arn", "arn:aws:sqs:eu-west-1:111122223333:sweep");
    private static final String BASE = "EnableFindings=true,MemberRoleName=member,OrganizationId=o-aaaaaaaaaa";
    private static SamTemplate template;

    @BeforeAll
    static void load() {
        template = SamTemplate.load();
    }

    @ParameterizedTest(name = "{0}: {1} {2} on {3} with [{4}]")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // ssmmessages policy: every remediator; project policies only where session grants may run
            "'' | DeploymentEventFunction | iam:AttachRolePolicy | role/web-task | iam:PolicyARN=" + POLICY_ARN + " | ALLOWED",
            "'' | DeploymentEventFunction | iam:AttachRolePolicy | role/web-task | iam:PolicyARN=" + PROJECT_POLICY + " | IMPLICIT_DENY",
            "'' | DeploymentEventFunction | iam:CreatePolicy | policy/ecs-exec-readiness/x | - | IMPLICIT_DENY",
            "FixSessionGrants=true | SweepItemFunction | iam:AttachRolePolicy | role/web-task | iam:PolicyARN=" + PROJECT_POLICY + " | ALLOWED",
            "'' | SecurityHubActionFunction | iam:AttachRolePolicy | role/web-task | iam:PolicyARN=" + PROJECT_POLICY + " | ALLOWED",
            "'' | SecurityHubActionFunction | iam:CreatePolicy | policy/ecs-exec-readiness/x | - | ALLOWED",
            "'' | SecurityHubActionFunction | iam:CreatePolicy | policy/x | - | IMPLICIT_DENY",
            "'' | SecurityHubActionFunction | iam:AttachRolePolicy | role/web-task | iam:PolicyARN=arn:aws:iam::aws:policy/AdministratorAccess | IMPLICIT_DENY",
            "'' | SecurityHubActionFunction | iam:AttachRolePolicy | role/exec-stack/own | iam:PolicyARN=" + PROJECT_POLICY + " | EXPLICIT_DENY",
            "'' | SecurityHubActionFunction | iam:AttachRolePolicy | arn:aws:iam::999999999999:role/web-task | iam:PolicyARN=" + PROJECT_POLICY + " | IMPLICIT_DENY",
            "FixTaskRolePermissions=false | SecurityHubActionFunction | iam:AttachRolePolicy | role/web-task | iam:PolicyARN=" + PROJECT_POLICY + " | IMPLICIT_DENY",
            // endpoint writes: the reviewed-fix function, the automatic ones only with FixVpcEndpoints
            "'' | SecurityHubActionFunction | ec2:AuthorizeSecurityGroupIngress | security-group/sg-1 | aws:ResourceTag/ecs-exec-readiness:created-by=ecs-exec-readiness | ALLOWED",
            "'' | SecurityHubActionFunction | ec2:AuthorizeSecurityGroupIngress | security-group/sg-1 | - | IMPLICIT_DENY",
            "'' | SecurityHubActionFunction | ec2:AuthorizeSecurityGroupIngress | security-group/sg-1 | aws:ResourceTag/ecs-exec-readiness:created-by=someone | IMPLICIT_DENY",
            "'' | DeploymentEventFunction | ec2:AuthorizeSecurityGroupIngress | security-group/sg-1 | aws:ResourceTag/ecs-exec-readiness:created-by=ecs-exec-readiness | IMPLICIT_DENY",
            "'' | SecurityHubActionFunction | ec2:CreateVpcEndpoint | vpc-endpoint/* | ec2:VpceServiceName=com.amazonaws.eu-west-1.ssmmessages;aws:RequestTag/ecs-exec-readiness:created-by=ecs-exec-readiness | ALLOWED",
            "'' | SecurityHubActionFunction | ec2:CreateVpcEndpoint | vpc-endpoint/* | ec2:VpceServiceName=com.amazonaws.eu-west-1.s3;aws:RequestTag/ecs-exec-readiness:created-by=ecs-exec-readiness | IMPLICIT_DENY",
            "'' | SecurityHubActionFunction | ec2:CreateVpcEndpoint | vpc-endpoint/* | ec2:VpceServiceName=com.amazonaws.eu-west-1.ssmmessages | IMPLICIT_DENY",
            "'' | SweepItemFunction | ec2:CreateVpcEndpoint | vpc-endpoint/* | ec2:VpceServiceName=com.amazonaws.eu-west-1.ssmmessages;aws:RequestTag/ecs-exec-readiness:created-by=ecs-exec-readiness | IMPLICIT_DENY",
            "FixVpcEndpoints=true | SweepItemFunction | ec2:CreateVpcEndpoint | vpc-endpoint/* | ec2:VpceServiceName=com.amazonaws.eu-west-1.ssmmessages;aws:RequestTag/ecs-exec-readiness:created-by=ecs-exec-readiness | ALLOWED",
            "'' | SecurityHubActionFunction | route53:AssociateVPCWithHostedZone | arn:aws:route53:::hostedzone/Z1 | - | ALLOWED",
            "'' | DeploymentEventFunction | route53:AssociateVPCWithHostedZone | arn:aws:route53:::hostedzone/Z1 | - | IMPLICIT_DENY",
            "DryRun=true | SecurityHubActionFunction | ec2:CreateVpcEndpoint | vpc-endpoint/* | ec2:VpceServiceName=com.amazonaws.eu-west-1.ssmmessages;aws:RequestTag/ecs-exec-readiness:created-by=ecs-exec-readiness | IMPLICIT_DENY",
            // the member role: only in the organisation's accounts when OrganizationId is set
            "'' | SweepItemFunction | sts:AssumeRole | arn:aws:iam::444455556666:role/member | aws:ResourceOrgID=o-aaaaaaaaaa | ALLOWED",
            "'' | SweepItemFunction | sts:AssumeRole | arn:aws:iam::444455556666:role/member | aws:ResourceOrgID=o-bbbbbbbbbb | IMPLICIT_DENY",
            "'' | SweepItemFunction | sts:AssumeRole | arn:aws:iam::444455556666:role/member | - | IMPLICIT_DENY",
            "'' | SweepItemFunction | sts:AssumeRole | arn:aws:iam::444455556666:role/other | aws:ResourceOrgID=o-aaaaaaaaaa | IMPLICIT_DENY",
            "OrganizationId= | SweepItemFunction | sts:AssumeRole | arn:aws:iam::444455556666:role/member | - | ALLOWED",
            // the redeployment: only to turn exec on, never without the flag
            "'' | DeploymentEventFunction | ecs:UpdateService | arn:aws:ecs:eu-west-1:111122223333:service/shop/web | ecs:enable-execute-command=true;ecs:cluster=arn:aws:ecs:eu-west-1:111122223333:cluster/shop | ALLOWED",
            "'' | DeploymentEventFunction | ecs:UpdateService | arn:aws:ecs:eu-west-1:111122223333:service/shop/web | ecs:enable-execute-command=false;ecs:cluster=arn:aws:ecs:eu-west-1:111122223333:cluster/shop | IMPLICIT_DENY",
            "'' | DeploymentEventFunction | ecs:UpdateService | arn:aws:ecs:eu-west-1:111122223333:service/shop/web | ecs:cluster=arn:aws:ecs:eu-west-1:111122223333:cluster/shop | EXPLICIT_DENY",
            "'' | DeploymentEventFunction | ecs:UpdateService | arn:aws:ecs:eu-west-1:111122223333:service/shop/web | ecs:enable-execute-command=true;ecs:cluster=arn:aws:ecs:eu-west-1:111122223333:cluster/shop;aws:ResourceTag/ecs-exec-readiness:auto-fix=FALSE | EXPLICIT_DENY"})
    void eachConditionAllowsWhatTheFixesNeedAndRefusesTheRest(String parameters, String function, String action,
                                                                String resource, String context, Decision.Outcome expected) {
        Map<String, String> values = new HashMap<>(parse(BASE, ","));
        values.putAll(parse(parameters, ","));
        Intrinsics intrinsics = new Intrinsics(template.json(), Map.of("AWS::Region", "eu-west-1",
                "AWS::AccountId", ACCOUNT, "AWS::Partition", "aws", "AWS::StackName", "exec-stack"), values);
        String arn = resource.startsWith("arn:") ? resource : resource.startsWith("role/") || resource.startsWith("policy/")
                ? "arn:aws:iam::" + ACCOUNT + ":" + resource : "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":" + resource;

        Decision decision = new PolicyEvaluator().evaluate(role(function, intrinsics), new Permission(action, arn),
                parse(context, ";"));

        assertEquals(expected, decision.outcome(), decision.explanation());
    }

    /** The function's role with the managed policies the parameters give it, as IAM would hold them. */
    private static Iam.Role role(String function, Intrinsics intrinsics) {
        List<Iam.Policy> policies = new ArrayList<>();
        for (JsonNode entry : template.resource(function).at("/Properties/Policies")) {
            JsonNode chosen = resolve(entry, intrinsics);
            if (chosen != null && chosen.isTextual()) {
                String name = chosen.asText();
                JsonNode document = resolve(template.resource(name).at("/Properties/PolicyDocument"), intrinsics);
                policies.add(new Iam.Policy(name, document.toString()));
            } else if (chosen != null) { // an inline policy: SAM adds the Version
                ObjectNode document = NODES.objectNode().put("Version", "2012-10-17");
                document.set("Statement", chosen.get("Statement"));
                policies.add(new Iam.Policy(function + " inline", document.toString()));
            }
        }
        return new Iam.Role("arn:aws:iam::" + ACCOUNT + ":role/exec-stack/" + function, function, policies, null,
                Map.of());
    }

    /** The value CloudFormation makes of a template node; null for AWS::NoValue (the entry is left out). */
    private static JsonNode resolve(JsonNode node, Intrinsics intrinsics) {
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode();
            node.forEach(item -> {
                JsonNode value = resolve(item, intrinsics);
                if (value != null) {
                    array.add(value);
                }
            });
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1 && node.has("Fn::If")) {
            boolean holds = intrinsics.condition(NODES.objectNode().put("Condition", node.at("/Fn::If/0").asText()));
            return resolve(node.at(holds ? "/Fn::If/1" : "/Fn::If/2"), intrinsics);
        }
        if (node.size() == 1 && node.has("Ref")) {
            String name = node.get("Ref").asText();
            if (name.equals("AWS::NoValue")) {
                return null;
            }
            return NODES.textNode(template.json().path("Resources").has(name)
                    ? RESOURCES.getOrDefault(name, name) : intrinsics.string(node));
        }
        if (node.size() == 1 && node.has("Fn::GetAtt")) {
            return NODES.textNode(RESOURCES.get(node.get("Fn::GetAtt").get(0).asText() + "."
                    + node.get("Fn::GetAtt").get(1).asText()));
        }
        if (node.size() == 1 && node.has("Fn::Sub")) {
            return NODES.textNode(intrinsics.string(node));
        }
        ObjectNode object = NODES.objectNode();
        node.properties().forEach(field -> {
            JsonNode value = resolve(field.getValue(), intrinsics);
            if (value != null) {
                object.set(field.getKey(), value);
            }
        });
        return object;
    }

    private static Map<String, String> parse(String pairs, String separator) {
        if (pairs == null || pairs.isBlank()) {
            return Map.of();
        }
        return Arrays.stream(pairs.split(separator)).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0].strip(), pair -> pair.length > 1 ? pair[1].strip() : ""));
    }
}
