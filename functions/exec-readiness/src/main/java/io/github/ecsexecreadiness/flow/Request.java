package io.github.ecsexecreadiness.flow;

import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.fix.Fix;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One run of the flow: where (account and Region, then the whole Region, some clusters or one service), who
 * asked, and which fixes may run.
 *
 * @param account        the account asked about; null: the function's own
 * @param region         the Region asked about; null: the function's own
 * @param services       which services of that account and Region
 * @param regionClusters the Region's cluster names as just listed, when the request knows them (the last part
 *                       of a sweep): a service of any other cluster no longer exists
 * @param requester      who or what asked, as the audit lines record it (trigger, action, findings)
 * @param principalArn   the IAM principal whose API call caused the event (CloudTrail); null when unknown
 * @param fixes          which fixes may run
 */
public record Request(String account, String region, Services services, Optional<Set<String>> regionClusters,
                      String requester, String principalArn, Fixes fixes) {

    public Request {
        regionClusters = regionClusters.map(Set::copyOf);
    }

    /** Which services: every one of the Region, those of some clusters (ARNs), or one service. */
    public sealed interface Services {
        /** Every cluster of the Region. */
        record Region() implements Services {}

        /** These clusters (ARNs, or names as the command line takes them); none at all is a valid, empty selection. */
        record Clusters(List<String> clusterArns) implements Services {
            public Clusters {
                clusterArns = List.copyOf(clusterArns);
            }
        }

        /**
         * One service of {@code cluster} (name or ARN; null with a service ARN, which names its cluster). The
         * command line may name the service instead of giving its ARN, with exactly one cluster.
         */
        record Service(String cluster, String serviceArn) implements Services {}
    }

    /**
     * Which fixes may run. {@code reviewed}: a person chose them (a reviewed fix lifts the two reviewable
     * guardrails and is planned even for a service that is ready); {@code selected}: the fixes kept from each plan.
     */
    public record Fixes(boolean allowed, boolean reviewed, Predicate<Fix> selected) {
        /** Report only. */
        public static final Fixes NONE = new Fixes(false, false, fix -> false);
        /** What the guardrails allow, for services that are not ready. */
        public static final Fixes AUTOMATIC = new Fixes(true, false, fix -> true);

        public static Fixes reviewed(Predicate<Fix> selected) {
            return new Fixes(true, true, selected);
        }
    }

    public static Request wholeRegion(String account, String region, String requester, Fixes fixes) {
        return new Request(account, region, new Services.Region(), Optional.empty(), requester, null, fixes);
    }

    public static Request service(String account, String region, String cluster, String serviceArn,
                                  String requester, String principalArn, Fixes fixes) {
        return new Request(account, region, new Services.Service(cluster, serviceArn), Optional.empty(), requester,
                principalArn, fixes);
    }

    /**
     * What the command line selects (every cluster of the Region, some clusters, or one service) in the
     * account and Region of its credentials.
     */
    public static Request selected(Scope scope, String requester, Fixes fixes) {
        Services services = scope.service() != null
                ? new Services.Service(scope.clusters().isEmpty() ? null : scope.clusters().get(0), scope.service())
                : scope.clusters().isEmpty() ? new Services.Region() : new Services.Clusters(scope.clusters());
        return new Request(null, null, services, Optional.empty(), requester, null, fixes);
    }

    /**
     * The ARN of the service this request names, if it names one by its ARN (the command line may give a name,
     * which says nothing about a service that is gone).
     */
    public Optional<String> serviceArn() {
        return services instanceof Services.Service one && one.serviceArn().startsWith("arn:")
                ? Optional.of(one.serviceArn()) : Optional.empty();
    }

    /** What the collector reads; empty when the request names no cluster at all. */
    Optional<Scope> scope() {
        return switch (services) {
            case Services.Region region -> Optional.of(Scope.wholeRegion());
            case Services.Clusters clusters -> clusters.clusterArns().isEmpty() ? Optional.empty()
                    : Optional.of(new Scope(clusters.clusterArns(), null));
            case Services.Service one -> Optional.of(new Scope(one.cluster() == null ? List.of()
                    : List.of(one.cluster()), one.serviceArn()));
        };
    }
}
