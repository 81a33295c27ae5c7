package io.github.ecsexecreadiness.iam;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What is known of the request context of the calls a task's agent makes: condition keys known to carry a value,
 * and keys known to be absent (a request through NAT carries no {@code aws:SourceVpce}). Every other key is
 * unknown, and a Condition on it leaves the answer {@link Decision.Outcome#CONDITIONAL}. Keys compare
 * case-insensitively, as IAM compares condition key names.
 *
 * @param prefixes keys present with a value known only by how it starts ({@code aws:SourceArn} of ECS assuming a
 *                 task role: an ECS ARN of this account and Region)
 * @param how      what the context stands for, for reasons ({@code through NAT gateway nat-0a1})
 * @param complete every key the request carries is in {@code present}: any other is absent
 */
public record RequestContext(Map<String, String> present, Set<String> absent, Map<String, String> prefixes,
                             String how, boolean complete) {
    /** Nothing known: every Condition stays undecided. */
    public static final RequestContext UNKNOWN = new RequestContext(Map.of(), Set.of(), "");

    public static final String SOURCE_VPCE = "aws:SourceVpce";
    public static final String SOURCE_VPC = "aws:SourceVpc";
    public static final String REQUESTED_REGION = "aws:RequestedRegion";
    public static final String SOURCE_ACCOUNT = "aws:SourceAccount";
    public static final String PRINCIPAL_ARN = "aws:PrincipalArn";
    public static final String PRINCIPAL_ACCOUNT = "aws:PrincipalAccount";
    public static final String SOURCE_ARN = "aws:SourceArn";

    public RequestContext {
        present = lowerKeys(present);
        Set<String> lowerAbsent = new LinkedHashSet<>();
        absent.forEach(key -> lowerAbsent.add(lower(key)));
        absent = Set.copyOf(lowerAbsent);
        prefixes = lowerKeys(prefixes);
    }

    public RequestContext(Map<String, String> present, Set<String> absent, String how) {
        this(present, absent, Map.of(), how, false);
    }

    public RequestContext(Map<String, String> present, Set<String> absent, Map<String, String> prefixes, String how) {
        this(present, absent, prefixes, how, false);
    }

    /** A request whose every condition key is known: {@code keys} names those it carries, the others are absent. */
    public static RequestContext complete(Map<String, String> keys) {
        return new RequestContext(keys, Set.of(), Map.of(), "with " + keys, true);
    }

    /**
     * A call to a regional AWS endpoint from a VPC, as IAM sees it: through an interface endpoint the request
     * carries {@code aws:SourceVpce} (the endpoint's id) and {@code aws:SourceVpc}; through a NAT gateway or a
     * public IP it carries neither. {@code aws:RequestedRegion} is the endpoint's Region.
     *
     * @param vpcEndpointId the interface endpoint the call goes through, null when it leaves through the internet
     */
    public static RequestContext fromVpc(String region, String vpcEndpointId, String vpcId, String how) {
        Map<String, String> present = new LinkedHashMap<>();
        present.put(REQUESTED_REGION, region);
        if (vpcEndpointId != null) {
            present.put(SOURCE_VPCE, vpcEndpointId);
            present.put(SOURCE_VPC, vpcId);
            return new RequestContext(present, Set.of(), how);
        }
        return new RequestContext(present, Set.of(SOURCE_VPCE, SOURCE_VPC), how);
    }

    /** Only the Region is known: the network path is not (a proxy, a path decided elsewhere). */
    public static RequestContext inRegion(String region, String how) {
        return new RequestContext(Map.of(REQUESTED_REGION, region), Set.of(), how);
    }

    /**
     * The same context for requests signed by role {@code roleArn} of account {@code accountId}: a role session's
     * {@code aws:PrincipalArn} is the role's ARN.
     */
    public RequestContext withPrincipal(String roleArn, String accountId) {
        Map<String, String> withPrincipal = new LinkedHashMap<>(present);
        withPrincipal.put(PRINCIPAL_ARN, roleArn);
        withPrincipal.put(PRINCIPAL_ACCOUNT, accountId);
        return new RequestContext(withPrincipal, absent, prefixes, how, complete);
    }

    /**
     * The key's value: present with a value, {@code Optional.of(Optional.empty())} when known absent, empty
     * when unknown.
     */
    Optional<Optional<String>> value(String key) {
        String lower = lower(key);
        if (present.containsKey(lower)) {
            return Optional.of(Optional.of(present.get(lower)));
        }
        return complete || absent.contains(lower) ? Optional.of(Optional.empty()) : Optional.empty();
    }

    /** The beginning of the key's value, when only that is known. */
    Optional<String> prefix(String key) {
        return Optional.ofNullable(prefixes.get(lower(key)));
    }

    private static Map<String, String> lowerKeys(Map<String, String> values) {
        Map<String, String> lower = new LinkedHashMap<>();
        values.forEach((key, value) -> lower.put(lower(key), value));
        return Map.copyOf(lower);
    }

    private static String lower(String key) {
        return key.toLowerCase(Locale.ROOT);
    }
}
