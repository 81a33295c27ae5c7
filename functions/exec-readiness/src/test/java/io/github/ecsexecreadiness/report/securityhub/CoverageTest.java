package io.github.ecsexecreadiness.report.securityhub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which services' stale findings a publication may archive. */
class CoverageTest {
    private static final String PREFIX = "arn:aws:ecs:eu-west-1:444455556666:service/";

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
        // service ARN,              NONE,  WHOLE, clusters {a,b}, other than {a,b}
        PREFIX + "a/web,             false, true,  true,           false",
        PREFIX + "b/api,             false, true,  true,           false",
        PREFIX + "c/api,             false, true,  false,          true",
        // An old-format ARN names no cluster: only a whole sweep speaks for it.
        PREFIX + "web,               false, true,  false,          false",
        // A finding without a resource: the same.
        "null,                       false, true,  false,          false",
    })
    void coverage(String serviceArn, boolean none, boolean whole, boolean clusters, boolean otherThan) {
        assertEquals(none, Coverage.NONE.covers(serviceArn));
        assertEquals(whole, Coverage.WHOLE_REGION.covers(serviceArn));
        assertEquals(clusters, Coverage.clusters(Set.of("a", "b")).covers(serviceArn));
        assertEquals(otherThan, Coverage.clustersOtherThan(Set.of("a", "b")).covers(serviceArn));
        assertEquals(clusters || otherThan, Coverage.clusters(Set.of("a", "b"))
                .or(Coverage.clustersOtherThan(Set.of("a", "b"))).covers(serviceArn));
    }
}
