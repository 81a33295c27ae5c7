package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.report.securityhub.Finding;
import io.github.ecsexecreadiness.report.securityhub.FindingMapper;
import io.github.ecsexecreadiness.report.securityhub.SecurityHubApi;
import io.github.ecsexecreadiness.report.securityhub.StoredFinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsEcsServiceDetails;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingIdentifier;
import software.amazon.awssdk.services.securityhub.model.BatchUpdateFindingsRequest;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;

/** {@link SecurityHubApi} over the AWS SDK, for the account's own {@code default} product. */
public final class SdkSecurityHubApi implements SecurityHubApi {
    private static final int PAGE_MAX = 100;

    private final SecurityHubClient hub;
    private final String productArn;

    /** @param productArn {@code arn:<partition>:securityhub:<region>:<account>:product/<account>/default} */
    public SdkSecurityHubApi(SecurityHubClient hub, String productArn) {
        this.hub = hub;
        this.productArn = productArn;
    }

    @Override
    public List<Failure> batchImportFindings(List<Finding> findings) {
        List<AwsSecurityFinding> request = findings.stream().map(SdkSecurityHubApi::toSdk).toList();
        return call("SecurityHub.BatchImportFindings", () -> hub.batchImportFindings(r -> r.findings(request))
                .failedFindings().stream()
                .map(f -> new Failure(f.id(), f.errorCode(), f.errorMessage())).toList());
    }

    @Override
    public List<StoredFinding> activeFindings(String generatorIdPrefix, Optional<String> resourceArn) {
        AwsSecurityFindingFilters.Builder filters = AwsSecurityFindingFilters.builder()
                .productArn(equalTo(productArn))
                .generatorId(StringFilter.builder().comparison(StringFilterComparison.PREFIX)
                        .value(generatorIdPrefix).build())
                .recordState(equalTo(Finding.RecordState.ACTIVE.name()));
        resourceArn.ifPresent(arn -> filters.resourceId(equalTo(arn)));
        // Checked again here: an emulator that ignores filters must not make this tool archive others' findings.
        Predicate<AwsSecurityFinding> selected = f -> productArn.equals(f.productArn())
                && f.generatorId() != null && f.generatorId().startsWith(generatorIdPrefix)
                && Finding.RecordState.ACTIVE.name().equals(f.recordStateAsString())
                && resourceArn.map(arn -> arn.equals(resourceArnOf(f))).orElse(true);
        return call("SecurityHub.GetFindings", () -> {
            List<StoredFinding> stored = new ArrayList<>();
            for (AwsSecurityFinding finding : hub.getFindingsPaginator(r -> r.filters(filters.build())
                    .maxResults(PAGE_MAX)).findings()) {
                if (selected.test(finding)) {
                    stored.add(fromSdk(finding));
                }
            }
            return stored;
        });
    }

    @Override
    public List<Failure> updateWorkflow(List<String> findingIds, Finding.WorkflowStatus status) {
        return batchUpdate(findingIds, r -> r.workflow(w -> w.status(status.name())));
    }

    @Override
    public List<Failure> note(List<String> findingIds, String text, String updatedBy,
                              Optional<Finding.WorkflowStatus> workflow) {
        return batchUpdate(findingIds, r -> {
            r.note(n -> n.text(text).updatedBy(updatedBy));
            workflow.ifPresent(status -> r.workflow(w -> w.status(status.name())));
        });
    }

    private List<Failure> batchUpdate(List<String> findingIds, Consumer<BatchUpdateFindingsRequest.Builder> update) {
        List<AwsSecurityFindingIdentifier> identifiers = findingIds.stream()
                .map(id -> AwsSecurityFindingIdentifier.builder().id(id).productArn(productArn).build()).toList();
        return call("SecurityHub.BatchUpdateFindings", () -> hub.batchUpdateFindings(r -> {
                    r.findingIdentifiers(identifiers);
                    update.accept(r);
                })
                .unprocessedFindings().stream()
                .map(u -> new Failure(u.findingIdentifier().id(), u.errorCode(), u.errorMessage())).toList());
    }

