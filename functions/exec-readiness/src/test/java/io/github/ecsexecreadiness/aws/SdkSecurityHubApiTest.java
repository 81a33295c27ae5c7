package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.report.securityhub.Finding;
import io.github.ecsexecreadiness.report.securityhub.FindingMapper;
import io.github.ecsexecreadiness.report.securityhub.Finding.WorkflowStatus;
import io.github.ecsexecreadiness.report.securityhub.SecurityHubApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchUpdateFindingsRequest;
import software.amazon.awssdk.services.securityhub.model.BatchUpdateFindingsResponse;

/** The ASFF the adapter sends: provider fields always, top-level severity and types only on creation. */
class SdkSecurityHubApiTest {
    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");
    private static final String PRODUCT = "arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default";
    private final Finding finding = new FindingMapper(Scenario.ACCOUNT, Scenario.REGION, "aws", id -> true)
            .findings(new ServiceReport(Scenario.ready().service(), List.of(new CheckResult(
                    Checks.byId("container.readonly-root").metadata(), Status.FAIL, "container web"))), NOW).get(0);

    @Test
    void aNewFindingCarriesSeverityAndTypesAtTopLevelAndInProviderFields() {
        AwsSecurityFinding sent = SdkSecurityHubApi.toSdk(finding);
        assertAll(
                () -> assertEquals("2018-10-08", sent.schemaVersion()),
                () -> assertEquals("HIGH", sent.severity().labelAsString()),
                () -> assertEquals("HIGH", sent.findingProviderFields().severity().labelAsString()),
                () -> assertEquals(finding.types(), sent.types()),
                () -> assertEquals(finding.types(), sent.findingProviderFields().types()),
                () -> assertEquals("2026-11-29T09:00:00Z", sent.createdAt()),
                () -> assertEquals(sent.updatedAt(), sent.lastObservedAt()),
                () -> assertEquals("AwsEcsService", sent.resources().get(0).type()),
                () -> assertEquals(Scenario.CLUSTER_ARN, sent.resources().get(0).details().awsEcsService().cluster()),
                () -> assertEquals("NEW", sent.workflow().statusAsString()),
                () -> assertEquals("FAILED", sent.compliance().statusAsString()));
    }

    @Test
    void anUpdateLeavesTheTopLevelToSecurityHub() {
        AwsSecurityFinding sent = SdkSecurityHubApi.toSdk(finding.withCreatedAt(NOW.minusSeconds(3600)));
        assertNull(sent.severity());
        assertFalse(sent.hasTypes());
        assertEquals("HIGH", sent.findingProviderFields().severity().labelAsString());
        assertEquals("2026-11-29T08:00:00Z", sent.createdAt());
    }

    /** BatchUpdateFindings names each finding with its product, and the UnprocessedFindings come back as failures. */
    @Test
    void aNoteIsSentWithTheWorkflowWhenGivenAndUnprocessedFindingsAreRead() {
        List<Object> sent = new ArrayList<>();
        SecurityHubClient client = FakeSdkClient.of(SecurityHubClient.class, BatchUpdateFindingsRequest.class,
                request -> BatchUpdateFindingsResponse.builder().unprocessedFindings(u -> u
                        .findingIdentifier(i -> i.id("b").productArn(PRODUCT)).errorCode("FindingNotFound")
                        .errorMessage("no such finding")).build(), sent);
        SdkSecurityHubApi api = new SdkSecurityHubApi(client, PRODUCT);

        var unprocessed = api.note(List.of("a", "b"), "applied", "arn:action", Optional.of(WorkflowStatus.NOTIFIED));
        api.note(List.of("a"), "nothing applied", "arn:action", Optional.empty());

        assertEquals(List.of(new SecurityHubApi.Failure("b", "FindingNotFound", "no such finding")), unprocessed);
        BatchUpdateFindingsRequest first = (BatchUpdateFindingsRequest) sent.get(0);
        assertEquals(List.of("a", "b"), first.findingIdentifiers().stream().map(i -> i.id()).toList());
        assertTrue(first.findingIdentifiers().stream().allMatch(i -> PRODUCT.equals(i.productArn())));
        assertEquals("applied", first.note().text());
        assertEquals("arn:action", first.note().updatedBy());
        assertEquals("NOTIFIED", first.workflow().statusAsString());
        assertNull(((BatchUpdateFindingsRequest) sent.get(1)).workflow(), "workflow left as it is");
    }
}
