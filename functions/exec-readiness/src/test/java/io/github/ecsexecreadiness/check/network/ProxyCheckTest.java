package io.github.ecsexecreadiness.check.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.EcsContainerDefinitionBuilder;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyCheckTest {
    private static final String PROXY = "http://proxy.internal:3128";
    private static final String BOTH = "169.254.169.254,169.254.170.2";

    static Stream<Arguments> environments() {
        return Stream.of(
                env("no proxy", Map.of(), List.of(), Status.NOT_APPLICABLE, "no container sets HTTP_PROXY"),
                env("empty proxy value", Map.of("HTTP_PROXY", ""), List.of(), Status.NOT_APPLICABLE, "no container"),
                // Go sends http:// requests (the metadata and credential endpoints) through HTTP_PROXY only.
                env("HTTPS_PROXY alone leaves the metadata endpoints direct", Map.of("HTTPS_PROXY", PROXY), List.of(),
                        Status.NOT_APPLICABLE, "HTTPS_PROXY does not carry the http:// metadata"),
                env("HTTP_PROXY with NO_PROXY", Map.of("HTTP_PROXY", PROXY, "NO_PROXY", "localhost," + BOTH), List.of(),
                        Status.PASS, "container web (web:3)"),
                env("lower-case names", Map.of("http_proxy", PROXY, "no_proxy", BOTH), List.of(), Status.PASS, "web"),
                env("HTTP_PROXY without NO_PROXY", Map.of("HTTP_PROXY", PROXY), List.of(), Status.FAIL,
                        "container web (web:3) sets HTTP_PROXY but NO_PROXY lacks 169.254.169.254 and 169.254.170.2"),
                env("NO_PROXY misses the credentials endpoint", Map.of("HTTP_PROXY", PROXY, "NO_PROXY", "169.254.169.254"),
                        List.of(), Status.FAIL, "NO_PROXY lacks 169.254.170.2"),
                env("entries must match whole", Map.of("HTTP_PROXY", PROXY, "NO_PROXY", "169.254.169.2540,169.254.170.20"),
                        List.of(), Status.FAIL, "lacks 169.254.169.254 and 169.254.170.2"),
                env("blanks around entries", Map.of("HTTP_PROXY", PROXY, "NO_PROXY", " 169.254.169.254 , 169.254.170.2 "),
                        List.of(), Status.PASS, "web"),
                env("link-local block", Map.of("HTTP_PROXY", PROXY, "NO_PROXY", "169.254.0.0/16"), List.of(), Status.PASS,
                        "web"),
                env("asterisk exempts everything", Map.of("HTTP_PROXY", PROXY, "NO_PROXY", "*"), List.of(), Status.PASS,
                        "web"),
                env("empty NO_PROXY falls back to no_proxy", Map.of("HTTP_PROXY", PROXY, "NO_PROXY", "", "no_proxy", BOTH),
                        List.of(), Status.PASS, "web"),
                env("NO_PROXY wins over no_proxy", Map.of("HTTP_PROXY", PROXY, "NO_PROXY", "localhost", "no_proxy", BOTH),
                        List.of(), Status.FAIL, "NO_PROXY lacks 169.254.169.254 and 169.254.170.2"),
                env("only no_proxy set", Map.of("HTTP_PROXY", PROXY, "no_proxy", "169.254.170.2"), List.of(), Status.FAIL,
                        "no_proxy lacks 169.254.169.254"),
                env("proxy from a secret", Map.of(), List.of("http_proxy"), Status.UNKNOWN,
                        "container web (web:3) takes http_proxy from a secret"),
                env("HTTPS proxy from a secret is not this check's", Map.of(), List.of("https_proxy"),
                        Status.NOT_APPLICABLE, "no container sets HTTP_PROXY"),
                env("NO_PROXY from a secret", Map.of("HTTP_PROXY", PROXY), List.of("NO_PROXY"), Status.UNKNOWN,
                        "takes NO_PROXY from a secret"));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("environments")
    void checksNoProxyWhereAProxyIsSet(String name, Map<String, String> environment, List<String> secrets,
                                       Status expected, String fragment) {
        Scenario scenario = Scenario.ready()
                .withContainers(b -> b.environment(environment))
                .withContainers(b -> b.secretNames(secrets));

        assertResult(scenario, expected, fragment);
    }

    static Stream<Arguments> definitions() {
        Consumer<Scenario> sidecarWithProxy = s -> s.withTaskDefinition(b -> b.containerDefinitions(List.of(
                Scenario.container("web"),
                EcsContainerDefinitionBuilder.builder(Scenario.container("envoy")).environment(Map.of("HTTP_PROXY",
                        PROXY)).build())));
        Consumer<Scenario> oldRevisionWithProxy = s -> {
            String old = Scenario.TASK_DEFINITION_ARN.replace("web:3", "web:2");
            var container = EcsContainerDefinitionBuilder.builder(Scenario.container("web")).environment(Map.of(
                    "HTTP_PROXY", PROXY)).build();
            s.withTaskDefinition(new Ecs.TaskDefinition(old, Scenario.TASK_ROLE_ARN, "awsvpc", null, "LINUX",
                    List.of(container)));
            s.withTasks(b -> b.taskDefinitionArn(old));
        };
        Consumer<Scenario> fourFailing = s -> s.withTaskDefinition(b -> b.containerDefinitions(
                Stream.of("a", "b", "c", "d").map(n -> EcsContainerDefinitionBuilder.builder(Scenario.container(n))
                        .environment(
                        Map.of("HTTP_PROXY", PROXY)).build()).toList()));
        Consumer<Scenario> environmentFiles = s -> s.withContainers(b -> b.hasEnvironmentFiles(true));
        return Stream.of(
                Arguments.of("a sidecar with a proxy", sidecarWithProxy, Status.FAIL, "container envoy (web:3) sets"),
                Arguments.of("a running task on an older revision", oldRevisionWithProxy, Status.FAIL,
                        "container web (web:2) sets HTTP_PROXY"),
                Arguments.of("the first three failing containers are named", fourFailing, Status.FAIL,
                        "container c (web:3) sets HTTP_PROXY but NO_PROXY lacks 169.254.169.254 and 169.254.170.2 and 1 more"),
                Arguments.of("environment files are not read", environmentFiles, Status.NOT_APPLICABLE,
                        "(environment files not inspected)"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("definitions")
    void looksAtEveryContainerOfEveryRevisionInUse(String name, Consumer<Scenario> change, Status expected,
                                                   String fragment) {
        Scenario scenario = Scenario.ready();
        change.accept(scenario);

        assertResult(scenario, expected, fragment);
    }

    private static void assertResult(Scenario scenario, Status expected, String fragment) {
        CheckResult result = new ProxyCheck().evaluate(scenario.facts());

        assertEquals(expected, result.status(), result.reason());
        assertTrue(result.reason().contains(fragment), result.reason());
    }

    private static Arguments env(String name, Map<String, String> environment, List<String> secrets, Status expected,
                                 String fragment) {
        return Arguments.of(name, environment, secrets, expected, fragment);
    }
}
