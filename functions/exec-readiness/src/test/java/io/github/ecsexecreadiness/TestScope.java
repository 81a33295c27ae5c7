package io.github.ecsexecreadiness;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which tests a build may run. The pom's surefire setup leaves out the tags below unless profile {@code repository}
 * is on, and tells the tests which it is through system property {@value #PROPERTY}: {@code module} for this
 * folder built alone (what {@code sam build} runs), {@code repository} otherwise (also when unset, as in an IDE).
 * A test that needs more than its scope allows fails here with what to annotate, rather than skipping or
 * reaching for a file or emulator that the build cannot have.
 */
public final class TestScope {
    public static final String REPOSITORY_TAG = "repository";
    public static final String EMULATOR_TAG = "emulator";
    static final String PROPERTY = "ecs-exec-readiness.test-scope";

    private TestScope() {}

    /** The repository root: two folders above this module, where template.yaml is. */
    public static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath().resolve("../..").normalize();
        assertTrue(Files.isRegularFile(root.resolve("template.yaml")),
                "this test reads the repository's files, and the module is not in the repository (built alone, as "
                        + "sam build does): annotate its class @ReadsRepositoryFiles");
        return root;
    }

    /** Fails when an emulator is about to start in the build of this folder alone. */
    public static void refuseEmulatorOutsideRepository(String emulator) {
        if ("module".equals(System.getProperty(PROPERTY))) {
            fail(emulator + " must not start in the build sam build runs: annotate the test class @StartsEmulator");
        }
    }
}
