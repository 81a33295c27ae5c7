package io.github.ecsexecreadiness.handler;

import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.aws.SdkOrganizationsReader;
import io.github.ecsexecreadiness.collect.OrganizationReader;
import io.github.ecsexecreadiness.sweep.SweepQueue;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the two sweep functions need besides {@link Wiring}: the sweep queue, and for the scheduled one the
 * scope, resolved at each sweep (the organisation changes) with {@code organization}.
 *
 * @param scope        account ids, OU ids and root ids (see
 *                     {@link io.github.ecsexecreadiness.collect.AccountsInScope}); empty means the function's own
 *                     account
 * @param organization null where the scope names no OU or root: it is then never asked
 * @param regions      the Regions in scope; empty means the function's own Region
 */
record SweepWiring(SweepQueue queue, List<String> scope, OrganizationReader organization, List<String> regions) {
    static final String QUEUE_URL = "SWEEP_QUEUE_URL";
    static final String ACCOUNTS = "SWEEP_ACCOUNTS";
    static final String ORGANIZATIONAL_UNITS = "SWEEP_ORGANIZATIONAL_UNITS";
    static final String REGIONS = "SWEEP_REGIONS";

    SweepWiring {
        scope = List.copyOf(scope);
        regions = List.copyOf(regions);
    }

    /**
     * From the template's environment variables; the queue is the own account's. Organizations is read from the
     * own account too, and only for OUs and roots (only the management account or a delegated administrator may).
     */
    static SweepWiring fromEnvironment(SdkAccount own) {
        String queueUrl = System.getenv(QUEUE_URL);
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalStateException(QUEUE_URL + " is not set: the sweep functions need the sweep queue");
        }
        List<String> organizationalUnits = list(System.getenv(ORGANIZATIONAL_UNITS));
        List<String> scope = Stream.concat(list(System.getenv(ACCOUNTS)).stream(), organizationalUnits.stream())
                .toList();
        return new SweepWiring(own.sweepQueue(queueUrl), scope,
                organizationalUnits.isEmpty() ? null : SdkOrganizationsReader.create(own.clients()),
                list(System.getenv(REGIONS)));
    }

    /** A comma-separated list from the template (a CloudFormation String parameter); blanks dropped. */
    static List<String> list(String value) {
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
