package io.github.ecsexecreadiness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.provider.Arguments;

/** Table rows for check tests: a change to {@link Scenario#ready()}, the status it must give, a reason fragment. */
public final class Verdicts {
    private Verdicts() {}

    public static Arguments row(String name, Consumer<Scenario> change, Status expected, String inReason) {
        return Arguments.of(name, change, expected, inReason);
    }

    /**
     * Runs the check the way the engine does (unreadable data becomes UNKNOWN) on the changed scenario and
     * asserts the status and that the one-line reason names {@code inReason}.
     */
    public static CheckResult assertVerdict(Check check, Consumer<Scenario> change, Status expected, String inReason) {
        Scenario scenario = Scenario.ready();
        change.accept(scenario);

        CheckResult result = new ReadinessEngine(List.of(check)).evaluate(scenario.facts()).results().get(0);

        assertFalse(result.reason().startsWith("check failed to evaluate"), result.reason());
        assertEquals(expected, result.status(), result.reason());
        assertTrue(result.reason().contains(inReason), () -> "reason lacks '" + inReason + "': " + result.reason());
        return result;
    }
}
