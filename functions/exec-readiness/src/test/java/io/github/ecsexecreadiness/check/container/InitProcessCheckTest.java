package io.github.ecsexecreadiness.check.container;

import static io.github.ecsexecreadiness.check.Verdicts.row;

import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.Verdicts;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InitProcessCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                row("init process on", s -> {}, Status.PASS, "every container of web:3"),
                row("init process unset", s -> s.withContainers(b -> b.initProcessEnabled(null)),
                        Status.WARN, "initProcessEnabled is not true for web in web:3"),
                row("init process off", s -> s.withContainers(b -> b.initProcessEnabled(false)),
                        Status.WARN, "web in web:3"),
                row("Windows task definition", s -> s.withContainers(b -> b.initProcessEnabled(null))
                        .withTaskDefinition(b -> b.operatingSystemFamily("WINDOWS_SERVER_2019_FULL")),
                        Status.NOT_APPLICABLE, "Windows"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void decidesFromLinuxParameters(String name, Consumer<Scenario> change, Status expected, String inReason) {
        Verdicts.assertVerdict(new InitProcessCheck(), change, expected, inReason);
    }
}
