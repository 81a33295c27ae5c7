package io.github.ecsexecreadiness.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeptAnswersTest {
    private final long[] now = {0};
    private final KeptAnswers answers = new KeptAnswers(Duration.ofNanos(10), () -> now[0]);
    private final AtomicInteger reads = new AtomicInteger();

    private String read() {
        return "answer " + reads.incrementAndGet();
    }

    @Test
    void anAnswerIsKeptUntilItIsTooOldThenReadAgain() {
        assertEquals("answer 1", answers.get("k", this::read));
        now[0] = 9;
        assertEquals("answer 1", answers.get("k", this::read));
        now[0] = 10;
        assertEquals("answer 2", answers.get("k", this::read));
        assertEquals("answer 3", answers.get("other key", this::read));
    }

    @Test
    void aReadThatFailsKeepsNothing() {
        assertThrows(IllegalStateException.class, () -> answers.get("k", () -> {
            throw new IllegalStateException("throttled");
        }));
        assertEquals("answer 1", answers.get("k", this::read));
    }

    @Test
    void anAnswerReadElsewhereIsKeptFromWhenItIsPut() {
        now[0] = 5;
        assertEquals("swept", answers.put("k", "swept"));
        now[0] = 14;
        assertEquals("swept", answers.get("k", this::read));
        assertEquals(0, reads.get());
    }
}
