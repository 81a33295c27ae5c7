package io.github.ecsexecreadiness.check.exec;

import static io.github.ecsexecreadiness.check.CheckSupport.listed;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.List;

/** {@code exec.agent}: the ExecuteCommandAgent runs in the containers of exec-enabled tasks. */
public final class AgentCheck implements Check {
    public static final CheckMetadata METADATA = CheckMetadata.builder("exec.agent")
            .title("The ExecuteCommandAgent is RUNNING in the containers of exec-enabled tasks")
            .severity(Severity.HIGH)
            .findingType(FindingType.CONFIGURATION)
            .rationale("ECS reports the SSM agent it starts inside each container as the managed agent "
                    + "ExecuteCommandAgent; a session can open only into a container whose agent is RUNNING. STOPPED "
                    + "means the agent gave up (its reason names why); PENDING means it has not started yet.")
            .remediation("Fix what the agent's reason names (task role ssmmessages permissions, network path to "
                    + "ssmmessages, read-only root filesystem), then replace the task: aws ecs update-service "
                    + "--cluster <cluster> --service <service> --force-new-deployment.")
            .documentation("https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html")
            .stopsSession(true)
            .build();

    static final String AGENT = "ExecuteCommandAgent";

    @Override
    public CheckMetadata metadata() {
        return METADATA;
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        var eligible = facts.runningTasks().stream().filter(Ecs.Task::enableExecuteCommand).toList();
        if (eligible.isEmpty()) {
            return notApplicable("service %s has no RUNNING task with ECS Exec on", facts.service().name());
        }
        List<String> stopped = new ArrayList<>();
        List<String> notYet = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        int running = 0;
        for (Ecs.Task task : eligible) {
            boolean reported = false;
            for (Ecs.Container container : task.containers()) {
                // ECS-managed sidecars (GuardDuty, Service Connect) carry no managed agent: not exec targets.
                var agent = container.managedAgents().stream().filter(a -> AGENT.equals(a.name())).findFirst();
                if (agent.isEmpty()) {
                    continue;
                }
                reported = true;
                String where = container.name() + " of task " + task.id();
                switch (String.valueOf(agent.get().lastStatus())) {
                    case "RUNNING" -> running++;
                    case "STOPPED" -> stopped.add(where + " (" + reasonOf(agent.get()) + ")");
                    default -> notYet.add(where + " (" + agent.get().lastStatus() + ")");
                }
            }
            if (!reported) {
                silent.add(task.id());
            }
        }
        if (!stopped.isEmpty() || !silent.isEmpty()) {
            List<String> problems = new ArrayList<>();
            if (!stopped.isEmpty()) {
                problems.add(AGENT + " STOPPED in " + listed(stopped));
            }
            if (!silent.isEmpty()) {
                problems.add("no container reports " + AGENT + " in task " + listed(silent));
            }
            return fail(String.join("; ", problems));
        }
        if (!notYet.isEmpty()) {
            return warn("%s not RUNNING yet in %s", AGENT, listed(notYet));
        }
        return pass("%s RUNNING in %d container(s) of %d task(s)", AGENT, running, eligible.size());
    }

    private static String reasonOf(Ecs.ManagedAgent agent) {
        return agent.reason() == null || agent.reason().isBlank() ? "no reason given" : agent.reason();
    }
}
