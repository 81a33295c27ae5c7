package io.github.ecsexecreadiness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sweep queue's message: what the fan-out writes, the sweep function reads back, and what it refuses. */
class SweepItemTest {
    private static final String CLUSTER = "arn:aws:ecs:eu-west-1:444455556666:cluster/shop";

    @Test
    void anItemAndItsContinuationSurviveTheQueue() {
        SweepItem first = SweepItem.first("444455556666", "eu-west-1", "2026-11-21T06:00:00Z");
        SweepItem next = first.after(CLUSTER);

        assertEquals(first, SweepItem.parse(first.toJson()));
        assertEquals(next, SweepItem.parse(next.toJson()));
        assertEquals(2, next.part());
        assertEquals(CLUSTER, next.startAfter());
        assertEquals(3, next.after(CLUSTER + "2").part());
        assertEquals(first.sweepId(), next.sweepId());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON                 | hello                                                      | not JSON",
        "an array                 | [1]                                                        | not a JSON object",
        "no account               | {\"region\":\"eu-west-1\",\"sweepId\":\"s\"}               | account is not a 12-digit account id: null",
        "a short account          | {\"account\":\"4444\",\"region\":\"eu-west-1\",\"sweepId\":\"s\"} | account is not a 12-digit account id: 4444",
        "no region                | {\"account\":\"444455556666\",\"sweepId\":\"s\"}           | region is not a Region name: null",
        "a made-up region         | {\"account\":\"444455556666\",\"region\":\"moon\",\"sweepId\":\"s\"} | region is not a Region name: moon",
        "part zero                | {\"account\":\"444455556666\",\"region\":\"eu-west-1\",\"sweepId\":\"s\",\"part\":0} | part must be 1 or more: 0",
    })
    void aBodyThatIsNotASweepItemIsRefusedWithTheReason(String what, String body, String reason) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SweepItem.parse(body));

        assertTrue(error.getMessage().startsWith(reason), what + ": " + error.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"us-gov-west-1", "cn-northwest-1", "ap-southeast-5", "eu-central-2"})
    void everyPartitionsRegionNamesAreAccepted(String region) {
        assertEquals(region, SweepItem.first("444455556666", region, "s").region());
    }
}
