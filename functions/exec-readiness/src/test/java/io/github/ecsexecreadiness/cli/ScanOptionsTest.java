package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.ExecScope;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScanOptionsTest {

    @Test
    void parsesEveryOption() {
        ScanOptions options = ScanOptions.parse(List.of("--region", "eu-west-1", "--profile", "audit",
                "--endpoint-url", "http://127.0.0.1:5000", "--cluster", "shop", "--service", "web",
                "--output", "json", "--stats", "--exec-expected", "tagged"));

        assertEquals("eu-west-1", options.region());
        assertEquals("audit", options.profile());
        assertEquals(URI.create("http://127.0.0.1:5000"), options.endpointUrl());
        assertEquals(List.of("shop"), options.clusters());
        assertEquals("web", options.service());
        assertEquals(ScanOptions.Output.JSON, options.output());
        assertTrue(options.stats());
        assertEquals(ExecScope.TAGGED, options.execScope());
    }

    @Test
    void clusterRepeatsAndDefaultsAreTableWithoutStats() {
        ScanOptions options = ScanOptions.parse(List.of("--cluster", "a", "--cluster", "b"));

        assertEquals(List.of("a", "b"), options.clusters());
        assertEquals(ScanOptions.Output.TABLE, options.output());
        assertEquals(false, options.stats());
        assertEquals(ExecScope.EVERY_SERVICE, options.execScope(), "every service, as the stack's default");
    }

    @Test
    void serviceArnNeedsNoCluster() {
        String arn = "arn:aws:ecs:eu-west-1:111122223333:service/shop/web";
        assertEquals(arn, ScanOptions.parse(List.of("--service", arn)).scope().service());
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of("--bogus"), "unknown option --bogus"),
                Arguments.of(List.of("--region"), "--region needs a value"),
                Arguments.of(List.of("--region", "--stats"), "--region needs a value"),
                Arguments.of(List.of("--output", "yaml"), "--output must be table or json"),
                Arguments.of(List.of("--exec-expected", "Tagged"), "--exec-expected must be every-service or tagged"),
                Arguments.of(List.of("--endpoint-url", "localhost:5000"), "--endpoint-url must be an http(s) URL"),
                Arguments.of(List.of("--endpoint-url", "http://exa mple"), "--endpoint-url is not a URL"),
                Arguments.of(List.of("--service", "web"), "needs exactly one --cluster"),
                Arguments.of(List.of("--cluster", "a", "--cluster", "b", "--service", "web"), "needs exactly one --cluster"),
                Arguments.of(List.of("--cluster", "a", "--service", "web", "--service", "api"), "--service may be given once"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void rejectsBadArgumentsInOneLine(List<String> args, String message) {
        UsageException e = assertThrows(UsageException.class, () -> ScanOptions.parse(args));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }
}
