package io.github.ecsexecreadiness.check.exec;

import static io.github.ecsexecreadiness.check.CheckSupport.listed;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.SessionTargets;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code exec.agent}: the ExecuteCommandAgent runs in the containers of exec-enabled tasks. */
public final class AgentCheck extends Check {
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

    public AgentCheck() {
        super(METADATA);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        var eligible = facts.runningTasks().stream().filter(Ecs.Task::enableExecuteCommand).toList();
        if (eligible.isEmpty()) {
            return notApplicable("service %s has no RUNNING task with ECS Exec on", facts.service().name());
        }
        List<String> lost = new ArrayList<>();
        List<String> stoppedBeside = new ArrayList<>();
        List<String> notYet = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        int running = 0;
        for (Ecs.Task task : eligible) {
            // ECS-managed sidecars (GuardDuty, Service Connect) carry no managed agent: not exec targets.
            Map<Ecs.Container, Ecs.ManagedAgent> agents = new LinkedHashMap<>();
            for (Ecs.Container container : task.containers()) {
                container.managedAgents().stream().filter(a -> AGENT.equals(a.name())).findFirst()
                        .ifPresent(agent -> agents.put(container, agent));
            }
            if (agents.isEmpty()) {
                silent.add(task.id());
                continue;
            }
            List<String> stopped = new ArrayList<>();
            for (var entry : agents.entrySet()) {
                String where = entry.getKey().name() + " of task " + task.id();
                switch (String.valueOf(entry.getValue().lastStatus())) {
                    case "RUNNING" -> running++;
                    case "STOPPED" -> stopped.add(where + " (" + reasonOf(entry.getValue()) + ")");
                    default -> notYet.add(where + " (" + entry.getValue().lastStatus() + ")");
                }
            }
            if (stopped.isEmpty()) {
                continue;
            }
            Set<String> essential = essentialContainers(facts, task);
            Status status = SessionTargets.verdict(List.copyOf(agents.keySet()),
                    container -> essential.contains(container.name()),
                    container -> "STOPPED".equals(agents.get(container).lastStatus()));
            (status == Status.FAIL ? lost : stoppedBeside).addAll(stopped);
        }
        if (!lost.isEmpty() || !silent.isEmpty()) {
            List<String> problems = new ArrayList<>();
            if (!lost.isEmpty()) {
                problems.add(AGENT + " STOPPED in " + listed(lost) + ", and in no essential container of the task "
                        + "is it RUNNING");
            }
            if (!silent.isEmpty()) {
                problems.add("no container reports " + AGENT + " in task " + listed(silent));
            }
            return fail(String.join("; ", problems));
        }
        List<String> warnings = new ArrayList<>();
        if (!stoppedBeside.isEmpty()) {
            warnings.add(AGENT + " STOPPED in " + listed(stoppedBeside) + ": sessions into the task's other containers "
                    + "(execute-command --container) work");
        }
        if (!notYet.isEmpty()) {
            warnings.add(AGENT + " not RUNNING yet in " + listed(notYet));
        }
        if (!warnings.isEmpty()) {
            return warn("%s", String.join("; ", warnings));
        }
        return pass("%s RUNNING in %d container(s) of %d task(s)", AGENT, running, eligible.size());
    }

    /** The task's essential containers, by name, from its task definition (ECS's default: essential). */
    private static Set<String> essentialContainers(ServiceFacts facts, Ecs.Task task) {
        return facts.taskDefinition(task.taskDefinitionArn()).containerDefinitions().stream()
                .filter(Ecs.ContainerDefinition::essential).map(Ecs.ContainerDefinition::name)
                .collect(Collectors.toSet());
    }

    private static String reasonOf(Ecs.ManagedAgent agent) {
        return agent.reason() == null || agent.reason().isBlank() ? "no reason given" : agent.reason();
    }
}
