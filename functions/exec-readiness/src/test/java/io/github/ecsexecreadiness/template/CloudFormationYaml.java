package io.github.ecsexecreadiness.template;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a CloudFormation YAML template into a Jackson tree, turning the short-form intrinsic functions
 * ({@code !Ref X}, {@code !GetAtt A.B}, {@code !Sub s}, {@code !If [...]}) into their JSON form
 * ({@code {"Ref": "X"}}, {@code {"Fn::GetAtt": ["A", "B"]}}...), the form CloudFormation itself works on.
 * A plain tree read would keep only the tagged value and lose which function it was.
 */
final class CloudFormationYaml {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CloudFormationYaml() {}

    static JsonNode read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return read(reader);
        }
    }

    static JsonNode parse(String yaml) throws IOException {
        return read(new StringReader(yaml));
    }

    private static JsonNode read(Reader reader) throws IOException {
        try (YAMLParser parser = YAML.createParser(reader)) {
            parser.nextToken();
            return node(parser);
        }
    }

    private static JsonNode node(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId(); // the tag of the current node, "!" stripped; read before moving on
        JsonNode value = switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, node(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(parser));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.INT
                    ? NODES.numberNode(parser.getIntValue()) : NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            // YAML 1.1 also reads On/Off/Yes/No as booleans: keep those as the author wrote them.
            case VALUE_TRUE, VALUE_FALSE -> parser.getText().equalsIgnoreCase(String.valueOf(parser.getBooleanValue()))
                    ? NODES.booleanNode(parser.getBooleanValue()) : NODES.textNode(parser.getText());
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected " + parser.currentToken() + " at " + parser.currentLocation());
        };
        return tag == null ? value : intrinsic(tag, value);
    }

    private static JsonNode intrinsic(String tag, JsonNode value) {
        return switch (tag) {
            case "Ref", "Condition" -> NODES.objectNode().set(tag, value);
            // !GetAtt Resource.Attribute is a string; the JSON form is [Resource, Attribute].
            case "GetAtt" -> NODES.objectNode().set("Fn::GetAtt", value.isTextual() ? resourceAndAttribute(value.asText()) : value);
            default -> NODES.objectNode().set("Fn::" + tag, value);
        };
    }

    private static JsonNode resourceAndAttribute(String getAtt) {
        int dot = getAtt.indexOf('.');
        return NODES.arrayNode().add(getAtt.substring(0, dot)).add(getAtt.substring(dot + 1));
    }
}
