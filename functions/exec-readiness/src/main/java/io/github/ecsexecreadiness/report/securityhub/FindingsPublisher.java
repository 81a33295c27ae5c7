package io.github.ecsexecreadiness.report.securityhub;

import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.SecurityHubApi.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends findings with BatchImportFindings: at most 100 and 6 MB per call, FailedFindings read every time.
 * Throttling (a whole call, or findings listed with a throttling code) is retried with exponential backoff, a
 * bounded number of times; any other failure is logged with the finding id and counted in
 * {@code FindingsFailed}: retrying invalid input cannot help, it needs a fix in this tool.
 */
public final class FindingsPublisher {
    static final int ATTEMPTS = 3;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Set<String> THROTTLING = Set.of("LimitExceededException", "TooManyRequestsException",
            "ThrottlingException", "Throttling", "ThrottledException", "RequestLimitExceeded");

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = duration -> Thread.sleep(duration);
    }

    private final SecurityHubApi hub;
    private final Sleeper sleeper;

    public FindingsPublisher(SecurityHubApi hub, Sleeper sleeper) {
        this.hub = hub;
        this.sleeper = sleeper;
    }

    /** @return the findings Security Hub did not take, after retries; each is already logged and counted */
    public List<Failure> publish(List<Finding> findings, Telemetry telemetry) {
        List<Failure> failed = new ArrayList<>();
        for (List<Finding> chunk : chunks(findings)) {
            failed.addAll(send(chunk));
        }
        for (Failure failure : failed) {
            telemetry.error("finding not imported by Security Hub", Map.of("findingId", failure.id(),
                    "errorCode", failure.errorCode(), "errorMessage", String.valueOf(failure.errorMessage())));
        }
        telemetry.count("FindingsImported", findings.size() - failed.size());
        telemetry.count("FindingsFailed", failed.size());
        return failed;
    }

    /** One chunk, retrying what was throttled; returns what still failed. */
    private List<Failure> send(List<Finding> chunk) {
        Map<String, Finding> pending = new LinkedHashMap<>();
        chunk.forEach(finding -> pending.put(finding.id(), finding));
        List<Failure> failed = new ArrayList<>();
        List<Failure> throttled = List.of();
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            if (attempt > 1 && !backOff(attempt)) {
                break;
            }
            List<Failure> answer;
            try {
                answer = hub.batchImportFindings(List.copyOf(pending.values()));
            } catch (AwsApiException e) {
                answer = pending.keySet().stream().map(id -> new Failure(id, e.errorCode(), e.getMessage())).toList();
            }
            Set<String> stillPending = new HashSet<>();
            List<Failure> thisThrottled = new ArrayList<>();
            for (Failure failure : answer) {
                if (THROTTLING.contains(failure.errorCode())) {
                    stillPending.add(failure.id());
                    thisThrottled.add(failure);
                } else {
                    failed.add(failure);
                }
            }
            pending.keySet().retainAll(stillPending);
            throttled = thisThrottled;
        }
        failed.addAll(throttled);
        return failed;
    }

    /** 500 ms, then 1 s, ...; false when interrupted (the remaining findings count as failed). */
    private boolean backOff(int attempt) {
        try {
            sleeper.sleep(FIRST_BACKOFF.multipliedBy(1L << (attempt - 2)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** At most 100 findings and 6 MB per call. */
    static List<List<Finding>> chunks(List<Finding> findings) {
        List<List<Finding>> chunks = new ArrayList<>();
        List<Finding> current = new ArrayList<>();
        long bytes = 0;
        for (Finding finding : findings) {
            int size = FindingMapper.bytes(finding);
            if (current.size() == SecurityHubApi.IMPORT_MAX
                    || (!current.isEmpty() && bytes + size > SecurityHubApi.IMPORT_BYTES_MAX)) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(finding);
            bytes += size;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
