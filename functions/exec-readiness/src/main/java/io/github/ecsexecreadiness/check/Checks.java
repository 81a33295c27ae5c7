package io.github.ecsexecreadiness.check;

import io.github.ecsexecreadiness.check.cluster.ExecAuditCheck;
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
import io.github.ecsexecreadiness.check.iam.TaskRoleCheck;
import io.github.ecsexecreadiness.check.network.ProxyCheck;
import io.github.ecsexecreadiness.check.network.SsmmessagesPathCheck;
import io.github.ecsexecreadiness.check.platform.PlatformVersionCheck;
import java.util.List;

/** The catalogue: every readiness check, in the order reports list them. */
public final class Checks {
    private Checks() {}

    public static final List<Check> ALL = List.of(
            new ServiceFlagCheck(),
            new TaskFlagCheck(),
            new AgentCheck(),
            new PlatformVersionCheck(),
            new TaskRoleCheck(),
            new SsmmessagesCheck(),
            new ExecLoggingCheck(),
            new ExecKmsCheck(),
            new StaticCredentialsCheck(),
            new SsmmessagesPathCheck(),
            new ProxyCheck(),
            new ReadonlyRootCheck(),
            new InitProcessCheck(),
            new PidModeCheck(),
            new RestartPolicyCheck(),
            new ExecAuditCheck());

    public static Check byId(String id) {
        return ALL.stream().filter(c -> c.metadata().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check " + id));
    }
}
