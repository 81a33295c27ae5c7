package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.ListServicesRequest;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/** What moto cannot show: several pages, request parameters, and shapes moto never returns. */
class SdkEcsReaderTest {
    private static final String CLUSTER = "arn:aws:ecs:eu-west-1:123456789012:cluster/prod";

    private final List<Object> requests = new ArrayList<>();

    @Test
    void listServicesFollowsEveryPageAskingForAHundredAtATime() {
        var reader = new SdkEcsReader(fake(ListServicesRequest.class, request -> request.nextToken() == null
                ? ListServicesResponse.builder().serviceArns("a", "b").nextToken("page-2").build()
                : ListServicesResponse.builder().serviceArns("c").build()));

        assertEquals(List.of("a", "b", "c"), reader.listServices(CLUSTER));
        assertEquals(described(ListServicesRequest.builder().cluster(CLUSTER).maxResults(100).build(),
                ListServicesRequest.builder().cluster(CLUSTER).maxResults(100).nextToken("page-2").build()), sent());
    }

    @Test
    void listTasksAsksForRunningTasksOfTheService() {
        var reader = new SdkEcsReader(fake(ListTasksRequest.class, request -> ListTasksResponse.builder().build()));

        reader.listTasks(CLUSTER, "web");
        reader.listTasks(CLUSTER, null);

        assertEquals(described(
                ListTasksRequest.builder().cluster(CLUSTER).serviceName("web").desiredStatus(DesiredStatus.RUNNING)
                        .maxResults(100).build(),
                ListTasksRequest.builder().cluster(CLUSTER).desiredStatus(DesiredStatus.RUNNING).maxResults(100).build()),
                sent());
    }

    @Test
    void anErrorOnALaterPageIsAnApiError() {
        var reader = new SdkEcsReader(fake(ListServicesRequest.class, request -> {
            if (request.nextToken() == null) {
                return ListServicesResponse.builder().serviceArns("a").nextToken("page-2").build();
            }
            throw EcsException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                    .errorCode("AccessDeniedException").errorMessage("not authorized").build()).build();
        }));

        var error = assertThrows(AwsApiException.class, () -> reader.listServices(CLUSTER));

        assertEquals("ECS.ListServices", error.operation());
        assertEquals("AccessDeniedException", error.errorCode());
        assertTrue(error.isAccessDenied());
    }

    @Test
    void taskNetworkInterfaceIsTheEniAttachmentWhereverItIs() {
        var task = SdkEcsReader.task(Task.builder().taskArn("arn:aws:ecs:eu-west-1:1:task/prod/abc")
                .overrides(o -> o.taskRoleArn("arn:aws:iam::1:role/override"))
                .attachments(
                        Attachment.builder().type("ServiceConnect").details(detail("networkInterfaceId", "eni-wrong"))
                                .build(),
                        Attachment.builder().type("ElasticNetworkInterface").details(detail("subnetId", "subnet-1"),
                                detail("networkInterfaceId", "eni-1"), detail("privateIPv4Address", "10.0.1.5"))
                                .build())
                .containers(c -> c.name("app").managedAgents(a -> a.name("ExecuteCommandAgent").lastStatus("RUNNING")),
                        c -> c.name("aws-guardduty-agent-x"))
                .tags(t -> t.key("team").value("payments"))
                .build());

        assertAll(
                () -> assertEquals(new Ecs.NetworkInterfaceAttachment("eni-1", "subnet-1", "10.0.1.5"),
                        task.networkInterface()),
                () -> assertEquals("arn:aws:iam::1:role/override", task.taskRoleArnOverride()),
                () -> assertEquals(List.of(new Ecs.Container("app",
                                List.of(new Ecs.ManagedAgent("ExecuteCommandAgent", "RUNNING", null))),
                        new Ecs.Container("aws-guardduty-agent-x", List.of())), task.containers()),
                // Tag-based ecs:ExecuteCommand conditions see the task's own tags (DescribeTasks include TAGS).
                () -> assertEquals(Map.of("team", "payments"), task.tags()));
    }

    @Test
    void serviceOnCapacityProvidersWithoutDeploymentControllerOrNetworkConfiguration() {
        var service = SdkEcsReader.service(Service.builder().serviceArn("arn:svc").serviceName("web")
                .capacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT"), s -> s.capacityProvider("FARGATE"))
                .build());

        assertAll(
                () -> assertNull(service.launchType()),
                () -> assertEquals(List.of("FARGATE_SPOT", "FARGATE"), service.capacityProviders()),
                () -> assertEquals("ECS", service.deploymentController()),
                () -> assertNull(service.awsvpcConfiguration()),
                () -> assertEquals(0, service.desiredCount()),
                // Absent propagateTags is ECS's NONE: tasks start without the service's tags.
                () -> assertNull(service.propagateTags()),
                () -> assertEquals("SERVICE", SdkEcsReader.service(Service.builder().serviceArn("arn:svc")
                        .propagateTags("SERVICE").build()).propagateTags()));
    }

    /** Requests compared by their parameters (paginators add an override configuration that equals() sees). */
    private static List<String> described(Object... expected) {
        return Stream.of(expected).map(Object::toString).toList();
    }

    private List<String> sent() {
        return requests.stream().map(Object::toString).toList();
    }

    private static KeyValuePair detail(String name, String value) {
        return KeyValuePair.builder().name(name).value(value).build();
    }

    /** An EcsClient answering one request type; the SDK's default methods (paginators) run for real. */
    private <Q> EcsClient fake(Class<Q> requestType, Function<Q, Object> answer) {
        return FakeSdkClient.of(EcsClient.class, requestType, answer, requests);
    }
}
