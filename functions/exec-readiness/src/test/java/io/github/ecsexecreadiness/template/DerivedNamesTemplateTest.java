package io.github.ecsexecreadiness.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.cli.preflight.DerivedName;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code preflight} checks a stack name against {@link DerivedName#ALL}; this keeps that table equal to the names
 * template.yaml derives from {@code AWS::StackName} (by !Sub or !Ref), so a name added, renamed or removed there
 * fails here until the table follows. Policy documents (ARN patterns, not names) and environment variables (no
 * AWS limit) are not names.
 */
class DerivedNamesTemplateTest {
    private static final Set<String> NOT_NAMES = Set.of("Policies", "PolicyDocument", "Environment");

    @Test
    void preflightKnowsEveryNameTheTemplateDerivesFromTheStackName() {
        SamTemplate template = SamTemplate.load();
        Set<String> inTemplate = new TreeSet<>();
        for (Map.Entry<String, JsonNode> resource : template.json().path("Resources").properties()) {
            String type = resource.getValue().path("Type").asText();
            resource.getValue().path("Properties").properties()
                    .forEach(p -> collect(type, p.getKey(), p.getValue(), inTemplate));
        }
        Set<String> inPreflight = new TreeSet<>();
        DerivedName.ALL.forEach(n -> inPreflight.add(n.resourceType() + " " + n.property() + " " + n.pattern()));

        assertEquals(inTemplate, inPreflight);
    }

    private static void collect(String type, String path, JsonNode node, Set<String> names) {
        if (NOT_NAMES.contains(path.substring(path.lastIndexOf('.') + 1))) {
            return;
        }
        if (node.has("Ref") && "AWS::StackName".equals(node.get("Ref").asText())) {
            names.add(type + " " + path + " " + DerivedName.STACK_NAME);
        } else if (node.has("Fn::Sub")) {
            JsonNode sub = node.get("Fn::Sub");
            String text = sub.isArray() ? sub.get(0).asText() : sub.asText();
            if (text.contains(DerivedName.STACK_NAME)) {
                names.add(type + " " + path + " " + text);
            }
        } else if (node.isObject()) {
            node.properties().forEach(p -> collect(type, path + "." + p.getKey(), p.getValue(), names));
        } else if (node.isArray()) {
            node.forEach(item -> collect(type, path, item, names));
        }
    }
}
