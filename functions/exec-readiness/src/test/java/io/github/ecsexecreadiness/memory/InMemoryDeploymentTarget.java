package io.github.ecsexecreadiness.memory;

import io.github.ecsexecreadiness.cli.preflight.ConfigRecorder;
import io.github.ecsexecreadiness.cli.preflight.DeploymentTarget;
import io.github.ecsexecreadiness.cli.preflight.Trail;
import io.github.ecsexecreadiness.collect.AwsApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The in-memory twin of {@code SdkDeploymentTarget}: an account and Region as preflight reads it, set up by the
 * test; {@link #fail} makes an operation answer with an AWS error code, as the SDK class reports it.
 */
public final class InMemoryDeploymentTarget implements DeploymentTarget {
    private final String region;
    private final String accountId;
    private final List<ConfigRecorder> recorders = new ArrayList<>();
    private final List<Trail> trails = new ArrayList<>();
    private final Map<String, Integer> children = new HashMap<>();
    private final Map<String, String> failures = new HashMap<>();
    private boolean securityHub;
    private String organizationId;

    public InMemoryDeploymentTarget(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    public InMemoryDeploymentTarget withRecorder(ConfigRecorder recorder) {
        recorders.add(recorder);
        return this;
    }

    public InMemoryDeploymentTarget withSecurityHub(boolean enabled) {
        securityHub = enabled;
        return this;
    }

    public InMemoryDeploymentTarget withTrail(Trail trail) {
        trails.add(trail);
        return this;
    }

    /** The organisation this account is in, and the number of accounts and OUs under each of its parents. */
    public InMemoryDeploymentTarget inOrganization(String id, Map<String, Integer> childrenByParent) {
        organizationId = id;
        children.putAll(childrenByParent);
        return this;
    }

    /** {@code operation} (e.g. Config.DescribeConfigurationRecorders) answers {@code errorCode}. */
    public InMemoryDeploymentTarget fail(String operation, String errorCode) {
        failures.put(operation, errorCode);
        return this;
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public String accountId() {
        return answer("STS.GetCallerIdentity", () -> accountId);
    }

    @Override
    public List<ConfigRecorder> configurationRecorders() {
        answer("Config.DescribeConfigurationRecorders", () -> null);
        return recorders.isEmpty() ? List.of()
                : answer("Config.DescribeConfigurationRecorderStatus", () -> List.copyOf(recorders));
    }

    @Override
    public boolean securityHubEnabled() {
        return answer("SecurityHub.DescribeHub", () -> securityHub);
    }

    @Override
    public List<Trail> trails() {
        return answer("CloudTrail.DescribeTrails", () -> List.copyOf(trails));
    }

    @Override
    public String organizationId() {
        return answer("Organizations.DescribeOrganization", () -> organizationId);
    }

    @Override
    public int childrenOf(String parentId) {
        return answer("Organizations.ListAccountsForParent", () -> {
            Integer count = children.get(parentId);
            if (count == null) {
                throw new AwsApiException("Organizations.ListAccountsForParent", "ParentNotFoundException", parentId);
            }
            return count;
        });
    }

    private <T> T answer(String operation, Supplier<T> value) {
        String code = failures.get(operation);
        if (code != null) {
            throw new AwsApiException(operation, code, "scripted by the test");
        }
        return value.get();
    }
}
