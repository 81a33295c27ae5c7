package io.github.ecsexecreadiness.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Rules section of template.yaml, evaluated as CloudFormation does before creating anything: a rule whose
 * RuleCondition holds (or that has none) rejects the parameters when one of its assertions is false.
 */
@ReadsRepositoryFiles
class TemplateRulesTest {
    private static final String ORGANIZATION_CONFIG_RULE = "OrganizationConfigRuleNeedsTheRuleAndTheMemberRole";
    private static final String SWEEP_SCOPE = "SweepBeyondThisAccountAndRegionNeedsTheMemberRole";
    private static final String ORGANIZATION_EVENTS = "OrganizationEventsNeedTheMemberRoleAndTheDeploymentEvents";
    private static final String SOMETHING_EVALUATES = "SomethingEvaluates";
    private static final String ROLE = "MemberRoleName=ecs-exec-readiness-member";

    private static SamTemplate template;

    @BeforeAll
    static void load() {
        template = SamTemplate.load();
    }

    /** Parameters ("Name=value ...", on top of the defaults), and the rules that must reject them. */
    static Stream<Arguments> parameterSets() {
        return Stream.of(
                accepted(""),
                accepted("CreateConfigRule=true"),
                accepted("CreateConfigRule=true ConfigRuleScope=Organization " + ROLE),
                rejected("CreateConfigRule=true ConfigRuleScope=Organization", ORGANIZATION_CONFIG_RULE),
                rejected("ConfigRuleScope=Organization " + ROLE, ORGANIZATION_CONFIG_RULE),
                rejected("SweepOrganizationalUnits=r-exam", SWEEP_SCOPE),
                rejected("SweepAccounts=111122223333", SWEEP_SCOPE),
                rejected("SweepRegions=eu-west-1,us-east-1", SWEEP_SCOPE),
                accepted("SweepOrganizationalUnits=r-exam SweepRegions=eu-west-1,us-east-1 " + ROLE),
                rejected("SweepAccounts=111122223333 ScheduledSweep=Disabled CreateConfigRule=true " + ROLE,
                        SWEEP_SCOPE),
                rejected("OrganizationId=o-exampleorgid", ORGANIZATION_EVENTS),
                accepted("OrganizationId=o-exampleorgid " + ROLE),
                rejected("OrganizationId=o-exampleorgid EnableDeploymentEvents=false " + ROLE, ORGANIZATION_EVENTS),
                rejected("EnableDeploymentEvents=false ScheduledSweep=Disabled", SOMETHING_EVALUATES),
                accepted("EnableDeploymentEvents=false ScheduledSweep=Disabled CreateConfigRule=true"),
                accepted("EnableDeploymentEvents=false"),
                // Two mistakes at once: each rule answers for its own.
                rejected("ConfigRuleScope=Organization OrganizationId=o-exampleorgid SweepRegions=eu-west-1",
                        ORGANIZATION_CONFIG_RULE, SWEEP_SCOPE, ORGANIZATION_EVENTS));
    }

    @ParameterizedTest(name = "[{0}] rejected by {1}")
    @MethodSource("parameterSets")
    void rejectsExactlyTheInconsistentCombinations(String parameters, Set<String> rejectedBy) {
        assertEquals(rejectedBy, rejectingRules(parse(parameters)));
    }

    @Test
    void everyRuleRejectsSomeSetAboveAndSaysWhy() {
        Set<String> exercised = parameterSets().flatMap(a -> ((Set<?>) a.get()[1]).stream())
                .map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
        Set<String> rules = new TreeSet<>();
        template.json().path("Rules").properties().forEach(rule -> {
            rules.add(rule.getKey());
            rule.getValue().path("Assertions").forEach(assertion -> assertFalse(
                    assertion.path("AssertDescription").asText().isBlank(), rule.getKey() + " without description"));
        });
        assertFalse(rules.isEmpty());
        assertEquals(rules, exercised);
    }

    /** The README's organisation deployments pass the rules as they are written there. */
    @Test
    void readmeDeployCommandsPassTheRules() throws Exception {
        String readme = Files.readString(template.root().resolve("README.md"));
        Matcher command = Pattern.compile("sam (?:build && sam )?deploy --parameter-overrides ((?:\\\\\\n|[^\\n])+)")
                .matcher(readme);
        int commands = 0;
        while (command.find()) {
            commands++;
            String parameters = command.group(1).replace("\\\n", " ").trim();
            assertEquals(Set.of(), rejectingRules(parse(parameters)), parameters);
        }
        assertFalse(commands == 0, "no sam deploy --parameter-overrides in the README");
    }

    private static Set<String> rejectingRules(Map<String, String> parameters) {
        Intrinsics intrinsics = new Intrinsics(template.json(), Map.of("AWS::Region", "eu-west-1",
                "AWS::AccountId", "111122223333", "AWS::Partition", "aws"), parameters);
        Set<String> rejecting = new TreeSet<>();
        template.json().path("Rules").properties().forEach(rule -> {
            JsonNode condition = rule.getValue().path("RuleCondition");
            if (condition.isMissingNode() || intrinsics.condition(condition)) {
                for (JsonNode assertion : rule.getValue().path("Assertions")) {
                    if (!intrinsics.condition(assertion.path("Assert"))) {
                        rejecting.add(rule.getKey());
                    }
                }
            }
        });
        return rejecting;
    }

    private static Map<String, String> parse(String parameters) {
        Map<String, String> values = new HashMap<>();
        Arrays.stream(parameters.trim().split("\\s+")).filter(p -> !p.isEmpty()).forEach(p -> {
            int equals = p.indexOf('=');
            values.put(p.substring(0, equals), p.substring(equals + 1));
        });
        return values;
    }

    private static Arguments accepted(String parameters) {
        return Arguments.of(parameters, Set.of());
    }

    private static Arguments rejected(String parameters, String... rules) {
        return Arguments.of(parameters, new TreeSet<>(List.of(rules)));
    }
}
