package io.github.ecsexecreadiness.report.config;

import java.time.Instant;

/** What an AWS Config custom-rule invocation asks for: one configuration item, or every service (periodic). */
public sealed interface ConfigRuleInvocation {
    String resultToken();

    String configRuleName();

    /**
     * A configuration item changed (or, {@code oversized}, only its summary was sent). {@code serviceArn} and
     * {@code cluster} come from the item (cluster null when only a summary was sent).
     */
    record ItemChange(String resultToken, String configRuleName, boolean eventLeftScope, String resourceType,
                      String resourceId, String status, String serviceArn, String cluster, Instant captureTime,
                      boolean oversized) implements ConfigRuleInvocation {

        /** Deleted, no longer recorded, or out of the rule's scope: Config expects NOT_APPLICABLE. */
        public boolean notApplicable() {
            return eventLeftScope || !ConfigEvaluation.ECS_SERVICE.equals(resourceType)
                    || !("OK".equals(status) || "ResourceDiscovered".equals(status));
        }
    }

    /** The periodic trigger: no configuration item, every service is swept. */
    record Scheduled(String resultToken, String configRuleName, Instant notificationCreationTime)
            implements ConfigRuleInvocation {}
}
