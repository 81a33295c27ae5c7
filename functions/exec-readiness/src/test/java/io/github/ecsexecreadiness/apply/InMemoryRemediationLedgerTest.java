package io.github.ecsexecreadiness.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ecsexecreadiness.apply.RemediationLedger.Admission;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The same rules as the DynamoDB ledger (tested against moto): cooldown per service, cap per clock hour. */
class InMemoryRemediationLedgerTest {
    private static final Instant T0 = Instant.parse("2026-11-29T09:05:00Z");
    private static final Duration COOLDOWN = Duration.ofMinutes(30);

    @ParameterizedTest(name = "{0} at +{1} min, cap {2} -> {3}")
    @CsvSource({
            "web, 29, 10, COOLDOWN",
            "web, 30, 10, ALLOWED",
            "api, 1, 10, ALLOWED",
            "api, 1, 1, HOURLY_CAP",
            "api, 55, 1, ALLOWED",   // 10:00: a new clock hour
            "web, 1, 1, COOLDOWN",   // cooldown is reported before the cap
            "api, 1, 0, HOURLY_CAP"})
    void afterOneDeploymentOfWebAtT0(String service, long minutesLater, int cap, Admission expected) {
        var ledger = new InMemoryRemediationLedger();
        assertEquals(Admission.ALLOWED, ledger.admitForcedDeployment("web", T0, COOLDOWN, 10));

        assertEquals(expected, ledger.admitForcedDeployment(service, T0.plus(Duration.ofMinutes(minutesLater)),
                COOLDOWN, cap));
    }
}
