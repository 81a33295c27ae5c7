package io.github.ecsexecreadiness.check;

import io.github.ecsexecreadiness.check.cluster.ExecAuditCheck;
import io.github.ecsexecreadiness.check.cluster.ExecLogDestinationCheck;
import io.github.ecsexecreadiness.check.container.InitProcessCheck;
import io.github.ecsexecreadiness.check.container.PidModeCheck;
import io.github.ecsexecreadiness.check.container.ReadonlyRootCheck;
import io.github.ecsexecreadiness.check.container.RestartPolicyCheck;
import io.github.ecsexecreadiness.check.exec.AgentCheck;
import io.github.ecsexecreadiness.check.exec.ServiceFlagCheck;
import io.github.ecsexecreadiness.check.exec.TaskFlagCheck;
import io.github.ecsexecreadiness.check.iam.ExecKmsCheck;
import io.github.ecsexecreadiness.check.iam.ExecLoggingCheck;
import io.github.ecsexecreadiness.check.iam.SsmmessagesCheck;
import io.github.ecsexecreadiness.check.iam.StaticCredentialsCheck;
import io.github.ecsexecreadiness.check.iam.TagPropagationCheck;
import io.github.ecsexecreadiness.check.iam.TaskRoleCheck;
import io.github.ecsexecreadiness.check.iam.TrustPolicyCheck;
import io.github.ecsexecreadiness.check.network.NetworkAclCheck;
import io.github.ecsexecreadiness.check.network.ProxyCheck;
import io.github.ecsexecreadiness.check.network.SsmmessagesPathCheck;
import io.github.ecsexecreadiness.check.platform.PlatformVersionCheck;
import io.github.ecsexecreadiness.fix.Fix;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue: every readiness check, in the order reports list them, and what their remedies say about fixes.
 */
public final class Checks {
    private Checks() {}

    public static final List<Check> ALL = List.of(
            new ServiceFlagCheck(),
            new TaskFlagCheck(),
            new AgentCheck(),
            new PlatformVersionCheck(),
            new TaskRoleCheck(),
            new TrustPolicyCheck(),
            new SsmmessagesCheck(),
            new ExecLoggingCheck(),
            new ExecKmsCheck(),
            new ExecLogDestinationCheck(),
            new StaticCredentialsCheck(),
            new TagPropagationCheck(),
            new SsmmessagesPathCheck(),
            new NetworkAclCheck(),
            new ProxyCheck(),
            new ReadonlyRootCheck(),
            new InitProcessCheck(),
            new PidModeCheck(),
            new RestartPolicyCheck(),
            new ExecAuditCheck());

    public static Check byId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no check " + id));
    }

    /** The check of this id; empty for an id the catalogue does not hold (a finding of a check since removed). */
    public static Optional<Check> find(String id) {
        return ALL.stream().filter(c -> c.metadata().id().equals(id)).findFirst();
    }

    /** Whether a FAIL of this check can be repaired automatically: its remedy may propose an automatic fix. */
    public static boolean automaticallyFixable(String id) {
        return find(id).map(check -> check.remedy().automatic()).orElse(false);
    }

    /**
     * The ids of the checks this fix repairs, in catalogue order: every check that shares the remedy of the check
     * it was planned for, when that remedy proposes fixes of its kind. None for a {@link Fix.Manual}: a person's
     * step repairs nothing by itself.
     */
    public static List<String> repairedBy(Fix fix) {
        Optional<Remedy> remedy = find(fix.checkId()).map(Check::remedy)
                .filter(r -> r.fixes().contains(fix.getClass()));
        return remedy.map(r -> ALL.stream().filter(check -> check.remedy() == r).map(check -> check.metadata().id())
                .toList()).orElse(List.of());
    }
}
