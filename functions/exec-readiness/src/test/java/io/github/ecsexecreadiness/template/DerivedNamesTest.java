package io.github.ecsexecreadiness.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every name the templates derive from the stack (its name or id) or from a parameter fits AWS's limit for that
 * name, with the longest values CloudFormation accepts: a 128-character stack name, and each parameter at the
 * longest its AllowedPattern allows. Names derived from the stack also differ between two stacks, so a second
 * stack in the same account and Region does not collide.
 */
@ReadsRepositoryFiles
class DerivedNamesTest {
    /** CloudFormation's own limit on a stack name: 128 characters, a letter then letters, digits and hyphens. */
    static final String LONGEST_STACK_NAME = "s" + "-x1".repeat(42) + "z";
    private static final String REGION = "ap-southeast-5";
    private static final String ACCOUNT = "111122223333";

    /** AWS's limit on each name the templates derive, by resource type and property; the pattern where it is narrower. */
    record Limit(int maxLength, Pattern pattern) {
        static Limit of(int maxLength) {
            return new Limit(maxLength, Pattern.compile(".+"));
        }

        static Limit of(int maxLength, String pattern) {
            return new Limit(maxLength, Pattern.compile(pattern));
        }
    }

    static final Map<String, Limit> LIMITS = Map.ofEntries(
            Map.entry("AWS::Serverless::Function FunctionName", Limit.of(64, "[a-zA-Z0-9-_]+")),
            Map.entry("AWS::Serverless::Function RolePath", Limit.of(512, "/|/[\\x21-\\x7E]*/")),
            Map.entry("AWS::Logs::LogGroup LogGroupName", Limit.of(512, "[.\\-_/#A-Za-z0-9]+")),
            Map.entry("AWS::Config::ConfigRule ConfigRuleName", Limit.of(128)),
            Map.entry("AWS::Config::OrganizationConfigRule OrganizationConfigRuleName", Limit.of(64)),
            Map.entry("AWS::Events::EventBusPolicy StatementId", Limit.of(64, "[a-zA-Z0-9-_]+")),
            Map.entry("AWS::SecurityHub::ActionTarget Id", Limit.of(20, "[A-Za-z0-9]+")),
            Map.entry("AWS::IAM::Role RoleName", Limit.of(64, "[\\w+=,.@-]+")),
            Map.entry("AWS::IAM::ManagedPolicy ManagedPolicyName", Limit.of(128, "[\\w+=,.@-]+")));

    /** The longest value of each parameter that a derived name uses (its AllowedPattern is checked to cap it). */
    private static final Map<String, String> LONGEST_PARAMETERS = Map.of("RoleName", "r".repeat(40));

    private static final Pattern NAME_PROPERTY = Pattern.compile("[A-Za-z]*(Name|Id|Path)");

    @Test
    void everyNameDerivedFromTheStackFitsAwsLimitsWithTheLongestStackName() {
        SamTemplate template = SamTemplate.load();
        List<String> checked = checkDerivedNames(template, Map.of());
        assertTrue(checked.size() >= 8, "expected the log groups, role paths, rule names... found " + checked);
    }

    @Test
    void everyNameDerivedFromAParameterFitsWithItsLongestValue() {
        SamTemplate member = SamTemplate.load("member-role.yaml");
        LONGEST_PARAMETERS.forEach((name, longest) -> {
            Pattern allowed = Pattern.compile(member.json().at("/Parameters/" + name + "/AllowedPattern").asText());
            assertTrue(allowed.matcher(longest).matches(), name + " accepts " + longest.length() + " characters");
            assertFalse(allowed.matcher(longest + "r").matches(), name + " accepts more than " + longest.length());
        });
        List<String> checked = checkDerivedNames(member, LONGEST_PARAMETERS);
        assertEquals(List.of("EventForwarderRole RoleName", "MemberRole RoleName", "SsmmessagesPolicy ManagedPolicyName"),
                checked.stream().sorted().toList());
    }

