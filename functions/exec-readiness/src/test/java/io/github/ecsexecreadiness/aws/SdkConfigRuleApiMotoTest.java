package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation;
import io.github.ecsexecreadiness.report.config.ConfigEvaluation.ComplianceType;
import io.github.ecsexecreadiness.report.config.EvaluationPublisher;
import io.github.ecsexecreadiness.report.config.EvaluationPublisher.Unrecorded;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.Evaluation;
import software.amazon.awssdk.services.config.model.PutEvaluationsRequest;

/**
 * SdkConfigRuleApi and EvaluationPublisher against moto's Config. moto 5.2.1 accepts PutEvaluations only with
 * TestMode (without it: HTTP 500), checks that there are evaluations and a result token, never reports
 * FailedEvaluations and does not enforce the 100-evaluation limit. Its Config records S3, IAM and SNS resources
 * only, not AWS::ECS::Service, and GetComplianceDetailsByConfigRule is not implemented (HTTP 500), so
 * {@code evaluatedResourceIds} is covered by the in-memory tests only.
 */
@StartsEmulator
class SdkConfigRuleApiMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final Instant AT = Instant.parse("2026-11-29T09:00:00Z");
    private static final String TOKEN = "result-token-of-the-invocation";

    private AwsClients clients;

    /**
     * moto resets before each test method, and after a reset its first calls rebuild the backends (seconds on a
     * busy machine), so the cases are dynamic tests sharing one moto state (TestMode stores nothing), each with
     * fresh clients whose call count is its own.
     */
    @TestFactory
    Stream<DynamicTest> configRuleApi() {
        return Stream.of(
                dynamicTest("150 evaluations in two calls",
                        withClients(this::publishesOneHundredFiftyEvaluationsInTwoCalls)),
                dynamicTest("FailedEvaluations are sent once more, then reported",
                        withClients(this::failedEvaluationsAreSentOnceMoreThenReported)),
                dynamicTest("a rejected call reports every evaluation of its chunk",
                        withClients(this::aRejectedCallReportsEveryEvaluationOfItsChunk)),
                dynamicTest("recorded services", withClients(this::recordedServicesListsWhatConfigRecords)),
                dynamicTest("the cluster of an undiscovered resource",
                        withClients(this::clusterOfAnUndiscoveredResourceIsAnApiError)));
    }

    private Executable withClients(Executable test) {
        return () -> {
            clients = moto.newClients();
            try {
                test.execute();
            } finally {
                clients.close();
            }
        };
    }

    private void publishesOneHundredFiftyEvaluationsInTwoCalls() {
        var publisher = new EvaluationPublisher(new SdkAccount(clients).configRule(true));

        List<Unrecorded> unrecorded = publisher.publish(evaluations(150), TOKEN);

        assertEquals(List.of(), unrecorded);
        assertEquals(Map.of("Config.PutEvaluations", 2L), clients.apiCalls().snapshot());
    }

    /**
     * moto never fails an evaluation, so an interceptor rewrites its answer to list the request's first
     * evaluation in FailedEvaluations: the real SDK response, mapped back to our evaluations by resource id.
     */
    private void failedEvaluationsAreSentOnceMoreThenReported() {
        var failFirst = new FailFirstEvaluation();
        try (ConfigClient config = ConfigClient.builder().region(MotoServer.REGION)
                .credentialsProvider(MotoServer.CREDENTIALS).endpointOverride(moto.endpoint())
                .overrideConfiguration(o -> o.addExecutionInterceptor(failFirst)).build()) {
            var evaluations = evaluations(150);

            List<Unrecorded> unrecorded = new EvaluationPublisher(new SdkConfigRuleApi(config, true))
                    .publish(evaluations, TOKEN);

            assertAll(
                    () -> assertEquals(List.of(new Unrecorded(evaluations.get(0), "listed in FailedEvaluations")),
                            unrecorded),
                    // 100 + 50, then the two that failed (svc-0 and svc-100) once more, all in TestMode.
                    () -> assertEquals(List.of(100, 50, 2), failFirst.requests.stream()
                            .map(r -> r.evaluations().size()).toList()),
                    () -> assertEquals(List.of("svc-0", "svc-100"), failFirst.requests.get(2).evaluations().stream()
                            .map(Evaluation::complianceResourceId).toList()),
                    () -> assertTrue(failFirst.requests.stream()
                            .allMatch(r -> r.testMode() && TOKEN.equals(r.resultToken()))));
        }
    }

    /** Config rejects a call with an invalid token (InvalidResultTokenException) as moto does: nothing is dropped. */
    private void aRejectedCallReportsEveryEvaluationOfItsChunk() {
        var publisher = new EvaluationPublisher(new SdkAccount(clients).configRule(true));
        var evaluations = evaluations(150);

        List<Unrecorded> unrecorded = publisher.publish(evaluations, "");

        assertEquals(evaluations, unrecorded.stream().map(Unrecorded::evaluation).toList());
        assertTrue(unrecorded.stream().allMatch(u -> u.reason().startsWith(
                "Config.PutEvaluations: InvalidResultTokenException")), unrecorded.getFirst().reason());
        assertEquals(Map.of("Config.PutEvaluations", 4L), clients.apiCalls().snapshot(), "each chunk retried once");
    }

    /**
     * moto's Config lists no AWS::ECS::Service even when ECS has some (it records S3, IAM and SNS only): the
     * listing request is accepted and finds none, so nothing is batch-read.
     */
    private void recordedServicesListsWhatConfigRecords() {
        Map<String, String> recorded = new SdkAccount(clients).configRule(true).recordedServices();

        assertEquals(Map.of(), recorded);
        assertEquals(Map.of("Config.ListDiscoveredResources", 1L), clients.apiCalls().snapshot());
    }

    /** Config answers ResourceNotDiscoveredException for a resource id it does not know, and so does moto. */
    private void clusterOfAnUndiscoveredResourceIsAnApiError() {
        var api = new SdkAccount(clients).configRule(true);

        var error = assertThrows(AwsApiException.class, () -> api.clusterOf("never-recorded"));

        assertEquals("Config.GetResourceConfigHistory", error.operation());
        assertEquals("ResourceNotDiscoveredException", error.errorCode());
    }

    private static List<ConfigEvaluation> evaluations(int n) {
        return IntStream.range(0, n).mapToObj(i -> new ConfigEvaluation(ConfigEvaluation.ECS_SERVICE, "svc-" + i,
                i % 2 == 0 ? ComplianceType.COMPLIANT : ComplianceType.NON_COMPLIANT, "annotation " + i, AT)).toList();
    }

    /** Records every PutEvaluations request and answers that its first evaluation failed. */
    private static final class FailFirstEvaluation implements ExecutionInterceptor {
        final List<PutEvaluationsRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                               ExecutionAttributes attributes) {
            if (!(context.request() instanceof PutEvaluationsRequest request)) {
                return context.responseBody();
            }
            requests.add(request);
            Evaluation first = request.evaluations().getFirst();
            String body = """
                    {"FailedEvaluations":[{"ComplianceResourceType":"%s","ComplianceResourceId":"%s",\
                    "ComplianceType":"%s","OrderingTimestamp":%d}]}""".formatted(first.complianceResourceType(),
                    first.complianceResourceId(), first.complianceTypeAsString(),
                    first.orderingTimestamp().getEpochSecond());
            return Optional.of(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
