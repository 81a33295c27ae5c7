package io.github.ecsexecreadiness.collect;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A {@link ServiceControlPolicyReader} that asks once per parent, target and policy, for every account a warm
 * function reads: the accounts of an OU share its path and policies. Answers are kept {@link #KEPT} so that a
 * changed SCP is seen within minutes; errors are not kept.
 */
public final class CachedServiceControlPolicies implements ServiceControlPolicyReader {
    static final Duration KEPT = Duration.ofMinutes(15);

    private final ServiceControlPolicyReader reader;
    private final KeptAnswers answers;

    public CachedServiceControlPolicies(ServiceControlPolicyReader reader) {
        this(reader, System::nanoTime);
    }

    CachedServiceControlPolicies(ServiceControlPolicyReader reader, LongSupplier nanoTime) {
        this.reader = reader;
        this.answers = new KeptAnswers(KEPT, nanoTime);
    }

    @Override
    public String managementAccountId() {
        return answers.get("organization", reader::managementAccountId);
    }

    @Override
    public List<String> listParents(String childId) {
        return answers.get("parents " + childId, () -> reader.listParents(childId));
    }

    @Override
    public List<PolicySummary> listServiceControlPoliciesForTarget(String targetId) {
        return answers.get("policies " + targetId, () -> reader.listServiceControlPoliciesForTarget(targetId));
    }

    @Override
    public String describePolicyContent(String policyId) {
        return answers.get("policy " + policyId, () -> reader.describePolicyContent(policyId));
    }
}
