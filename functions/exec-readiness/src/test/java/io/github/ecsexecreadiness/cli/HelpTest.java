package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, version and completion: what a new user tries first, none of which connects to anything. */
class HelpTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Connections nowhere = new InMemoryConnections(options -> { throw new AssertionError("connected"); },
                options -> { throw new AssertionError("connected"); },
                connection -> { throw new AssertionError("connected"); });
        return new Main(nowhere, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scan", "fix", "preflight", "cleanup", "completion"})
    void everySubcommandAnswersHelpAndH(String command) {
        assertEquals(0, run(command, "--help"), err.toString());
        String help = out();
        assertTrue(help.startsWith("Usage: ecs-exec-readiness " + command), help);
        out.reset();

        assertEquals(0, run(command, "-h"));
        assertEquals(help, out(), "-h is --help");
        out.reset();

        assertEquals(0, run("help", command));
        assertEquals(help, out(), "help " + command + " is " + command + " --help");
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpOfAnAwsCommandShowsTheAwsCliOptionsAndExitCodes() {
        run("scan", "--help");

        for (String option : List.of("--region", "--profile", "--endpoint-url", "--output", "--debug")) {
            assertTrue(out().contains(option), option + " in " + out());
        }
        assertTrue(out().contains("Exit codes:\n  0   every service is ready\n  1   at least one is not\n  2   "), out());
    }

    @Test
    void topLevelHelpListsTheCommandsAndNoCommandIsAUsageError() {
        assertEquals(0, run("--help"));
        for (String command : List.of("scan", "fix", "preflight", "cleanup", "completion", "help")) {
            assertTrue(out().lines().anyMatch(l -> l.startsWith("  " + command + " ")), command + " in " + out());
        }

        assertEquals(2, run());
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("Usage: ecs-exec-readiness [-hV]"), err.toString());
    }

    @Test
    void versionNamesTheToolTheSdkAndJava() {
        assertEquals(0, run("--version"));

        assertTrue(out().startsWith("ecs-exec-readiness "), out());
        assertTrue(out().contains("AWS SDK for Java 2."), out());
        assertTrue(out().contains("Java " + Runtime.version().feature()), out());
    }

    /**
     * The completion script is real bash: sourced into a shell, it completes the subcommands after the tool's name
     * and scan's options after {@code scan --}.
     */
    @Test
    void completionScriptCompletesCommandsAndOptionsInBash() throws Exception {
        assertEquals(0, run("completion"));
        Path script = Files.createTempFile("ecs-exec-readiness-completion", ".bash");
        Files.writeString(script, out());
        try {
            assertEquals(List.of("cleanup", "completion", "fix", "help", "preflight", "scan"),
                    complete(script, "ecs-exec-readiness", "").stream().sorted().toList());
            List<String> scanOptions = complete(script, "ecs-exec-readiness", "scan", "--");
            assertTrue(scanOptions.containsAll(List.of("--region", "--profile", "--endpoint-url", "--output",
                    "--cluster", "--service", "--stats", "--help", "--debug")), scanOptions.toString());
            assertTrue(complete(script, "ecs-exec-readiness", "cleanup", "--").contains("--apply"));
        } finally {
            Files.delete(script);
        }
    }

    /** COMPREPLY for the words typed so far, the last one being completed. */
    private static List<String> complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        String program = "source '" + script + "'\n"
                + "COMP_WORDS=(" + String.join(" ", java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList())
                + ")\nCOMP_CWORD=" + (words.length - 1) + "\nCOMP_LINE='" + line + "'\nCOMP_POINT=" + line.length()
                + "\n_complete_ecs-exec-readiness\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, bash.exitValue(), output);
        return output.lines().map(String::strip).filter(w -> !w.isEmpty()).toList();
    }
}
