package io.github.ecsexecreadiness.check.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.EcsContainerDefinitionBuilder;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StaticCredentialsCheckTest {

    private static UnaryOperator<Scenario> environment(String name) {
        return s -> s.withContainers(b -> b.environment(Map.of("AWS_REGION", "eu-west-1", name, "value")));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing set", (UnaryOperator<Scenario>) s -> s, Status.PASS, "no container sets"),
                Arguments.of("harmless AWS variable", environment("AWS_DEFAULT_REGION"), Status.PASS, "no container sets"),
                Arguments.of("access key id", environment("AWS_ACCESS_KEY_ID"), Status.WARN,
                        "container web of task definition web:3 sets AWS_ACCESS_KEY_ID (environment)"),
                Arguments.of("says the exec agent ignores them", environment("AWS_ACCESS_KEY_ID"), Status.WARN,
                        "which the exec agent ignores since SSM agent 3.1.1260.0"),
                Arguments.of("secret access key", environment("AWS_SECRET_ACCESS_KEY"), Status.WARN,
                        "AWS_SECRET_ACCESS_KEY (environment)"),
                Arguments.of("session token", environment("AWS_SESSION_TOKEN"), Status.WARN, "AWS_SESSION_TOKEN"),
                Arguments.of("legacy access key", environment("AWS_ACCESS_KEY"), Status.WARN, "AWS_ACCESS_KEY (environment)"),
                Arguments.of("names are case-sensitive", environment("aws_access_key_id"), Status.PASS, "no container sets"),
                Arguments.of("from Secrets Manager", (UnaryOperator<Scenario>) s ->
                        s.withContainers(b -> b.secretNames(List.of("DB_PASSWORD", "AWS_SECRET_ACCESS_KEY"))),
                        Status.WARN, "AWS_SECRET_ACCESS_KEY (secret)"),
                Arguments.of("environment files only", (UnaryOperator<Scenario>) s ->
                        s.withContainers(b -> b.hasEnvironmentFiles(true)), Status.UNKNOWN,
                        "environment files of container web of task definition web:3"),
                Arguments.of("environment files and a key", (UnaryOperator<Scenario>) s ->
                        environment("AWS_ACCESS_KEY_ID").apply(s.withContainers(b -> b.hasEnvironmentFiles(true))),
                        Status.WARN, "AWS_ACCESS_KEY_ID"),
                Arguments.of("second container", (UnaryOperator<Scenario>) s -> s.withTaskDefinition(b ->
                        b.containerDefinitions(List.of(Scenario.container("web"),
                                EcsContainerDefinitionBuilder.builder(Scenario.container("sidecar"))
                                        .environment(Map.of("AWS_ACCESS_KEY_ID", "AKIA...")).build()))),
                        Status.WARN, "container sidecar"),
                Arguments.of("running task on an older revision", (UnaryOperator<Scenario>) s ->
                        IamFixtures.withTaskOnOldRevision(s, b -> b.containerDefinitions(List.of(
                                EcsContainerDefinitionBuilder.builder(Scenario.container("web"))
                                        .environment(Map.of("AWS_SESSION_TOKEN", "x")).build()))),
                        Status.WARN, "container web of task definition web:2 sets AWS_SESSION_TOKEN"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void decides(String name, UnaryOperator<Scenario> change, Status expected, String named) {
        CheckResult result = new StaticCredentialsCheck().evaluate(change.apply(Scenario.ready()).facts());

        assertEquals(expected, result.status(), result.reason());
        assertTrue(result.reason().contains(named), result.reason());
    }
}
