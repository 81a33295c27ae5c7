package io.github.ecsexecreadiness.template;

import static io.github.ecsexecreadiness.template.Nodes.ref;
import static io.github.ecsexecreadiness.template.Nodes.refIf;
import static io.github.ecsexecreadiness.template.Nodes.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Security Hub findings in template.yaml: a switch, least privilege on the account's own hub, no import loop. */
@ReadsRepositoryFiles
class FindingsTemplateTest {
    private static final String IMPORTED = "Security Hub Findings - Imported";
    private static SamTemplate template;

    @BeforeAll
    static void load() {
        template = SamTemplate.load();
    }

    static Stream<String> functions() {
        return SamTemplate.load().resources(SamTemplate.FUNCTION).keySet().stream();
    }

    @Test
    void findingsAreOffByDefaultBehindASwitch() {
        // Off by default: the custom action (and every import) fails in an account without Security Hub CSPM.
        JsonNode parameter = template.json().at("/Parameters/EnableFindings");
        assertEquals("false", parameter.path("Default").asText());
        assertEquals(List.of("true", "false"), texts(parameter.path("AllowedValues")));
        JsonNode condition = template.json().at("/Conditions/FindingsOn/Fn::Equals");
        assertEquals(ref("EnableFindings"), condition.get(0));
        assertEquals("true", condition.get(1).asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void everyFunctionGetsTheSwitchTheAccountAndTheConditionalPolicy(String function) {
        JsonNode properties = template.functionProperties(function);
        assertEquals(ref("AWS::AccountId"), properties.at("/Environment/Variables/ACCOUNT_ID"));
        if (!StreamSupport.stream(properties.path("Policies").spliterator(), false)
                .anyMatch(ref("ReadAccountPolicy")::equals)) {
            // It evaluates nothing (the sweep's scheduler only queues work): nothing to report, no switch read.
            assertTrue(properties.at("/Environment/Variables/FINDINGS_ENABLED").isMissingNode(), function);
            return;
        }
        assertEquals(ref("EnableFindings"), properties.at("/Environment/Variables/FINDINGS_ENABLED"));
        // A function that exists only when findings are on gets the policy as it is.
        JsonNode expected = "FindingsOn".equals(template.resource(function).path("Condition").asText())
                ? ref("FindingsPolicy") : refIf("FindingsOn", "FindingsPolicy");
        assertTrue(StreamSupport.stream(properties.path("Policies").spliterator(), false).anyMatch(expected::equals),
                function + " lacks the FindingsPolicy behind FindingsOn");
    }

    /** Exactly the three actions, each on the account's own product or hub: nothing when findings are off. */
    @Test
    void securityHubPermissionsAreScopedToTheOwnProductAndHub() {
        JsonNode policy = template.resource("FindingsPolicy");
        assertEquals("FindingsOn", policy.path("Condition").asText());
        Map<String, String> resourceByAction = new TreeMap<>();
        for (JsonNode statement : policy.at("/Properties/PolicyDocument/Statement")) {
            assertEquals("Allow", statement.path("Effect").asText());
            String resource = statement.at("/Resource/Fn::Sub").asText();
            texts(statement.path("Action")).forEach(action -> resourceByAction.put(action, resource));
        }
        String prefix = "arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:";
        assertEquals(Map.of(
                "securityhub:BatchImportFindings", prefix + "product/${AWS::AccountId}/default",
                "securityhub:GetFindings", prefix + "hub/default",
                "securityhub:BatchUpdateFindings", prefix + "hub/default"), resourceByAction);
        List<JsonNode> elsewhere = new ArrayList<>();
        template.json().path("Resources").properties().forEach(e -> {
            if (!e.getKey().equals("FindingsPolicy") && e.getValue().toString().contains("securityhub:")) {
                elsewhere.add(e.getValue());
            }
        });
        assertEquals(List.of(), elsewhere, "Security Hub actions outside the conditional policy");
    }

    /** The functions import findings: a rule on Imported events would invoke them again for their own writes. */
    @Test
    void noRuleReactsToImportedFindings() {
        List<String> patterns = new ArrayList<>();
        template.eventSources().values().forEach(source -> patterns.add(source.toString()));
        template.resources("AWS::Events::Rule").values().forEach(rule -> patterns.add(rule.toString()));
        assertFalse(patterns.isEmpty(), "no event source found: the walk is broken");
        patterns.forEach(pattern -> assertFalse(pattern.contains(IMPORTED), pattern));
        assertFalse(template.json().toString().contains("Findings Imported V2"));
    }
}
