package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.cli.preflight.ConfigRecorder;
import io.github.ecsexecreadiness.cli.preflight.DeploymentTarget;
import io.github.ecsexecreadiness.cli.preflight.Trail;
import io.github.ecsexecreadiness.collect.AwsApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ConfigurationRecorder;
import software.amazon.awssdk.services.config.model.ConfigurationRecorderStatus;
import software.amazon.awssdk.services.config.model.RecordingGroup;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/** {@link DeploymentTarget} over the AWS SDK: the clients are built on first use, each with the account's settings. */
public final class SdkDeploymentTarget implements DeploymentTarget {
    private final AwsClients clients;
    private OrganizationsClient organizations;

    public SdkDeploymentTarget(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String region() {
        return clients.region().id();
    }

    @Override
    public List<ConfigRecorder> configurationRecorders() {
        ConfigClient config = clients.build(ConfigClient.builder());
        List<ConfigurationRecorder> recorders = call("Config.DescribeConfigurationRecorders",
                () -> config.describeConfigurationRecorders(r -> { }).configurationRecorders());
        if (recorders.isEmpty()) {
            return List.of();
        }
        Map<String, Boolean> recording = call("Config.DescribeConfigurationRecorderStatus",
                () -> config.describeConfigurationRecorderStatus(r -> { }).configurationRecordersStatus())
                .stream().collect(Collectors.toMap(ConfigurationRecorderStatus::name,
                        s -> Boolean.TRUE.equals(s.recording()), (a, b) -> a));
        return recorders.stream().map(r -> recorder(r, recording.get(r.name()))).toList();
    }

    private static ConfigRecorder recorder(ConfigurationRecorder recorder, Boolean recording) {
        RecordingGroup group = recorder.recordingGroup();
        if (group == null) {
            return new ConfigRecorder(recorder.name(), false, List.of(), null, List.of(), recording);
        }
        String strategy = group.recordingStrategy() == null ? null : group.recordingStrategy().useOnlyAsString();
        List<String> exclusions = group.exclusionByResourceTypes() == null ? List.of()
                : group.exclusionByResourceTypes().resourceTypesAsStrings();
        return new ConfigRecorder(recorder.name(), Boolean.TRUE.equals(group.allSupported()),
                group.resourceTypesAsStrings(), strategy, exclusions, recording);
    }

    @Override
    public boolean securityHubEnabled() {
        SecurityHubClient securityHub = clients.securityHub();
        try {
            call("SecurityHub.DescribeHub", () -> securityHub.describeHub(r -> { }));
            return true;
        } catch (AwsApiException e) {
            if ("InvalidAccessException".equals(e.errorCode())) {
                return false; // "Account is not subscribed to AWS Security Hub"
            }
            throw e;
        }
    }

    @Override
    public List<Trail> trails() {
        CloudTrailClient cloudTrail = clients.build(CloudTrailClient.builder());
        String region = region();
        var described = call("CloudTrail.DescribeTrails",
                () -> cloudTrail.describeTrails(r -> r.includeShadowTrails(true)).trailList());
        List<Trail> trails = new ArrayList<>();
        for (var trail : described) {
            if (!region.equals(trail.homeRegion()) && !Boolean.TRUE.equals(trail.isMultiRegionTrail())) {
                continue;
            }
            String arn = trail.trailARN();
            boolean multiRegion = Boolean.TRUE.equals(trail.isMultiRegionTrail());
            boolean organization = Boolean.TRUE.equals(trail.isOrganizationTrail());
            try {
                // The ARN, not the name: a shadow trail is found only by its ARN outside its home Region.
                Boolean logging = call("CloudTrail.GetTrailStatus", () -> cloudTrail.getTrailStatus(r -> r.name(arn)))
                        .isLogging();
                GetEventSelectorsResponse selectors = call("CloudTrail.GetEventSelectors",
                        () -> cloudTrail.getEventSelectors(r -> r.trailName(arn)));
                trails.add(new Trail(arn, trail.homeRegion(), multiRegion, organization, logging,
                        selectors.eventSelectors().stream().map(s -> new Trail.EventSelector(
                                s.includeManagementEvents(), s.readWriteTypeAsString())).toList(),
                        selectors.advancedEventSelectors().stream().map(s -> new Trail.AdvancedSelector(
                                s.fieldSelectors().stream().map(f -> new Trail.FieldSelector(f.field(),
                                        f.equalsValue(), f.notEquals())).toList())).toList(),
                        null));
            } catch (AwsApiException e) {
                trails.add(new Trail(arn, trail.homeRegion(), multiRegion, organization, null, List.of(), List.of(),
                        e.getMessage()));
            }
        }
        return trails;
    }

    @Override
    public String organizationId() {
        OrganizationsClient organizations = organizations();
        try {
            return call("Organizations.DescribeOrganization", () -> organizations.describeOrganization().organization().id());
        } catch (AwsApiException e) {
            if ("AWSOrganizationsNotInUseException".equals(e.errorCode())) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public int childrenOf(String parentId) {
        OrganizationsClient organizations = organizations();
        // Organizations' paginators do not flatten the items: count them page by page.
        long accounts = call("Organizations.ListAccountsForParent", () -> organizations
                .listAccountsForParentPaginator(r -> r.parentId(parentId)).stream()
                .mapToLong(page -> page.accounts().size()).sum());
        long units = call("Organizations.ListOrganizationalUnitsForParent", () -> organizations
                .listOrganizationalUnitsForParentPaginator(r -> r.parentId(parentId)).stream()
                .mapToLong(page -> page.organizationalUnits().size()).sum());
        return Math.toIntExact(accounts + units);
    }

    private OrganizationsClient organizations() {
        if (organizations == null) {
            organizations = clients.organizations();
        }
        return organizations;
    }
}
