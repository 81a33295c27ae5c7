package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code network.proxy}: a container that sends HTTP through a proxy keeps the instance metadata and task
 * credential endpoints out of it with NO_PROXY.
 */
public final class ProxyCheck implements Check {
    public static final CheckMetadata METADATA = CheckMetadata.builder("network.proxy")
            .title("A proxy configured in a container leaves the metadata endpoints direct")
            .severity(Severity.MEDIUM)
            .findingType(FindingType.CONFIGURATION)
            .rationale("The SSM agent runs inside the container with its environment; with HTTP_PROXY or HTTPS_PROXY "
                    + "set it sends its requests for the task role credentials (169.254.170.2) and instance metadata "
                    + "(169.254.169.254) to the proxy, which cannot reach them, unless NO_PROXY exempts both.")
            .remediation("In each container definition that sets HTTP_PROXY or HTTPS_PROXY, set NO_PROXY to include "
                    + "169.254.169.254,169.254.170.2 (keep existing entries), register the task definition revision "
                    + "and deploy it to the service.")
            .documentation(CheckMetadata.ECS_EXEC_DOC)
            .stopsSession(true)
            .build();

    // Go's net/http, which the SSM agent uses, reads the upper-case name first and falls back to the lower-case one.
    private static final List<String> PROXY_VARIABLES = List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy");
    private static final List<String> NO_PROXY_VARIABLES = List.of("NO_PROXY", "no_proxy");
    private static final List<String> METADATA_ADDRESSES = List.of("169.254.169.254", "169.254.170.2");

    @Override
    public CheckMetadata metadata() {
        return METADATA;
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
                Optional<String> proxy = set(container, PROXY_VARIABLES);
                Optional<String> secretProxy = PROXY_VARIABLES.stream().filter(container.secretNames()::contains)
                        .findFirst();
                if (proxy.isEmpty() && secretProxy.isEmpty()) {
                    continue;
                }
                proxied.add(where);
                Optional<String> noProxy = set(container, NO_PROXY_VARIABLES);
                if (proxy.isEmpty()) {
                    undecided.add(where + " takes " + secretProxy.get() + " from a secret");
                } else if (noProxy.isEmpty() && NO_PROXY_VARIABLES.stream().anyMatch(container.secretNames()::contains)) {
                    undecided.add(where + " takes NO_PROXY from a secret");
                } else {
                    String entries = noProxy.map(name -> container.environment().get(name)).orElse("");
                    List<String> missing = METADATA_ADDRESSES.stream().filter(ip -> !bypasses(entries, ip)).toList();
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
        return notApplicable("no container sets HTTP_PROXY or HTTPS_PROXY%s",
                environmentFiles ? " (environment files not inspected)" : "");
    }

    /** The first of the variables with a non-empty value in the container's environment. */
    private static Optional<String> set(Ecs.ContainerDefinition container, List<String> names) {
        return names.stream().filter(name -> !container.environment().getOrDefault(name, "").isBlank()).findFirst();
    }

    /** NO_PROXY entries are exact addresses, CIDR blocks or {@code *} (Go's httpproxy rules). */
    private static boolean bypasses(String noProxy, String address) {
        return Arrays.stream(noProxy.split(",")).map(String::strip).anyMatch(entry ->
                entry.equals("*") || entry.equals(address) || entry.contains("/") && containsAddress(entry, address));
    }

    private static boolean containsAddress(String cidr, String address) {
        try {
            return Ipv4Cidr.parse(cidr).contains(Ipv4Cidr.parse(address));
        } catch (IllegalArgumentException notIpv4) {
            return false;
        }
    }
}
