package io.github.ecsexecreadiness.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@ReadsRepositoryFiles
class EventSampleTest {
    /** A sample added to events/ without its entry (function and event source) fails here. */
    @Test
    void everyFileInEventsIsRegisteredAndEveryRegisteredSampleExists() throws IOException {
        Set<String> registered = Arrays.stream(EventSample.values()).map(EventSample::file)
                .collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> files = Files.list(EventSample.folder())) {
            assertEquals(registered, files.map(file -> file.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
    }
}
