package io.github.ecsexecreadiness.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.collect.Described;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The fixture must behave like AWS, or collector tests prove nothing. */
class InMemoryAccountTest {
    private final InMemoryAccount account = new InMemoryAccount();

    @ParameterizedTest(name = "{0} services -> {1} ListServices requests")
    @CsvSource({"0, 1", "100, 1", "101, 2", "250, 3"})
    void countsEveryPageOfAList(int services, long requests) {
        account.putCluster("shop");
        for (int i = 0; i < services; i++) {
            account.putService(service("svc-" + i));
        }

        assertEquals(services, account.listServices("shop").size());
        assertEquals(Map.of("ECS.ListServices", requests), account.apiCalls().snapshot());
    }

    static Stream<Arguments> overLimit() {
        List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "svc-" + i).toList();
        List<String> hundredOne = Collections.nCopies(101, "x");
        List<String> twoHundredOne = Collections.nCopies(201, "subnet-0");
        return Stream.of(
                Arguments.of("ECS.DescribeServices", "InvalidParameterException",
                        (Consumer<InMemoryAccount>) a -> a.describeServices("shop", eleven)),
                Arguments.of("ECS.DescribeTasks", "InvalidParameterException",
                        (Consumer<InMemoryAccount>) a -> a.describeTasks("shop", hundredOne)),
                Arguments.of("ECS.DescribeClusters", "InvalidParameterException",
                        (Consumer<InMemoryAccount>) a -> a.describeClusters(hundredOne)),
                Arguments.of("ECS.DescribeContainerInstances", "InvalidParameterException",
                        (Consumer<InMemoryAccount>) a -> a.describeContainerInstances("shop", hundredOne)),
                Arguments.of("EC2.DescribeSubnets", "FilterLimitExceeded",
                        (Consumer<InMemoryAccount>) a -> a.describeSubnets(twoHundredOne)));
    }

    @ParameterizedTest(name = "{0} over its limit -> {1}")
    @MethodSource("overLimit")
    void rejectsBatchesOverTheAwsLimit(String operation, String errorCode, Consumer<InMemoryAccount> call) {
        account.putCluster("shop");

        AwsApiException e = assertThrows(AwsApiException.class, () -> call.accept(account));

        assertEquals(operation, e.operation());
        assertEquals(errorCode, e.errorCode());
        assertEquals(1L, account.apiCalls().snapshot().get(operation), "a rejected request still counts");
    }

    @Test
    void describeReportsUnknownArnsAsMissing() {
        account.putCluster("shop");
        account.putService(service("web"));

        Described<Ecs.Service> described = account.describeServices("shop", List.of("web", "gone"));

        assertEquals(List.of("web"), described.found().stream().map(Ecs.Service::name).toList());
        assertEquals(List.of("gone"), described.missing());
    }

    @Test
    void anUnknownClusterIsAnError() {
        AwsApiException e = assertThrows(AwsApiException.class, () -> account.listServices("nope"));

        assertEquals("ClusterNotFoundException", e.errorCode());
    }

    @Test
    void aFaultForOneKeyLeavesOtherKeysAlone() {
        account.put(Scenario.ready());
        account.putCluster("billing");
        account.fail("ECS.ListTasks", Scenario.CLUSTER_ARN, "AccessDeniedException");

        AwsApiException e = assertThrows(AwsApiException.class, () -> account.listTasks("shop", null));

        assertEquals("AccessDeniedException", e.errorCode());
        assertEquals(List.of(), account.listTasks("billing", null));
        account.heal();
        assertEquals(List.of(Scenario.TASK_ARN), account.listTasks(Scenario.CLUSTER_ARN, "web"));
    }

    @Test
    void afterCallRunsOnceAfterTheAnswer() {
        account.put(Scenario.ready());
        account.afterCall("ECS.ListServices", () -> account.deleteService(Scenario.SERVICE_ARN));

        assertEquals(List.of(Scenario.SERVICE_ARN), account.listServices("shop"));
        assertEquals(List.of(), account.listServices("shop"));
    }

    @Test
    void iamAnswersLikeIam() {
        String awsManaged = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        account.put(Scenario.ready()).putPolicy(awsManaged, "{}").attachRolePolicy("web-task", awsManaged);
        account.putRolePolicy("web-task", "more", "{\"Statement\":[]}");

        var details = account.accountAuthorizationDetails();
        var role = account.role("web-task").orElseThrow();

        assertFalse(details.managedPolicyDocuments().containsKey(awsManaged), "GAAD LocalManagedPolicy only");
        assertEquals(List.of(awsManaged), role.attachedPolicyArns());
        assertEquals(2, role.inlinePolicies().size());
        assertTrue(account.role("nobody").isEmpty());
        AwsApiException e = assertThrows(AwsApiException.class,
                () -> account.managedPolicyDocument("arn:aws:iam::aws:policy/Nope"));
        assertEquals("NoSuchEntity", e.errorCode());
    }

    @Test
    void vpcDnsAttributesComeOnlyFromDescribeVpcAttribute() {
        account.put(Scenario.ready());

        assertNull(account.describeVpcs(List.of(Scenario.VPC)).get(0).enableDnsSupport());
        assertTrue(account.describeVpcAttribute(Scenario.VPC, "enableDnsHostnames"));
        assertEquals(List.of(), account.describeVpcs(List.of("vpc-0gone")));
    }

    private Ecs.Service service(String name) {
        return new Ecs.Service(account.serviceArn("shop", name), name, account.clusterArn("shop"), "ACTIVE", true,
                "FARGATE", List.of(), "LATEST", "Linux", Scenario.TASK_DEFINITION_ARN, "ECS", List.of(), null, Map.of(),
                1, 1, null);
    }
}
