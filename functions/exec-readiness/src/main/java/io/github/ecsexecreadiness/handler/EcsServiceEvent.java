package io.github.ecsexecreadiness.handler;

import static io.github.ecsexecreadiness.handler.EventJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.model.Arns;
import java.util.Optional;

/**
 * An EventBridge event about one ECS service: ECS Deployment State Change, ECS Service Action, or the
 * CloudTrail record of CreateService / UpdateService. {@code actorArn} is who made the API call (CloudTrail
 * only): the remediator uses it to ignore its own changes.
 */
public record EcsServiceEvent(String detailType, String eventName, String account, String region,
                              String serviceArn, String cluster, String actorArn) {

    static final String DEPLOYMENT_STATE_CHANGE = "ECS Deployment State Change";
    static final String SERVICE_ACTION = "ECS Service Action";
    static final String CLOUDTRAIL_API_CALL = "AWS API Call via CloudTrail";

    /**
     * Parses the event; empty when it is a well-formed event this handler has nothing to do for (a failed API
     * call). Throws {@link MalformedEventException} for anything else.
     */
    static Optional<EcsServiceEvent> parse(JsonNode event) {
        String detailType = text(event, "detail-type");
        if (!"aws.ecs".equals(text(event, "source")) || detailType == null) {
            throw new MalformedEventException("not an aws.ecs EventBridge event");
        }
        JsonNode detail = event.path("detail");
        String account = text(event, "account");
        String region = text(event, "region");
        return switch (detailType) {
            case DEPLOYMENT_STATE_CHANGE, SERVICE_ACTION -> {
                String serviceArn = firstResource(event);
                String cluster = Optional.ofNullable(text(detail, "clusterArn"))
                        .orElseGet(() -> clusterInArn(serviceArn));
                yield Optional.of(new EcsServiceEvent(detailType, text(detail, "eventName"), account, region,
                        serviceArn, cluster, null));
            }
            case CLOUDTRAIL_API_CALL -> cloudTrail(detail, account, region);
            default -> throw new MalformedEventException("unsupported detail-type " + detailType);
        };
    }

    private static Optional<EcsServiceEvent> cloudTrail(JsonNode detail, String account, String region) {
        String eventName = text(detail, "eventName");
        if (!"ecs.amazonaws.com".equals(text(detail, "eventSource"))
                || !("CreateService".equals(eventName) || "UpdateService".equals(eventName))) {
            throw new MalformedEventException("not a CreateService or UpdateService call: " + eventName);
        }
        if (detail.hasNonNull("errorCode")) {
            return Optional.empty(); // the call failed: nothing changed
        }
        // requestParameters only hold what the caller set; the resulting service is in responseElements.
        JsonNode service = detail.path("responseElements").path("service");
        String serviceArn = text(service, "serviceArn");
        if (!Arns.isServiceArn(serviceArn)) {
            throw new MalformedEventException(eventName + " record has no responseElements.service.serviceArn");
        }
        String cluster = Optional.ofNullable(text(service, "clusterArn")).orElseGet(() -> clusterInArn(serviceArn));
        JsonNode identity = detail.path("userIdentity");
        String actor = Optional.ofNullable(text(identity.path("sessionContext").path("sessionIssuer"), "arn"))
                .orElse(text(identity, "arn"));
        return Optional.of(new EcsServiceEvent(CLOUDTRAIL_API_CALL, eventName, account, region, serviceArn, cluster,
                actor));
    }

    private static String firstResource(JsonNode event) {
        for (JsonNode resource : event.path("resources")) {
            if (Arns.isServiceArn(resource.asText())) {
                return resource.asText();
            }
        }
        throw new MalformedEventException("no service ARN in resources");
    }

    private static String clusterInArn(String serviceArn) {
        return Arns.clusterOfService(serviceArn).orElseThrow(() -> new MalformedEventException(
                "cannot tell the cluster of old-format service ARN " + serviceArn));
    }
}
