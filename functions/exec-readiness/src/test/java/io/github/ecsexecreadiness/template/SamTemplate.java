package io.github.ecsexecreadiness.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.TestScope;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** The repository's {@code template.yaml}, read the way the SAM transform sees it. */
record SamTemplate(Path root, JsonNode json) {
    static final String FUNCTION = "AWS::Serverless::Function";
    static final String CONFIG_RULE = "AWS::Config::ConfigRule";

    /** Loads the repository's template.yaml (its tests are {@code @ReadsRepositoryFiles}). */
    static SamTemplate load() {
        return load("template.yaml");
    }

    /** Another template at the repository root (member-role.yaml). */
    static SamTemplate load(String name) {
        Path root = TestScope.repositoryRoot();
        Path file = root.resolve(name);
        assertTrue(Files.isRegularFile(file), "no " + name + " at the repository root " + root);
        try {
            return new SamTemplate(root, CloudFormationYaml.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode resource(String logicalId) {
        JsonNode resource = json.path("Resources").path(logicalId);
        assertTrue(resource.isObject(), "no resource " + logicalId);
        return resource;
    }

    /** Logical id to resource, in template order, of every resource of this type. */
    Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        json.path("Resources").properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    /** A function's properties with Globals.Function merged in the way SAM merges them: maps deeply, the function winning. */
    JsonNode functionProperties(String logicalId) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        merge(merged, json.path("Globals").path("Function"));
        merge(merged, resource(logicalId).path("Properties"));
        return merged;
    }

    /** The logical id of the one resource of this type the predicate accepts. */
    String only(String type, Predicate<JsonNode> which) {
        List<String> ids = resources(type).entrySet().stream()
                .filter(e -> which.test(e.getValue())).map(Map.Entry::getKey).toList();
        assertEquals(1, ids.size(), "expected exactly one matching " + type + ", found " + ids);
        return ids.get(0);
    }

    /**
     * Every event source, keyed {@code <logical id>/<event name>} for a function's Events entry and
     * {@code <logical id>/<message type>} for a Config rule's SourceDetails, mapped to its definition.
     */
    Map<String, JsonNode> eventSources() {
        Map<String, JsonNode> sources = new TreeMap<>();
        resources(FUNCTION).forEach((id, function) -> function.path("Properties").path("Events").properties()
                .forEach(e -> sources.put(id + "/" + e.getKey(), e.getValue())));
        resources(CONFIG_RULE).forEach((id, rule) -> rule.at("/Properties/Source/SourceDetails")
                .forEach(detail -> sources.put(id + "/" + detail.path("MessageType").asText(), detail)));
        return sources;
    }

    private static void merge(ObjectNode into, JsonNode from) {
        from.properties().forEach(e -> {
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode target && e.getValue().isObject()) {
                merge(target, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }
}
