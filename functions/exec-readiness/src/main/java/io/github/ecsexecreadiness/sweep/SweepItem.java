package io.github.ecsexecreadiness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One unit of a sweep, one message on the sweep queue: every ECS service of one account in one Region, from
 * the first cluster after {@code startAfter} (in ARN order; null: from the first). A sweep that nears the
 * Lambda timeout queues its own continuation: the same item with the last cluster it finished and the next
 * {@code part}.
 *
 * @param sweepId the schedule's event time, shared by every item and continuation of one sweep (for logs)
 */
public record SweepItem(String account, String region, String sweepId, String startAfter, int part) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    public SweepItem {
        Objects.requireNonNull(sweepId, "sweepId");
        if (account == null || !ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("account is not a 12-digit account id: " + account);
        }
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region is not a Region name: " + region);
        }
        if (part < 1) {
            throw new IllegalArgumentException("part must be 1 or more: " + part);
        }
    }

    /** The first part of an account's sweep in a Region. */
    public static SweepItem first(String account, String region, String sweepId) {
        return new SweepItem(account, region, sweepId, null, 1);
    }

    /** The continuation of this item after {@code clusterArn}, the last cluster finished. */
    public SweepItem after(String clusterArn) {
        return new SweepItem(account, region, sweepId, clusterArn, part + 1);
    }

    public String toJson() {
        ObjectNode body = JSON.createObjectNode().put("account", account).put("region", region)
                .put("sweepId", sweepId).put("part", part);
        if (startAfter != null) {
            body.put("startAfter", startAfter);
        }
        return body.toString();
    }

    /** @throws IllegalArgumentException when the body is not a sweep item */
    public static SweepItem parse(String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return new SweepItem(text(json, "account"), text(json, "region"),
                json.path("sweepId").asText("unknown"), text(json, "startAfter"), json.path("part").asInt(1));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** For logs: which account, Region and part. */
    @Override
    public String toString() {
        return account + "/" + region + " part " + part + (startAfter == null ? "" : " after " + startAfter);
    }
}
