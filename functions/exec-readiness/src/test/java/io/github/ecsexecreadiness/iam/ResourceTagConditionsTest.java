package io.github.ecsexecreadiness.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceTagConditionsTest {
    private static String statement(String effect, String action, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"" + action
                + ",\"Resource\":\"*\",\"Condition\":" + condition + "}]}";
    }

    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("ecs:ResourceTag", statement("Allow", "Action\":\"ecs:ExecuteCommand\"",
                        "{\"StringEquals\":{\"ecs:ResourceTag/team\":\"payments\"}}"), Set.of("team")),
                Arguments.of("aws:ResourceTag, key case kept", statement("Allow", "Action\":\"ecs:*\"",
                        "{\"StringLike\":{\"AWS:ResourceTag/Team\":\"pay*\"}}"), Set.of("Team")),
                Arguments.of("a Deny counts too", statement("Deny", "Action\":[\"ecs:ExecuteCommand\"]",
                        "{\"Null\":{\"aws:ResourceTag/team\":\"true\"}}"), Set.of("team")),
                Arguments.of("other actions", statement("Allow", "Action\":\"ecs:StopTask\"",
                        "{\"StringEquals\":{\"aws:ResourceTag/team\":\"payments\"}}"), Set.of()),
                Arguments.of("NotAction excludes it", statement("Allow", "NotAction\":\"ecs:ExecuteCommand\"",
                        "{\"StringEquals\":{\"aws:ResourceTag/team\":\"payments\"}}"), Set.of()),
                Arguments.of("request tags are not resource tags", statement("Allow",
                        "Action\":\"ecs:ExecuteCommand\"", "{\"StringEquals\":{\"aws:RequestTag/team\":\"x\"}}"),
                        Set.of()),
                Arguments.of("not a policy", "{\"Statement\":", Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void findsTheTagKeysConditioningTheAction(String name, String document, Set<String> keys) {
        assertEquals(keys, ResourceTagConditions.keys(document, ResourceTagConditions.EXECUTE_COMMAND));
    }

    @ParameterizedTest(name = "tags {0}")
    @MethodSource("contexts")
    void aResourceContextKnowsEachKeyUnderBothNamesAndNothingElse(Map<String, String> tags,
                                                                 Optional<Optional<String>> team) {
        RequestContext context = ResourceTagConditions.onResourceTagged(tags, Set.of("team"), "on the task");

        assertEquals(team, context.value("ecs:ResourceTag/team"));
        assertEquals(team, context.value("aws:ResourceTag/TEAM"));
        assertEquals(Optional.empty(), context.value("aws:ResourceTag/env"), "a key no condition names stays unknown");
    }

    static Stream<Arguments> contexts() {
        return Stream.of(
                Arguments.of(Map.of("team", "payments"), Optional.of(Optional.of("payments"))),
                Arguments.of(Map.of("Team", "payments"), Optional.of(Optional.of("payments"))),
                Arguments.of(Map.of("env", "prod"), Optional.of(Optional.empty())),
                Arguments.of(Map.of(), Optional.of(Optional.empty())));
    }
}
