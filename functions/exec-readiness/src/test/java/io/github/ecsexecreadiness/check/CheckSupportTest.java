package io.github.ecsexecreadiness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ecsexecreadiness.EcsTaskDefinitionBuilder;
import io.github.ecsexecreadiness.check.CheckSupport.LaunchType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckSupportTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
        "1.4.0,   1.4.0,  0",
        "1.10.0,  1.4.0,  1",
        "1.3.0,   1.4.0,  -1",
        "1.56,    1.56.0, 0",
        "1.50.10, 1.50.2, 1",
        "2,       1.99.9, 1",
        "LATEST,  1.4.0,  null",
        "1.4.0-a, 1.4.0,  null",
        "1..4,    1.4.0,  null",
        "null,    1.4.0,  null",
        "1234567890.0, 1.0, null",
    })
    void comparesDottedVersionsNumerically(String version, String other, Integer expected) {
        OptionalInt order = CheckSupport.compareVersions(version, other);

        assertEquals(expected == null ? OptionalInt.empty() : OptionalInt.of(expected), order);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "a          | a",
        "a,b,c      | a, b, c",
        "a,b,c,d    | a, b, c and 1 more",
        "a,b,c,d,e  | a, b, c and 2 more",
    })
    void namesTheFirstThree(String names, String expected) {
        assertEquals(expected, CheckSupport.listed(Arrays.asList(names.split(","))));
    }

    @ParameterizedTest(name = "task={0} service={1} providers={2} -> {3}")
    @CsvSource(nullValues = "null", value = {
        "EC2,               FARGATE, '',                  EC2",
        "null,              FARGATE, '',                  FARGATE",
        "null,              EXTERNAL, '',                 EXTERNAL",
        "MANAGED_INSTANCES, null,    '',                  MANAGED_INSTANCES",
        "null,              null,    FARGATE;FARGATE_SPOT, FARGATE",
        "null,              null,    FARGATE_SPOT,        FARGATE",
        "null,              null,    my-asg-provider,     EC2",
        "null,              null,    '',                  null",
        "SOMETHING_NEW,     null,    '',                  null",
    })
    void resolvesTheLaunchType(String task, String service, String providers, LaunchType expected) {
        Scenario s = Scenario.ready()
                .withService(b -> b.launchType(service))
                .withService(b -> b.capacityProviders(providers.isEmpty() ? List.of() : List.of(providers.split(";"))))
                .withTasks(b -> b.launchType(task));

        assertEquals(Optional.ofNullable(expected), CheckSupport.launchType(s.service(), s.tasks().get(0)));
    }

    @ParameterizedTest(name = "platformFamily={0} operatingSystemFamily={1} -> windows={2}")
    @CsvSource(nullValues = "null", value = {
        "Linux,                    LINUX,                    false",
        "null,                     null,                     false",
        "WINDOWS_SERVER_2019_CORE, null,                     true",
        "windows_server_2022_full, null,                     true",
        "null,                     WINDOWS_SERVER_2022_CORE, true",
    })
    void decidesWindows(String platformFamily, String operatingSystemFamily, boolean expected) {
        var definition = EcsTaskDefinitionBuilder.builder(Scenario.ready().taskDefinitions().get(
                Scenario.TASK_DEFINITION_ARN)).operatingSystemFamily(operatingSystemFamily).build();

        assertEquals(expected, CheckSupport.isWindows(platformFamily, definition));
    }
}
