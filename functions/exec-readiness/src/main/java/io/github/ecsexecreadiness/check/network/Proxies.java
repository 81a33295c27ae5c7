package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.model.Ecs;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How Go's {@code http.ProxyFromEnvironment}, which the SSM agent uses, reads a container's environment: HTTPS_PROXY
 * for https:// URLs (the agent's calls to ssmmessages, kms, logs, S3), HTTP_PROXY for http:// URLs (the credential
 * and instance metadata endpoints), each unless NO_PROXY names the host. The upper-case name is read first, then
 * the lower-case one; an empty value counts as unset.
 */
final class Proxies {
    static final List<String> HTTPS_PROXY = List.of("HTTPS_PROXY", "https_proxy");
    static final List<String> HTTP_PROXY = List.of("HTTP_PROXY", "http_proxy");
    static final List<String> NO_PROXY = List.of("NO_PROXY", "no_proxy");

    private Proxies() {}

    /** The first of the variables with a non-empty value in the container's environment. */
    static Optional<String> set(Ecs.ContainerDefinition container, List<String> names) {
        return names.stream().filter(name -> !container.environment().getOrDefault(name, "").isBlank()).findFirst();
    }

    /** The first of the variables the container takes from a secret (its value cannot be read). */
    static Optional<String> fromSecret(Ecs.ContainerDefinition container, List<String> names) {
        return names.stream().filter(container.secretNames()::contains).findFirst();
    }

    /** The NO_PROXY value in effect: NO_PROXY, else no_proxy, else empty. */
    static String noProxy(Ecs.ContainerDefinition container) {
        return set(container, NO_PROXY).map(name -> container.environment().get(name)).orElse("");
    }

    /**
     * The proxy that carries https:// requests to {@code host} from this container, without credentials it may
     * embed; empty when none does.
     */
    static Optional<String> httpsProxyFor(Ecs.ContainerDefinition container, String host) {
        return set(container, HTTPS_PROXY).filter(name -> !bypasses(noProxy(container), host))
                .map(name -> withoutCredentials(container.environment().get(name)));
    }

    /**
     * Whether NO_PROXY exempts a host or address: {@code *}; an exact address or a CIDR block holding it; a domain
     * name, which matches itself and its subdomains, or, written with a leading dot (or {@code *.}), only its
     * subdomains. A port on an entry is ignored (the agent uses 443).
     */
    static boolean bypasses(String noProxy, String host) {
        String target = host.toLowerCase(Locale.ROOT);
        return Arrays.stream(noProxy.split(",")).map(String::strip).map(e -> e.toLowerCase(Locale.ROOT))
                .filter(e -> !e.isEmpty()).anyMatch(entry -> {
                    if (entry.equals("*") || entry.equals(target)) {
                        return true;
                    }
                    if (entry.contains("/")) {
                        return containsAddress(entry, target);
                    }
                    String name = entry.replaceFirst(":\\d+$", "").replaceFirst("^\\*\\.", ".");
                    return name.startsWith(".") ? target.endsWith(name)
                            : target.equals(name) || target.endsWith("." + name);
                });
    }

    private static boolean containsAddress(String cidr, String address) {
        try {
            return Ipv4Cidr.parse(cidr).contains(Ipv4Cidr.parse(address));
        } catch (IllegalArgumentException notIpv4) {
            return false;
        }
    }

    /** http://user:secret@proxy:3128 becomes http://proxy:3128: reasons are logged and shown. */
    private static String withoutCredentials(String url) {
        return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)?[^/@]*@", "$1");
    }
}
