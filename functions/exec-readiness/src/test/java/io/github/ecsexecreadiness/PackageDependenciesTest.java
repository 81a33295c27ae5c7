package io.github.ecsexecreadiness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine (collect, check, fix, plan, and the model and IAM evaluation they share) is pure: it never imports the
 * AWS SDK, the Lambda libraries, or the packages that run it (apply, flow, report, sweep, aws, handler, cli), so
 * it is tested against in-memory snapshots and can be read without them. Only the edges touch the SDK.
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/github/ecsexecreadiness");
    private static final String PROJECT = "io.github.ecsexecreadiness.";
    private static final Set<String> ENGINE = Set.of("model", "iam", "fix", "collect", "check", "plan");
    private static final Set<String> RUNNERS = Set.of("apply", "flow", "report", "sweep", "aws", "handler", "cli");
    private static final Set<String> EDGES = Set.of("aws", "handler", "cli");
    private static final List<String> OUTSIDE_LIBRARIES = List.of("software.amazon.awssdk.",
            "com.amazonaws.services.lambda.");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void theEngineImportsNothingThatRunsIt() {
        assertEquals(Set.of(), violations((from, imported) -> ENGINE.contains(from)
                && (RUNNERS.contains(projectPackage(imported))
                || OUTSIDE_LIBRARIES.stream().anyMatch(imported::startsWith))));
    }

    @Test
    void onlyTheEdgesCallTheAwsSdkOrLambda() {
        assertEquals(Set.of(), violations((from, imported) -> !EDGES.contains(from)
                && OUTSIDE_LIBRARIES.stream().anyMatch(imported::startsWith)));
    }

    /** Checks say what is wrong and which fix repairs it; planning those fixes comes after them. */
    @Test
    void checksDoNotKnowThePlanner() {
        assertEquals(Set.of(), violations((from, imported) -> from.equals("check")
                && projectPackage(imported).equals("plan")));
    }

    private interface Rule {
        boolean forbids(String fromPackage, String imported);
    }

    /** "file: import" for every import a rule forbids; the package is the first one under the project's root. */
    private static Set<String> violations(Rule rule) {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                Path relative = SOURCES.relativize(file);
                String from = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
                Matcher matcher = IMPORT.matcher(read(file));
                while (matcher.find()) {
                    if (rule.forbids(from, matcher.group(1))) {
                        found.add(relative + ": " + matcher.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static String projectPackage(String imported) {
        if (!imported.startsWith(PROJECT)) {
            return "";
        }
        String rest = imported.substring(PROJECT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? "" : rest.substring(0, dot);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
