package io.github.ecsexecreadiness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.function.Executable;

/** Assertions on the services of a {@code scan --output json}. */
public final class Verdicts {
    private Verdicts() {}

    /** The report's services by name. */
    public static Map<String, JsonNode> byName(JsonNode services) {
        Map<String, JsonNode> byName = new TreeMap<>();
        services.forEach(service -> byName.put(service.path("serviceName").asText(), service));
        return byName;
    }

    /** The service's FAIL checks are exactly these, and it is ready exactly when there are none. */
    public static Executable failing(Map<String, JsonNode> services, String name, String... checkIds) {
        return () -> {
            JsonNode service = service(services, name);
            Set<String> failing = new HashSet<>();
            service.path("checks").forEach(check -> {
                if (check.path("status").asText().equals("FAIL")) {
                    failing.add(check.path("id").asText());
                }
            });
            assertEquals(Set.of(checkIds), failing, name + ": " + service);
            assertEquals(checkIds.length == 0, service.path("ready").asBoolean(), name + " ready");
        };
    }

    /** The check has this status and its reason names every fragment. */
    public static Executable check(Map<String, JsonNode> services, String name, String checkId, String status,
                                   String... fragments) {
        return () -> {
            JsonNode check = StreamSupport.stream(service(services, name).path("checks").spliterator(), false)
                    .filter(c -> c.path("id").asText().equals(checkId)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + checkId + " for " + name));
            String reason = check.path("reason").asText();
            assertEquals(status, check.path("status").asText(), name + " " + checkId + ": " + reason);
            for (String fragment : fragments) {
                assertTrue(reason.contains(fragment),
                        name + " " + checkId + " reason lacks '" + fragment + "': " + reason);
            }
        };
    }

    /** The service is ready for ECS Exec. */
    public static Executable ready(Map<String, JsonNode> services, String name) {
        return () -> assertTrue(service(services, name).path("ready").asBoolean(), service(services, name).toString());
    }

    private static JsonNode service(Map<String, JsonNode> services, String name) {
        JsonNode service = services.get(name);
        if (service == null) {
            throw new AssertionError("no service " + name + " in " + services.keySet());
        }
        return service;
    }
}
