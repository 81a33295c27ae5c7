package io.github.ecsexecreadiness.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.TestScope;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The README's check table is read by users deciding on suppressions: it must list every check as declared. */
@ReadsRepositoryFiles
class ReadmeTest {

    @Test
    void listsEveryCheckWithItsSeverityAndTitle() throws Exception {
        String text = Files.readString(TestScope.repositoryRoot().resolve("README.md"));
        for (Check check : Checks.ALL) {
            CheckMetadata m = check.metadata();
            String row = "| `" + m.id() + "` | " + m.severity() + " | " + m.title() + " |";
            assertTrue(text.contains(row), "README lacks the row " + row);
        }
    }
}
