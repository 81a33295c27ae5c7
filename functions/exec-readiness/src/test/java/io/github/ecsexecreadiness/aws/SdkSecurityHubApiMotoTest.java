package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.EcsServiceBuilder;
import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.report.securityhub.Finding.ComplianceStatus;
import io.github.ecsexecreadiness.report.securityhub.Finding.WorkflowStatus;
import io.github.ecsexecreadiness.report.securityhub.Finding;
import io.github.ecsexecreadiness.report.securityhub.FindingMapper;
import io.github.ecsexecreadiness.report.securityhub.StoredFinding;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * SdkSecurityHubApi against moto 5.2.1: BatchImportFindings, then GetFindings reads the findings back. moto
 * ignores GetFindings filters, keeps no UpdatedAt ordering or workflow rules, and has no BatchUpdateFindings
 * (those behaviours are modelled by InMemorySecurityHub and tested in FindingsReportTest).
 */
@StartsEmulator
class SdkSecurityHubApiMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final String REGION = MotoServer.REGION.id();
    private static final String SERVICE_ARN = "arn:aws:ecs:" + REGION + ":" + MotoServer.ACCOUNT_ID + ":service/prod/web";
    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00.123Z");

    private final FindingMapper mapper = new FindingMapper(MotoServer.ACCOUNT_ID, REGION, "aws",
            "exec.service-flag"::equals);
    private AwsClients clients;
    private SecurityHubClient client;
    private SdkSecurityHubApi hub;

    @BeforeEach
    void open() {
        clients = moto.newClients();
        client = clients.securityHub();
        client.enableSecurityHub(r -> r.enableDefaultStandards(false));
        hub = new SdkSecurityHubApi(client, mapper.productArn());
    }

    @AfterEach
    void close() {
        clients.close();
    }

    private List<Finding> findings(Status status, Instant now) {
        Ecs.Service service = EcsServiceBuilder.builder(Scenario.ready().service()).arn(SERVICE_ARN).clusterArn(
                "arn:aws:ecs:" + REGION + ":" + MotoServer.ACCOUNT_ID + ":cluster/prod").build();
        return mapper.findings(new ServiceReport(service, List.of(
                new CheckResult(Checks.byId("exec.service-flag").metadata(), status, "enableExecuteCommand is false"),
                new CheckResult(Checks.byId("container.readonly-root").metadata(), Status.PASS, ""))), now);
    }

    @Test
    void importedFindingsAreReadBackWithEveryField() {
        List<Finding> sent = findings(Status.FAIL, NOW);
        assertEquals(List.of(), hub.batchImportFindings(sent));

        AwsSecurityFinding read = client.getFindings(r -> r.maxResults(100)).findings().stream()
                .filter(f -> f.id().equals(sent.get(0).id())).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals("2018-10-08", read.schemaVersion()),
                () -> assertEquals(mapper.productArn(), read.productArn()),
                () -> assertEquals("ecs-exec-readiness/exec.service-flag", read.generatorId()),
                () -> assertEquals(MotoServer.ACCOUNT_ID, read.awsAccountId()),
                () -> assertEquals("HIGH", read.severity().labelAsString()),
                () -> assertEquals("HIGH", read.findingProviderFields().severity().labelAsString()),
                () -> assertEquals(read.types(), read.findingProviderFields().types()),
                () -> assertEquals("FAILED", read.compliance().statusAsString()),
                () -> assertEquals("ACTIVE", read.recordStateAsString()),
                () -> assertEquals("NEW", read.workflow().statusAsString()),
                () -> assertEquals(NOW, Instant.parse(read.createdAt())),
                () -> assertEquals(sent.get(0).remediationUrl(), read.remediation().recommendation().url()),
                () -> assertEquals("true", read.productFields().get(FindingMapper.FIELD_AUTO_FIXABLE)),
                () -> assertEquals("AwsEcsService", read.resources().get(0).type()),
                () -> assertEquals(SERVICE_ARN, read.resources().get(0).id()),
                () -> assertEquals("web", read.resources().get(0).details().awsEcsService().name()),
                () -> assertEquals(sent.get(0).resource().details().network().subnets(), read.resources().get(0)
                        .details().awsEcsService().networkConfiguration().awsVpcConfiguration().subnets()));
    }

    @Test
    void activeFindingsAreTheToolsOwnWithTheirState() {
        hub.batchImportFindings(findings(Status.FAIL, NOW));
        // Another generator's finding in the same product: moto ignores filters, the adapter must not.
        AwsSecurityFinding other = SdkSecurityHubApi.toSdk(findings(Status.FAIL, NOW).get(0)).toBuilder()
                .id("someone-else").generatorId("other-tool/x").build();
        client.batchImportFindings(r -> r.findings(other));

        List<StoredFinding> active = hub.activeFindings(FindingMapper.GENERATOR_PREFIX, Optional.empty());
        assertEquals(2, active.size());
        StoredFinding failing = active.stream().filter(s -> "exec.service-flag".equals(s.checkId())).findFirst()
                .orElseThrow();
        assertEquals(new StoredFinding(mapper.findingId(SERVICE_ARN, "exec.service-flag"), SERVICE_ARN,
                "exec.service-flag", NOW, ComplianceStatus.FAILED, WorkflowStatus.NEW), failing);
        assertEquals(List.of(), hub.activeFindings(FindingMapper.GENERATOR_PREFIX,
                Optional.of(SERVICE_ARN + "-gone")));
    }

    @Test
    void aFixIsReimportedAndAnArchivedFindingIsNoLongerActive() {
        hub.batchImportFindings(findings(Status.FAIL, NOW));
        hub.batchImportFindings(findings(Status.PASS, NOW.plusSeconds(60)));
        StoredFinding fixed = hub.activeFindings(FindingMapper.GENERATOR_PREFIX, Optional.of(SERVICE_ARN)).stream()
                .filter(s -> "exec.service-flag".equals(s.checkId())).findFirst().orElseThrow();
        assertEquals(ComplianceStatus.PASSED, fixed.complianceStatus());

        hub.batchImportFindings(List.of(mapper.archived(fixed, NOW.plusSeconds(120))));
        assertTrue(hub.activeFindings(FindingMapper.GENERATOR_PREFIX, Optional.empty()).stream()
                .noneMatch(s -> s.id().equals(fixed.id())));
    }

    /** moto 5.2.1 has no BatchUpdateFindings: the PATCH reaches it (the Apache client sends PATCH) and fails there. */
    @Test
    void batchUpdateFindingsIsAnAwsErrorNotAClientError() {
        AwsApiException e = assertThrows(AwsApiException.class,
                () -> hub.updateWorkflow(List.of("x"), WorkflowStatus.RESOLVED));
        assertNotEquals("ClientError", e.errorCode(), e.getMessage());
    }
}
