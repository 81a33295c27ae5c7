package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code network.proxy}: a container that sends http:// requests through a proxy keeps the instance metadata and
 * task credential endpoints out of it with NO_PROXY. Only HTTP_PROXY matters here: those endpoints are http://, and
 * Go uses HTTPS_PROXY for https:// URLs only (what HTTPS_PROXY does to the path to ssmmessages is
 * {@code network.ssmmessages}'s).
 */
public final class ProxyCheck extends Check {
    public static final CheckMetadata METADATA = CheckMetadata.builder("network.proxy")
            .title("A proxy configured in a container leaves the metadata endpoints direct")
            .severity(Severity.MEDIUM)
            .findingType(FindingType.CONFIGURATION)
            .rationale("The SSM agent runs inside the container with its environment; with HTTP_PROXY set it sends its "
                    + "http:// requests for the task role credentials (169.254.170.2) and instance metadata "
                    + "(169.254.169.254) to the proxy, which cannot reach them, unless NO_PROXY exempts both. "
                    + "HTTPS_PROXY carries only https:// requests, such as those to ssmmessages.")
            .remediation("In each container definition that sets HTTP_PROXY, set NO_PROXY to include "
                    + "169.254.169.254,169.254.170.2 (keep existing entries), register the task definition revision "
                    + "and deploy it to the service.")
            .documentation(CheckMetadata.ECS_EXEC_DOC)
            .stopsSession(true)
            .build();

    private static final List<String> METADATA_ADDRESSES = List.of("169.254.169.254", "169.254.170.2");

    public ProxyCheck() {
        super(METADATA);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        List<String> proxied = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        boolean environmentFiles = false;
        for (Ecs.TaskDefinition taskDefinition : facts.taskDefinitionsInUse()) {
            for (Ecs.ContainerDefinition container : taskDefinition.containerDefinitions()) {
                environmentFiles |= container.hasEnvironmentFiles();
                String where = "container %s (%s)".formatted(container.name(), taskDefinition.familyRevision());
                Optional<String> proxy = Proxies.set(container, Proxies.HTTP_PROXY);
                Optional<String> secretProxy = Proxies.fromSecret(container, Proxies.HTTP_PROXY);
                if (proxy.isEmpty() && secretProxy.isEmpty()) {
                    continue;
                }
                proxied.add(where);
                Optional<String> noProxy = Proxies.set(container, Proxies.NO_PROXY);
                if (proxy.isEmpty()) {
                    undecided.add(where + " takes " + secretProxy.get() + " from a secret");
                } else if (noProxy.isEmpty() && Proxies.fromSecret(container, Proxies.NO_PROXY).isPresent()) {
                    undecided.add(where + " takes NO_PROXY from a secret");
                } else {
                    String entries = Proxies.noProxy(container);
                    List<String> missing = METADATA_ADDRESSES.stream().filter(ip -> !Proxies.bypasses(entries, ip))
                            .toList();
                    if (!missing.isEmpty()) {
                        failing.add("%s sets %s but %s lacks %s".formatted(where, proxy.get(),
                                noProxy.orElse("NO_PROXY"), String.join(" and ", missing)));
                    }
                }
            }
        }
        if (!failing.isEmpty()) {
            return fail("%s", Summary.naming(failing, 3));
        }
        if (!undecided.isEmpty()) {
            return unknown("%s; its value cannot be read to check NO_PROXY", Summary.naming(undecided, 3));
        }
        if (!proxied.isEmpty()) {
            return pass("NO_PROXY exempts %s in %s", String.join(" and ", METADATA_ADDRESSES),
                    Summary.naming(proxied, 3));
        }
        return notApplicable("no container sets HTTP_PROXY (HTTPS_PROXY does not carry the http:// metadata and "
                + "credential requests)%s", environmentFiles ? " (environment files not inspected)" : "");
    }
}
