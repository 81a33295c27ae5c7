package io.github.ecsexecreadiness.collect;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A {@link ServiceControlPolicyReader} that asks once per parent, target and policy, for every account a warm
 * function reads: the accounts of an OU share its path and policies. Answers are kept {@link #KEPT} so that a
 * changed SCP is seen within minutes; errors are not kept.
 */
public final class CachedServiceControlPolicies implements ServiceControlPolicyReader {
    static final Duration KEPT = Duration.ofMinutes(15);

    private final ServiceControlPolicyReader reader;
    private final LongSupplier nanoTime;
    private final Map<String, Kept<?>> answers = new ConcurrentHashMap<>();

    public CachedServiceControlPolicies(ServiceControlPolicyReader reader) {
        this(reader, System::nanoTime);
    }

    CachedServiceControlPolicies(ServiceControlPolicyReader reader, LongSupplier nanoTime) {
        this.reader = reader;
        this.nanoTime = nanoTime;
    }

    private record Kept<T>(T value, long since) {}

    @Override
    public String managementAccountId() {
        return kept("organization", reader::managementAccountId);
    }

    @Override
    public List<String> listParents(String childId) {
        return kept("parents " + childId, () -> reader.listParents(childId));
    }

    @Override
    public List<PolicySummary> listServiceControlPoliciesForTarget(String targetId) {
        return kept("policies " + targetId, () -> reader.listServiceControlPoliciesForTarget(targetId));
    }

    @Override
    public String describePolicyContent(String policyId) {
        return kept("policy " + policyId, () -> reader.describePolicyContent(policyId));
    }

    @SuppressWarnings("unchecked")
    private <T> T kept(String key, Supplier<T> read) {
        long now = nanoTime.getAsLong();
        Kept<?> found = answers.get(key);
        if (found != null && now - found.since() < KEPT.toNanos()) {
            return (T) found.value();
        }
        T value = read.get();
        answers.put(key, new Kept<>(value, now));
        return value;
    }
}