    /**
     * Severity and Types always go in FindingProviderFields, and at top level only when the finding is new
     * (CreatedAt equals UpdatedAt; FindingsReport sets the stored CreatedAt on updates): Security Hub copies
     * the provider's values to the top level unless a user changed them there with BatchUpdateFindings, and a
     * top-level value in an update would overwrite that user's choice.
     */
    static AwsSecurityFinding toSdk(Finding f) {
        AwsSecurityFinding.Builder b = AwsSecurityFinding.builder()
                .schemaVersion(Finding.SCHEMA_VERSION)
                .id(f.id())
                .productArn(f.productArn())
                .generatorId(f.generatorId())
                .awsAccountId(f.awsAccountId())
                .createdAt(f.createdAt().toString())
                .updatedAt(f.updatedAt().toString())
                .lastObservedAt(f.updatedAt().toString())
                .findingProviderFields(p -> p.severity(s -> s.label(f.severity().name())).types(f.types()))
                .title(f.title())
                .description(f.description())
                .productFields(f.productFields())
                .compliance(c -> c.status(f.complianceStatus().name()))
                .recordState(f.recordState().name())
                .workflow(w -> w.status(f.workflowStatus().name()))
                .resources(resource(f.resource()));
        if (f.createdAt().equals(f.updatedAt())) {
            b.severity(s -> s.label(f.severity().name())).types(f.types());
        }
        if (f.remediationText() != null) {
            b.remediation(r -> r.recommendation(rec -> rec.text(f.remediationText()).url(f.remediationUrl())));
        }
        return b.build();
    }

    private static software.amazon.awssdk.services.securityhub.model.Resource resource(Finding.Resource r) {
        var resource = software.amazon.awssdk.services.securityhub.model.Resource.builder()
                .type(r.type()).id(r.id()).partition(r.partition()).region(r.region());
        if (r.details() != null) {
            resource.details(d -> d.awsEcsService(ecsService(r.details())));
        }
        return resource.build();
    }

    private static AwsEcsServiceDetails ecsService(Finding.EcsServiceDetails d) {
        AwsEcsServiceDetails.Builder b = AwsEcsServiceDetails.builder()
                .name(d.name()).serviceName(d.name()).serviceArn(d.serviceArn()).cluster(d.cluster())
                .taskDefinition(d.taskDefinition()).enableExecuteCommand(d.enableExecuteCommand())
                .launchType(d.launchType()).platformVersion(d.platformVersion()).desiredCount(d.desiredCount())
                .deploymentController(c -> c.type(d.deploymentControllerType()));
        if (d.network() != null) {
            b.networkConfiguration(n -> n.awsVpcConfiguration(v -> v.subnets(d.network().subnets())
                    .securityGroups(d.network().securityGroups()).assignPublicIp(d.network().assignPublicIp())));
        }
        return b.build();
    }

    private static StoredFinding fromSdk(AwsSecurityFinding f) {
        return new StoredFinding(f.id(), resourceArnOf(f), f.productFields().get(FindingMapper.FIELD_CHECK_ID),
                f.createdAt() == null ? null : Instant.parse(f.createdAt()),
                f.compliance() == null || f.compliance().statusAsString() == null ? null
                        : Finding.ComplianceStatus.valueOf(f.compliance().statusAsString()),
                f.workflow() == null || f.workflow().statusAsString() == null ? null
                        : Finding.WorkflowStatus.valueOf(f.workflow().statusAsString()));
    }

    private static String resourceArnOf(AwsSecurityFinding f) {
        return f.resources().isEmpty() ? null : f.resources().get(0).id();
    }

    private static StringFilter equalTo(String value) {
        return StringFilter.builder().comparison(StringFilterComparison.EQUALS).value(value).build();
    }
}
