package io.github.ecsexecreadiness.iam;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Conditions on the tags of the resource a request names: {@code aws:ResourceTag/<key>} and the older
 * {@code ecs:ResourceTag/<key>}. For {@code ecs:ExecuteCommand} IAM sees only the cluster's and the task's tags
 * ("Because the execute-command API action contains only task and cluster resources in a request, only cluster
 * and task tags are evaluated"), so a policy granting it on tagged tasks never matches a task started untagged.
 */
public final class ResourceTagConditions {
    /** The action whose tag conditions decide who may open an ECS Exec session. */
    public static final String EXECUTE_COMMAND = "ecs:ExecuteCommand";
    private static final String[] PREFIXES = {"aws:resourcetag/", "ecs:resourcetag/"};

    private ResourceTagConditions() {}

    /**
     * The tag keys the document's statements on {@code action} (matched with wildcards, NotAction as IAM reads it)
     * put a condition on; empty when there are none or the document cannot be parsed.
     */
    public static Set<String> keys(String document, String action) {
        Optional<PolicyDocument> parsed = parse(document);
        Set<String> keys = new LinkedHashSet<>();
        String lowerAction = action.toLowerCase(Locale.ROOT);
        parsed.ifPresent(policy -> policy.statements().stream()
                .filter(statement -> statement.matchAction(lowerAction, RequestContext.UNKNOWN)
                        != PolicyDocument.Match.NO)
                .flatMap(statement -> statement.condition().clauses().stream())
                .map(clause -> tagKey(clause.key()))
                .flatMap(Optional::stream)
                .forEach(keys::add));
        return keys;
    }

    /**
     * A request on a resource that carries exactly {@code tags}, as conditions on {@code keys} see it: each tag
     * under both condition keys, every other key of {@code keys} absent. Other condition keys stay unknown.
     */
    public static RequestContext onResourceTagged(Map<String, String> tags, Set<String> keys, String how) {
        Map<String, String> present = new LinkedHashMap<>();
        Set<String> absent = new LinkedHashSet<>();
        for (String key : keys) {
            String value = valueIgnoringCase(tags, key);
            for (String prefix : PREFIXES) {
                if (value != null) {
                    present.put(prefix + key, value);
                } else {
                    absent.add(prefix + key);
                }
            }
        }
        return new RequestContext(present, absent, how);
    }

    /** IAM compares condition key names, tag keys included, without regard to case. */
    private static String valueIgnoringCase(Map<String, String> tags, String key) {
        return tags.entrySet().stream().filter(tag -> tag.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static Optional<String> tagKey(String conditionKey) {
        String lower = conditionKey.toLowerCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (lower.startsWith(prefix) && lower.length() > prefix.length()) {
                return Optional.of(conditionKey.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    private static Optional<PolicyDocument> parse(String document) {
        if (document == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PolicyDocument.parse(document));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
