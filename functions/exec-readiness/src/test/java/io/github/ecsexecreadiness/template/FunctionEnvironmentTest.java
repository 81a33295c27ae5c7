package io.github.ecsexecreadiness.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.handler.Settings;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function's environment (Globals merged in) is exactly what its role reads ({@link Settings.Role}, the
 * role of its handler class), less what Lambda sets itself: nothing missing, which would stop it at init, and
 * nothing it ignores, which a reader of the template would take for a setting that matters.
 */
@ReadsRepositoryFiles
class FunctionEnvironmentTest {
    private static final SamTemplate TEMPLATE = SamTemplate.load();

    static Stream<String> functions() {
        return TEMPLATE.resources(SamTemplate.FUNCTION).keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void theEnvironmentIsWhatTheRoleReads(String function) {
        JsonNode properties = TEMPLATE.functionProperties(function);
        String handler = properties.path("Handler").asText().split("::")[0];
        Settings.Role role = Settings.Role.ofHandler(handler)
                .orElseThrow(() -> new AssertionError(function + ": " + handler + " has no role"));
        Set<String> expected = new TreeSet<>(role.variables());
        expected.removeAll(Settings.SET_BY_LAMBDA);
        Set<String> actual = new TreeSet<>();
        properties.at("/Environment/Variables").fieldNames().forEachRemaining(actual::add);

        assertEquals(expected, actual, function + " (" + role + ")");
    }

    @Test
    void everyRoleIsAFunctionOfTheTemplate() {
        Set<String> handlers = new TreeSet<>();
        functions().forEach(f -> handlers.add(TEMPLATE.functionProperties(f).path("Handler").asText().split("::")[0]));
        for (Settings.Role role : Settings.Role.values()) {
            assertTrue(handlers.stream().anyMatch(h -> Settings.Role.ofHandler(h).orElse(null) == role),
                    role + " has no function");
        }
    }
}
