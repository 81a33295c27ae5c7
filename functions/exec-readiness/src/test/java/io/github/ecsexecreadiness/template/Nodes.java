package io.github.ecsexecreadiness.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.stream.StreamSupport;

/** Reading and building the template's JSON tree the way CloudFormation writes it. */
final class Nodes {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Nodes() {}

    /** A YAML value that may be written as one item or as a list; nothing when it is absent. */
    static List<JsonNode> toList(JsonNode node) {
        if (node.isMissingNode()) {
            return List.of();
        }
        return node.isArray() ? StreamSupport.stream(node.spliterator(), false).toList() : List.of(node);
    }

    static List<String> texts(JsonNode node) {
        return toList(node).stream().map(JsonNode::asText).toList();
    }

    static JsonNode ref(String target) {
        return NODES.objectNode().put("Ref", target);
    }

    static JsonNode getAtt(String resource, String attribute) {
        return NODES.objectNode().set("Fn::GetAtt", NODES.arrayNode().add(resource).add(attribute));
    }

    /** {@code !If [condition, !Ref target, !Ref AWS::NoValue]}: a policy or value present only under a condition. */
    static JsonNode refIf(String condition, String target) {
        return NODES.objectNode().set("Fn::If", NODES.arrayNode().add(condition).add(ref(target))
                .add(ref("AWS::NoValue")));
    }
}
