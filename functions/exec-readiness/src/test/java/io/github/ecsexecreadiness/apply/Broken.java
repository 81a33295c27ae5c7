package io.github.ecsexecreadiness.apply;

import io.github.ecsexecreadiness.Ec2RouteTableBuilder;
import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.RemediationSettingsBuilder;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.iam.ExecLoggingCheck;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.fix.Fix;
import io.github.ecsexecreadiness.plan.PlannedFix;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The ready scenario with what the auto-fixes repair broken: a task role without ssmmessages or logging
 * permissions, exec off on the service and its task (no agent), and a private subnet with no way out (no NAT
 * route, no endpoint). The stack's ssmmessages policy exists.
 */
final class Broken {
    static final String SSM_POLICY_ARN = "arn:aws:iam::111122223333:policy/exec-stack/ecs-exec-ssmmessages";
    static final String SSM_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],
            "Resource":"*"}]}""";
    static final String UNRELATED_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    static final String LOGGING_POLICY_NAME = "web-task-exec-logging";
    /**
     * The defaults with endpoints and session grants allowed too (off by default: endpoints cost money, session
     * grants follow a configuration others control), so every fix kind runs.
     */
    static final RemediationSettings SETTINGS = RemediationSettingsBuilder.builder(RemediationSettings.defaults(
            SSM_POLICY_ARN)).vpcEndpoints(true).sessionGrants(true).build();
    /** The operations that change an account: none of them may be called when there is nothing to do. */
    static final List<String> WRITES = List.of("IAM.CreatePolicy", "IAM.AttachRolePolicy", "EC2.CreateSecurityGroup",
            "EC2.AuthorizeSecurityGroupIngress", "EC2.CreateVpcEndpoint", "ECS.UpdateService");

    private Broken() {}

    static Scenario scenario() {
        Scenario s = Scenario.ready()
                .withTaskRolePolicies(UNRELATED_POLICY)
                .withService(b -> b.enableExecuteCommand(false))
                .withTasks(b -> b.enableExecuteCommand(false))
                .withTasks(b -> b.containers(List.of(new Ecs.Container("web", List.of()))));
        var routeTables = s.vpcs().get(Scenario.VPC).routeTables().stream()
                .map(t -> t.id().equals("rtb-0private") ? Ec2RouteTableBuilder.builder(t).routes(
                        List.of(new Ec2.Route("10.0.0.0/16", null, "local", "active"))).build() : t)
                .toList();
        return s.withVpc(b -> b.routeTables(routeTables));
    }

    static InMemoryAccount account() {
        return new InMemoryAccount().put(scenario()).putPolicy(SSM_POLICY_ARN, SSM_POLICY);
    }

    /** What the logging check asks of the task role (DEFAULT logging: the container's awslogs group). */
    static List<Permission> loggingPermissions() {
        return List.copyOf(ExecLoggingCheck.sessionLogging(Scenario.ready().facts()).permissions().keySet());
    }

    static List<PlannedFix> plan() {
        return List.of(
                apply(new Fix.AttachSsmmessagesPolicy(Scenario.TASK_ROLE_ARN, SSM_POLICY_ARN)),
                apply(new Fix.GrantSessionPermissions("iam.exec-logging", Scenario.TASK_ROLE_ARN, LOGGING_POLICY_NAME,
                        loggingPermissions())),
                apply(new Fix.CreateSsmmessagesEndpoint(Scenario.VPC, List.of(Scenario.PRIVATE_SUBNET),
                        List.of(Scenario.TASK_SG), List.of("10.0.0.0/16"))),
                apply(new Fix.EnableExecAndRedeploy("exec.service-flag", Scenario.CLUSTER_ARN, Scenario.SERVICE_ARN)),
                apply(new Fix.EnableExecAndRedeploy("exec.task-flag", Scenario.CLUSTER_ARN, Scenario.SERVICE_ARN)),
                new PlannedFix(new Fix.Manual("container.readonly-root", "make /var/lib/amazon writable"),
                        PlannedFix.Decision.MANUAL, "never automatic"));
    }

    static PlannedFix apply(Fix fix) {
        return new PlannedFix(fix, PlannedFix.Decision.APPLY, "allowed");
    }

    /** Collects the one service again and checks it: status by check id. */
    static Map<String, Status> evaluate(InMemoryAccount account) {
        ServiceReport report = new ReadinessScan(account.readers())
                .scan(new Scope(List.of(Scenario.CLUSTER_ARN), Scenario.SERVICE_ARN)).services().getFirst();
        return report.results().stream().collect(Collectors.toMap(r -> r.id(), r -> r.status()));
    }

    /** How many times each write operation has been called so far. */
    static Map<String, Long> writes(InMemoryAccount account) {
        Map<String, Long> calls = account.apiCalls().snapshot();
        return WRITES.stream().collect(Collectors.toMap(op -> op, op -> calls.getOrDefault(op, 0L)));
    }
}
