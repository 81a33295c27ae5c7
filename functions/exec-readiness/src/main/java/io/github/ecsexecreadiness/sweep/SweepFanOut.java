package io.github.ecsexecreadiness.sweep;

import io.github.ecsexecreadiness.collect.AccountsInScope;
import io.github.ecsexecreadiness.collect.OrganizationReader;
import io.github.ecsexecreadiness.flow.Accounts;
import io.github.ecsexecreadiness.report.Telemetry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts a sweep: one {@link SweepItem} per account and Region on the sweep queue, which feeds the sweep
 * function with bounded concurrency, retries an item that fails and parks it in the dead-letter queue after
 * its last receive. Each item is swept alone, so one account's failure never holds up another's.
 */
public final class SweepFanOut {
    /** What a start queued: the accounts and Regions it resolved, and one item per pair. */
    public record Started(String sweepId, int accounts, List<String> regions, int items) {}

    /**
     * Which accounts and Regions a sweep covers, resolved at each start (the organisation changes).
     *
     * @param accountsAndUnits account ids, OU ids and root ids; empty: the function's own account
     * @param organization     null where the scope names no OU or root: it is then never asked
     * @param regions          empty: the function's own Region
     * @param configuredBy     where the scope is set, as the error says when no member role reaches it
     */
    public record Scope(List<String> accountsAndUnits, OrganizationReader organization, List<String> regions,
                        String configuredBy) {}

    private SweepFanOut() {}

    /**
     * Resolves the scope and queues one item per account and Region. Organisation accounts that are not ACTIVE
     * are logged and left out.
     *
     * @param reachesMembers false where no member role is set: only the own account and Region can be swept
     * @throws IllegalStateException when the scope covers what no member role reaches
     */
    public static Started start(Scope scope, SweepQueue queue, String ownAccount, String ownRegion,
                                boolean reachesMembers, String sweepId, Telemetry telemetry) {
        List<String> accounts = scope.accountsAndUnits().isEmpty() ? List.of(ownAccount) : accounts(scope, telemetry);
        List<String> regions = scope.regions().isEmpty() ? List.of(ownRegion) : scope.regions();
        if (!reachesMembers && !(accounts.equals(List.of(ownAccount)) && regions.equals(List.of(ownRegion)))) {
            throw new IllegalStateException(Accounts.UNREACHABLE + " (the sweep's scope covers other accounts or "
                    + "Regions: " + scope.configuredBy() + ")");
        }
        List<SweepItem> items = items(accounts, regions, sweepId);
        if (items.isEmpty()) {
            telemetry.info("nothing to sweep: no ACTIVE account in scope", Map.of("scope", scope.accountsAndUnits()));
        }
        send(queue, items);
        telemetry.info("sweep queued", Map.of("sweepId", sweepId, "accounts", accounts.size(), "regions", regions,
                "items", items.size()));
        telemetry.count("SweepItemsQueued", items.size());
        return new Started(sweepId, accounts.size(), regions, items.size());
    }

    private static List<String> accounts(Scope scope, Telemetry telemetry) {
        AccountsInScope.Resolved resolved = AccountsInScope.resolve(scope.accountsAndUnits(), scope.organization());
        resolved.notActive().forEach(account -> telemetry.info("account not swept: not ACTIVE in the organisation",
                Map.of("account", account.id(), "state", String.valueOf(account.state()))));
        return List.copyOf(resolved.accounts());
    }

    /** Every account in every Region, account by account. */
    public static List<SweepItem> items(Collection<String> accounts, List<String> regions, String sweepId) {
        List<SweepItem> items = new ArrayList<>();
        for (String account : accounts) {
            for (String region : regions) {
                items.add(SweepItem.first(account, region, sweepId));
            }
        }
        return items;
    }

    /**
     * Sends every item, {@value SweepQueue#SEND_BATCH_MAX} per call; the entries a call reports failed are sent
     * once more. What still fails is named in the exception, after every other item was sent: a retry of the
     * whole fan-out then sweeps some accounts twice, which only repeats idempotent work.
     *
     * @throws ItemsNotQueuedException when some item could not be sent
     */
    public static void send(SweepQueue queue, List<SweepItem> items) {
        List<SweepItem> failed = sendEach(queue, sendEach(queue, items));
        if (!failed.isEmpty()) {
            throw new ItemsNotQueuedException(failed);
        }
    }

    private static List<SweepItem> sendEach(SweepQueue queue, List<SweepItem> items) {
        List<SweepItem> failed = new ArrayList<>();
        for (int from = 0; from < items.size(); from += SweepQueue.SEND_BATCH_MAX) {
            failed.addAll(queue.sendMessageBatch(
                    items.subList(from, Math.min(from + SweepQueue.SEND_BATCH_MAX, items.size()))));
        }
        return failed;
    }

    /** Some sweep items are not on the queue: those accounts and Regions would not be swept. */
    public static final class ItemsNotQueuedException extends RuntimeException {
        public ItemsNotQueuedException(List<SweepItem> items) {
            super(items.size() + " sweep items could not be queued: "
                    + items.stream().map(SweepItem::toString).collect(Collectors.joining(", ")));
        }
    }
}