    /** Two stacks in one account and Region: every name of one that depends on the stack differs in the other. */
    @Test
    void aSecondStackInTheSameAccountAndRegionDerivesOtherNames() {
        SamTemplate template = SamTemplate.load();
        Intrinsics first = intrinsics(template, "ecs-exec-readiness", "1c2fa620-982a-11e3-aff7-50e2416294e0", Map.of());
        Intrinsics second = intrinsics(template, "ecs-exec-readiness-2", "7d3ab910-0b1c-11f0-9a7e-0a1b2c3d4e5f", Map.of());
        int compared = 0;
        for (DerivedName name : derivedNames(template)) {
            if (name.fromStack()) {
                assertNotEquals(first.string(name.value()), second.string(name.value()), name.where());
                compared++;
            }
        }
        assertTrue(compared > 0);
        // The custom action's id in particular: it used to be fixed, so a second stack failed to create it.
        JsonNode id = template.resource("FixEcsExecActionTarget").at("/Properties/Id");
        assertEquals("FixEcsExec1c2fa620", first.string(id));
    }

    private static List<String> checkDerivedNames(SamTemplate template, Map<String, String> parameters) {
        Intrinsics longest = intrinsics(template, LONGEST_STACK_NAME, "1c2fa620-982a-11e3-aff7-50e2416294e0",
                parameters);
        List<String> checked = new ArrayList<>();
        for (DerivedName name : derivedNames(template)) {
            Limit limit = LIMITS.get(name.type() + " " + name.property());
            assertNotNull(limit, name.where() + " is derived from the stack or a parameter: look up AWS's limit on "
                    + name.type() + " " + name.property() + " and add it to LIMITS");
            String value = longest.string(name.value());
            assertTrue(value.length() <= limit.maxLength(), name.where() + " is " + value.length()
                    + " characters with the longest values, over the limit of " + limit.maxLength() + ": " + value);
            assertTrue(limit.pattern().matcher(value).matches(), name.where() + " breaks " + limit.pattern() + ": "
                    + value);
            checked.add(name.where());
        }
        return checked;
    }

    private static Intrinsics intrinsics(SamTemplate template, String stackName, String stackGuid,
                                         Map<String, String> parameters) {
        String stackId = "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/" + stackName + "/" + stackGuid;
        Map<String, String> required = new HashMap<>(parameters);
        // member-role.yaml's parameters without default.
        template.json().path("Parameters").properties().forEach(p -> {
            if (!p.getValue().has("Default")) {
                required.putIfAbsent(p.getKey(), p.getKey().equals("CentralAccountId") ? "444455556666" : REGION);
            }
        });
        return new Intrinsics(template.json(), Map.of("AWS::StackName", stackName, "AWS::StackId", stackId,
                "AWS::Region", REGION, "AWS::AccountId", ACCOUNT, "AWS::Partition", "aws"), required);
    }

    /** A name-like property whose value is computed from the stack's name or id, or from a parameter. */
    private record DerivedName(String logicalId, String type, String property, JsonNode value, boolean fromStack) {
        String where() {
            return logicalId + " " + property;
        }
    }

    private static List<DerivedName> derivedNames(SamTemplate template) {
        List<DerivedName> names = new ArrayList<>();
        template.json().path("Resources").properties().forEach(resource -> {
            String type = resource.getValue().path("Type").asText();
            resource.getValue().path("Properties").properties().forEach(property -> {
                if (NAME_PROPERTY.matcher(property.getKey()).matches()) {
                    boolean fromStack = mentions(property.getValue(), "AWS::StackName")
                            || mentions(property.getValue(), "AWS::StackId");
                    boolean fromParameter = template.json().path("Parameters").properties().stream()
                            .anyMatch(p -> mentions(property.getValue(), p.getKey()));
                    if (fromStack || fromParameter) {
                        names.add(new DerivedName(resource.getKey(), type, property.getKey(), property.getValue(),
                                fromStack));
                    }
                }
            });
        });
        return names;
    }

    /** Whether an expression refers to this parameter (Ref, or ${...} in Fn::Sub). */
    private static boolean mentions(JsonNode expression, String parameter) {
        if (expression.isObject() && expression.has("Ref")) {
            return expression.get("Ref").asText().equals(parameter);
        }
        if (expression.isObject() && expression.has("Fn::Sub")) {
            JsonNode sub = expression.get("Fn::Sub");
            String text = sub.isArray() ? sub.get(0).asText() : sub.asText();
            return text.contains("${" + parameter + "}") || (sub.isArray() && mentions(sub.get(1), parameter));
        }
        if (expression.isContainerNode()) {
            for (JsonNode child : expression) {
                if (mentions(child, parameter)) {
                    return true;
                }
            }
        }
        return false;
    }
}
