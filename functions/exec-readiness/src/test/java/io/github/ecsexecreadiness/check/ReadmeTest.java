package io.github.ecsexecreadiness.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The README's check table is read by users deciding on suppressions: it must list every check as declared. */
class ReadmeTest {

    @Test
    void listsEveryCheckWithItsSeverityAndTitle() throws Exception {
        Path readme = Path.of("../../README.md");
        // sam build copies the module alone: there is no README beside it then.
        Assumptions.assumeTrue(Files.exists(readme), "README.md is not beside this module (standalone build)");
        String text = Files.readString(readme);
        for (Check check : Checks.ALL) {
            CheckMetadata m = check.metadata();
            String row = "| `" + m.id() + "` | " + m.severity() + " | " + m.title() + " |";
            assertTrue(text.contains(row), "README lacks the row " + row);
        }
    }
}
