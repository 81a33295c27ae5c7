package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code network.ssmmessages}: every running task, and the subnets new tasks start in, can open TCP 443 to
 * {@code ssmmessages.<region>.amazonaws.com}, and to KMS, CloudWatch Logs and S3 when the cluster's
 * execute-command configuration makes the agent need them ({@link Destination#neededBy}).
 */
public final class SsmmessagesPathCheck extends Check {
    public static final CheckMetadata METADATA = CheckMetadata.builder("network.ssmmessages")
            .title("Tasks have a TCP 443 path to ssmmessages (and KMS, logs, S3 when configured)")
            .severity(Severity.HIGH)
            .findingType(FindingType.CONFIGURATION)
            .rationale("The SSM agent that ECS Exec starts in each container opens its session channels to "
                    + "ssmmessages.<region>.amazonaws.com on TCP 443; without a route, DNS and security group path to "
                    + "it, execute-command fails with TargetNotConnectedException. With a KMS key set on the cluster "
                    + "the agent also needs kms.<region>.amazonaws.com, with CloudWatch or S3 encryption on it needs "
                    + "logs.<region>.amazonaws.com or S3 (gateway or interface endpoint): the session fails without "
                    + "them.")
            .remediation("Create a com.amazonaws.<region>.ssmmessages interface VPC endpoint with private DNS enabled "
                    + "in the task subnets (VPC enableDnsSupport and enableDnsHostnames on, endpoint security group "
                    + "admitting TCP 443 from the task security groups), or route the subnets' 0.0.0.0/0 to a public "
                    + "NAT gateway, or run Fargate tasks in a public subnet with assignPublicIp ENABLED; the task "
                    + "security groups must allow outbound TCP 443. Without internet egress, also create the kms and "
                    + "logs interface endpoints and an S3 gateway endpoint when the cluster's configuration needs "
                    + "them.")
            .documentation(CheckMetadata.ECS_EXEC_DOC)
            .stopsSession(true)
            .build();

    public SsmmessagesPathCheck() {
        super(METADATA, SsmmessagesEndpointFixes.REMEDY);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        List<Destination> destinations = Destination.neededBy(facts.cluster().executeCommandConfiguration(),
                facts.region());
        List<SsmmessagesPath> paths = destinations.stream()
                .map(destination -> new SsmmessagesPath(facts, destination)).toList();
        return DestinationPaths.evaluate(METADATA, facts, paths, verdict -> true)
                .map(throughTheVpc -> throughProxies(facts, destinations, throughTheVpc))
                .orElseGet(() -> DestinationPaths.nothingToEvaluate(METADATA, facts));
    }

    /**
     * Containers whose agent sends its https:// calls through HTTPS_PROXY do not use the VPC path analysed here:
     * when every container does, or the VPC path does not pass, the verdict is the proxy's, which is not visible.
     */
    private CheckResult throughProxies(ServiceFacts facts, List<Destination> destinations,
                                       CheckResult throughTheVpc) {
        List<String> proxied = new ArrayList<>();
        int containers = 0;
        for (Ecs.TaskDefinition taskDefinition : facts.taskDefinitionsInUse()) {
            for (Ecs.ContainerDefinition container : taskDefinition.containerDefinitions()) {
                containers++;
                String where = "container %s (%s)".formatted(container.name(), taskDefinition.familyRevision());
                destinations.stream().flatMap(d -> Proxies.httpsProxyFor(container, d.host()).stream()
                                .map(proxy -> "proxy " + proxy + " for " + d.name()))
                        .findFirst()
                        .or(() -> Proxies.set(container, Proxies.HTTPS_PROXY).isEmpty()
                                ? Proxies.fromSecret(container, Proxies.HTTPS_PROXY)
                                        .map(name -> "a proxy whose " + name + " comes from a secret")
                                : Optional.<String>empty())
                        .ifPresent(proxy -> proxied.add(where + " through " + proxy));
            }
        }
        if (proxied.isEmpty()) {
            return throughTheVpc;
        }
        String named = Summary.naming(proxied, 2);
        if (throughTheVpc.status() == Status.PASS && proxied.size() < containers) {
            return new CheckResult(METADATA, Status.PASS, throughTheVpc.reason() + "; egress of " + named
                    + " is not verified");
        }
        return unknown("egress of %s: the proxy's own path is not visible%s", named,
                throughTheVpc.status() == Status.PASS ? ""
                        : "; without it: " + throughTheVpc.reason());
    }
}
