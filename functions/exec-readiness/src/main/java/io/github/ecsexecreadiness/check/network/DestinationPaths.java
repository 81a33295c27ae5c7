package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.collect.NetworkSnapshot;
import io.github.ecsexecreadiness.collect.NetworkSnapshot.VpcNetwork;
import io.github.ecsexecreadiness.collect.Unreadable;
import io.github.ecsexecreadiness.model.Ec2;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A service's placements evaluated against every destination its configuration needs: what the network checks
 * share. The reason names the worst placement and, with several destinations, the first one that has no path.
 */
final class DestinationPaths {
    private DestinationPaths() {}

    /**
     * One aspect of the way from a placement to one destination, decided from the placement's own subnet: a subnet
     * of another account (a shared VPC) holds what decides in that account, so it is UNKNOWN.
     */
    abstract static class Path {
        final ServiceFacts facts;
        final Destination destination;
        final NetworkSnapshot network;

        Path(ServiceFacts facts, Destination destination) {
            this.facts = facts;
            this.destination = destination;
            this.network = facts.network();
        }

        Destination destination() {
            return destination;
        }

        /** What of a shared subnet's network belongs to its owner, as the reason names it. */
        abstract String ownersPart();

        /** The verdict for a placement in {@code subnet}, a subnet of this account. */
        abstract Verdict decide(Placements.Placement placement, Ec2.Subnet subnet);

        final Verdict evaluate(Placements.Placement placement) {
            try {
                var subnet = network.subnets().find(placement.subnetId()).orElse(null);
                if (subnet == null) {
                    return Verdict.unknown("subnet %s not found", placement.subnetId()).at(placement.label());
                }
                if (!facts.accountId().equals(subnet.ownerId())) {
                    return Verdict.unknown("subnet %s is shared by account %s: %s belong to that account", subnet.id(),
                            subnet.ownerId(), ownersPart()).at(placement.label());
                }
                return decide(placement, subnet).at(placement.label());
            } catch (Unreadable e) {
                return Verdict.unknown("%s", e.getMessage()).at(placement.label());
            }
        }

        /** The subnet's VPC; a VPC that no longer exists makes the placement UNKNOWN. */
        VpcNetwork vpcOf(Ec2.Subnet subnet) {
            return network.vpcs().find(subnet.vpcId()).orElseThrow(() -> new Unreadable(
                    "%s of subnet %s not found".formatted(subnet.vpcId(), subnet.id())));
        }
    }

    /**
     * The worst verdict over the service's placements; {@code keep} chooses which verdicts reached without a
     * placement count. Empty when there is nothing to evaluate.
     */
    static Optional<CheckResult> evaluate(CheckMetadata metadata, ServiceFacts facts, List<? extends Path> paths,
                                          Predicate<Verdict> keep) {
        List<Verdict> verdicts = Placements.of(facts).stream()
                .<Verdict>mapMulti((located, out) -> {
                    switch (located) {
                        case Placements.Placement placement -> out.accept(everyDestination(paths, placement));
                        case Verdict verdict -> {
                            if (keep.test(verdict)) {
                                out.accept(verdict);
                            }
                        }
                    }
                })
                .toList();
        return verdicts.isEmpty() ? Optional.empty() : Optional.of(worst(metadata, verdicts));
    }

    /** The result when the service has neither running tasks nor subnets for new ones. */
    static CheckResult nothingToEvaluate(CheckMetadata metadata, ServiceFacts facts) {
        return new CheckResult(metadata, Status.UNKNOWN, "no running task and no awsvpc network configuration on "
                + "service %s to evaluate".formatted(facts.service().name()));
    }

    private static CheckResult worst(CheckMetadata metadata, List<Verdict> verdicts) {
        // One FAIL breaks exec for those tasks; one UNKNOWN leaves the answer open.
        Status worst = Stream.of(Status.FAIL, Status.UNKNOWN)
                .filter(status -> verdicts.stream().anyMatch(v -> v.status() == status))
                .findFirst().orElse(Status.PASS);
        List<Verdict> named = verdicts.stream().filter(v -> v.status() == worst).toList();
        String more = named.size() > 1 ? " (and %d more)".formatted(named.size() - 1) : "";
        return new CheckResult(metadata, worst, named.getFirst() + more);
    }

    /**
     * One placement against each destination in turn: the first without a path (FAIL before UNKNOWN) decides;
     * when all have one, every path is named. With several destinations each detail starts with its name.
     */
    private static Verdict everyDestination(List<? extends Path> paths, Placements.Placement placement) {
        boolean named = paths.size() > 1;
        List<Verdict> each = paths.stream().map(path -> path.evaluate(placement)).toList();
        List<String> details = new ArrayList<>();
        for (int i = 0; i < each.size(); i++) {
            details.add((named ? paths.get(i).destination().name() + ": " : "") + each.get(i).detail());
        }
        for (Status status : List.of(Status.FAIL, Status.UNKNOWN)) {
            for (int i = 0; i < each.size(); i++) {
                if (each.get(i).status() == status) {
                    return new Verdict(each.get(i).where(), status, details.get(i));
                }
            }
        }
        return new Verdict(each.getFirst().where(), Status.PASS, String.join("; ", details));
    }
}
