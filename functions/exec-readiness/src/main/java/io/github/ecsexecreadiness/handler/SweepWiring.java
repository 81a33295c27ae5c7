package io.github.ecsexecreadiness.handler;

import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.sweep.SweepQueue;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the two sweep functions need besides {@link Wiring}: the sweep queue, and for the scheduled one which
 * accounts and Regions a sweep covers. Accounts are resolved at each sweep (the organisation changes).
 *
 * @param accounts the accounts in scope, in order; empty means the function's own account
 * @param regions  the Regions in scope; empty means the function's own Region
 */
record SweepWiring(SweepQueue queue, Supplier<List<String>> accounts, List<String> regions) {
    static final String QUEUE_URL = "SWEEP_QUEUE_URL";
    static final String ACCOUNTS = "SWEEP_ACCOUNTS";
    static final String ORGANIZATIONAL_UNITS = "SWEEP_ORGANIZATIONAL_UNITS";
    static final String REGIONS = "SWEEP_REGIONS";

    SweepWiring {
        regions = List.copyOf(regions);
    }

    /** From the template's environment variables; the queue is the own account's. */
    static SweepWiring fromEnvironment(SdkAccount own) {
        String queueUrl = System.getenv(QUEUE_URL);
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalStateException(QUEUE_URL + " is not set: the sweep functions need the sweep queue");
        }
        List<String> accounts = list(System.getenv(ACCOUNTS));
        return new SweepWiring(own.sweepQueue(queueUrl), () -> accounts, list(System.getenv(REGIONS)));
    }

    /** A comma-separated list from the template (a CloudFormation String parameter); blanks dropped. */
    static List<String> list(String value) {
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
