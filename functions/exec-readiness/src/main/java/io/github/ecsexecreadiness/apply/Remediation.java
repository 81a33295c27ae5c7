package io.github.ecsexecreadiness.apply;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Readiness;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.network.SsmmessagesPathCheck;
import io.github.ecsexecreadiness.collect.NetworkSnapshot;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.collect.Unreadable;
import io.github.ecsexecreadiness.fix.Fix;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.plan.PlannedFix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Remediates one service of an evaluation just made: plan, apply, then evaluate it again and say per check what
 * now passes and what still does not. The second evaluation reads AWS afresh, so the verdict rests on what the
 * fixes really did (an endpoint still pending, a deployment still rolling out, show as
 * still failing).
 */
public final class Remediation {

    /** Turns one service's results (and the facts behind them) into ordered fixes; the settings are bound in. */
    @FunctionalInterface
    public interface Planner {
        List<PlannedFix> plan(ServiceReport report, ServiceFacts facts);
    }

    private final ReadinessScan scan;
    private final Planner planner;
    private final Applier applier;

    public Remediation(ReadinessScan scan, Planner planner, Applier applier) {
        this.scan = scan;
        this.planner = planner;
        this.applier = applier;
    }

    /**
     * Plans from an evaluation already made, applies, and evaluates the service again only when something
     * changed.
     *
     * @param who the principal or trigger recorded in the audit lines
     */
    public Result remediate(ReadinessScan.Evaluation evaluation, ServiceReport before, String who) {
        String serviceArn = before.service().arn();
        List<PlannedFix> plan = planner.plan(before, new ServiceFacts(before.service(), evaluation.snapshot()));
        List<FixResult> fixes = applier.apply(plan, who);
        List<FixResult> applied = fixes.stream().filter(f -> f.outcome() == FixResult.Outcome.APPLIED).toList();
        if (applied.isEmpty()) {
            return new Result(serviceArn, fixes, changes(before, before), Optional.of(before),
                    evaluation.snapshot().notes());
        }
        // An endpoint with private DNS answers ssmmessages for the whole VPC: every service there is evaluated
        // again, not only the one fixed.
        Set<String> endpointVpcs = applied.stream().map(f -> f.planned().fix())
                .flatMap(fix -> fix instanceof Fix.CreateSsmmessagesEndpoint create ? Stream.of(create.vpcId())
                        : Stream.empty())
                .collect(Collectors.toCollection(TreeSet::new));
        ReadinessScan.Evaluation second = scan.evaluate(endpointVpcs.isEmpty()
                ? new Scope(List.of(before.service().clusterArn()), serviceArn) : Scope.wholeRegion());
        List<VpcService> vpcServices = endpointVpcs.isEmpty() ? List.of() : inVpcs(second, endpointVpcs);
        return second.service(serviceArn)
                .map(after -> new Result(serviceArn, fixes, changes(before, after), Optional.of(after),
                        second.snapshot().notes(), vpcServices))
                .orElseGet(() -> new Result(serviceArn, fixes, List.of(), Optional.empty(),
                        notes(second, "service not found when re-evaluated"), vpcServices));
    }

    /**
     * Every awsvpc service of these VPCs with its readiness and network.ssmmessages verdict. A service whose
     * subnets cannot be read is listed too: it may be one of them, and its verdict says what is known.
     */
    private static List<VpcService> inVpcs(ReadinessScan.Evaluation evaluation, Set<String> vpcIds) {
        List<VpcService> services = new ArrayList<>();
        NetworkSnapshot network = evaluation.snapshot().network();
        for (ServiceReport report : evaluation.reports()) {
            Ecs.AwsVpcConfiguration config = report.service().awsvpcConfiguration();
            if (config == null) {
                continue;
            }
            Set<String> vpcs = new TreeSet<>();
            for (String subnetId : config.subnets()) {
                try {
                    network.subnets().find(subnetId).map(Ec2.Subnet::vpcId).ifPresent(vpcs::add);
                } catch (Unreadable e) {
                    vpcs.add("unreadable subnet " + subnetId);
                }
            }
            vpcs.stream().filter(vpc -> vpcIds.contains(vpc) || vpc.startsWith("unreadable")).findFirst()
                    .ifPresent(vpc -> {
                        CheckResult path = report.result(SsmmessagesPathCheck.METADATA.id());
                        services.add(new VpcService(vpc, report.service().arn(), report.service().name(),
                                report.readiness(), path.status(), path.reason()));
                    });
        }
        return services;
    }

    private static List<String> notes(ReadinessScan.Evaluation evaluation, String note) {
        List<String> notes = new ArrayList<>(evaluation.snapshot().notes());
        notes.add(note);
        return notes;
    }

    /** Every check of the first evaluation with its status then and now. */
    private static List<CheckChange> changes(ServiceReport before, ServiceReport after) {
        return before.results().stream().map(result -> {
            CheckResult now = after.results().stream().filter(r -> r.id().equals(result.id())).findFirst()
                    .orElse(result);
            return new CheckChange(result.id(), result.status(), now.status(), now.reason());
        }).toList();
    }

    /** One check before and after the fixes; {@code reason} is the latest. */
    public record CheckChange(String checkId, Status before, Status after, String reason) {
        public boolean nowPassing() {
            return before != Status.PASS && after == Status.PASS;
        }

        public boolean stillFailing() {
            return after == Status.FAIL;
        }
    }

    /**
     * One service of a VPC in which an ssmmessages endpoint was created, evaluated once the endpoint exists.
     *
     * @param vpcId the VPC, or "unreadable subnet ..." when the service's subnets could not be read
     */
    public record VpcService(String vpcId, String serviceArn, String serviceName, Readiness readiness,
                             Status ssmmessages, String reason) {
        /** "web in vpc-1: READY, network.ssmmessages PASS (...)". */
        public String describe() {
            return serviceName + " in " + vpcId + ": " + readiness + ", network.ssmmessages " + ssmmessages + " ("
                    + reason + ")";
        }
    }

    /**
     * The fixes' results and every check's change; {@code latest} is the service's last evaluation (empty when it
     * was not found), {@code notes} the collector's for it; {@code vpcServices} every service of the VPCs where an
     * endpoint was created, evaluated after it (empty when none was).
     */
    public record Result(String serviceArn, List<FixResult> fixes, List<CheckChange> checks,
                         Optional<ServiceReport> latest, List<String> notes, List<VpcService> vpcServices) {
        public Result {
            fixes = List.copyOf(fixes);
            checks = List.copyOf(checks);
            notes = List.copyOf(notes);
            vpcServices = List.copyOf(vpcServices);
        }

        /** No endpoint was created. */
        public Result(String serviceArn, List<FixResult> fixes, List<CheckChange> checks,
                      Optional<ServiceReport> latest, List<String> notes) {
            this(serviceArn, fixes, checks, latest, notes, List.of());
        }

        public List<CheckChange> nowPassing() {
            return checks.stream().filter(CheckChange::nowPassing).toList();
        }

        public List<CheckChange> stillFailing() {
            return checks.stream().filter(CheckChange::stillFailing).toList();
        }
    }
}
