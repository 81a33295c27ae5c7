package io.github.ecsexecreadiness.cli.preflight;

import io.github.ecsexecreadiness.cli.preflight.PreflightReport.Finding;
import io.github.ecsexecreadiness.cli.preflight.PreflightReport.Status;
import io.github.ecsexecreadiness.collect.AwsApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code preflight}: reads the target account and Region (read-only) and says what a deployment there needs,
 * one finding per question, with the template parameters that follow. An AWS error on one question makes that
 * question UNKNOWN (with the override that cannot fail) and the others still run.
 */
public final class Preflight {
    /** EventBridge gets "AWS API Call via CloudTrail" events only from a trail with logging on. */
    static final String CLOUDTRAIL_SOURCE = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html";

    private final DeploymentTarget target;

    public Preflight(DeploymentTarget target) {
        this.target = target;
    }

    public PreflightReport run(PreflightSettings settings) {
        List<Finding> findings = new ArrayList<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        findings.add(stackName(settings.stackName()));
        findings.add(configRecorder(overrides));
        findings.add(securityHub(overrides));
        findings.add(cloudTrail());
        findings.add(snapStart());
        findings.add(organizations(settings, overrides));
        return new PreflightReport(settings.stackName(), target.region(), settings.profile(), findings, overrides);
    }

    static Finding stackName(String stackName) {
        String check = "stack-name";
        if (stackName.length() > DerivedName.STACK_NAME_MAX || !stackName.matches(DerivedName.STACK_NAME_PATTERN)) {
            return new Finding(check, Status.BLOCKED, "CloudFormation accepts a stack name of letters, digits and "
                    + "hyphens, starting with a letter, at most " + DerivedName.STACK_NAME_MAX + " characters: "
                    + stackName + " is not one");
        }
        List<String> overflowing = DerivedName.ALL.stream().filter(n -> n.with(stackName).length() > n.maxLength())
                .map(n -> n.resourceType() + " " + n.property() + " " + n.with(stackName) + " ("
                        + n.with(stackName).length() + " > " + n.maxLength() + ")")
                .distinct().toList();
        int longest = DerivedName.ALL.stream().mapToInt(DerivedName::longestStackName).min().orElseThrow();
        if (!overflowing.isEmpty()) {
            return new Finding(check, Status.BLOCKED, stackName.length() + " characters is too long for "
                    + String.join("; ", overflowing) + ": use a stack name of at most " + longest + " characters");
        }
        return new Finding(check, Status.OK, stackName + " fits every name derived from it (at most " + longest
                + " characters do)");
    }

    private Finding configRecorder(Map<String, String> overrides) {
        String check = "config-recorder";
        List<ConfigRecorder> recorders;
        try {
            recorders = target.configurationRecorders();
        } catch (AwsApiException e) {
            overrides.put("CreateConfigRule", "false");
            return unknown(check, e, "CreateConfigRule=false cannot fail; the scheduled sweep evaluates instead");
        }
        String region = target.region();
        if (recorders.isEmpty()) {
            overrides.put("CreateConfigRule", "false");
            return new Finding(check, Status.ADJUSTED, "no AWS Config configuration recorder in " + region
                    + ": CreateConfigRule=false, and the scheduled sweep (ScheduledSweep=Auto) evaluates instead");
        }
        ConfigRecorder recorder = recorders.getFirst();
        if (!Boolean.TRUE.equals(recorder.recording())) {
            overrides.put("CreateConfigRule", "false");
            return new Finding(check, Status.ADJUSTED, "configuration recorder " + recorder.name() + " is not "
                    + "recording (aws configservice start-configuration-recorder --configuration-recorder-name "
                    + recorder.name() + " turns it on): CreateConfigRule=false until it does");
        }
        if (!recorder.recordsEcsServices()) {
            overrides.put("CreateConfigRule", "false");
            return new Finding(check, Status.ADJUSTED, "configuration recorder " + recorder.name() + " does not "
                    + "record " + ConfigRecorder.ECS_SERVICE + " (" + recordingGroup(recorder) + "): add it to the "
                    + "recording group, or deploy with CreateConfigRule=false");
        }
        overrides.put("CreateConfigRule", "true");
        return new Finding(check, Status.OK, "configuration recorder " + recorder.name() + " is recording and "
                + "records " + ConfigRecorder.ECS_SERVICE + " (" + recordingGroup(recorder) + ")");
    }

    private static String recordingGroup(ConfigRecorder recorder) {
        if ("EXCLUSION_BY_RESOURCE_TYPES".equals(recorder.recordingStrategy())) {
            return "every type except " + recorder.exclusions();
        }
        return recorder.allSupported() ? "allSupported" : "resourceTypes " + recorder.resourceTypes();
    }

    private Finding securityHub(Map<String, String> overrides) {
        String check = "security-hub";
        boolean enabled;
        try {
            enabled = target.securityHubEnabled();
        } catch (AwsApiException e) {
            overrides.put("EnableFindings", "false");
            return unknown(check, e, "EnableFindings=false cannot fail");
        }
        overrides.put("EnableFindings", String.valueOf(enabled));
        return enabled
                ? new Finding(check, Status.OK, "Security Hub CSPM is enabled in " + target.region()
                        + ": findings and the \"Fix ECS Exec\" custom action can be deployed")
                : new Finding(check, Status.ADJUSTED, "Security Hub CSPM is not enabled in " + target.region()
                        + " (DescribeHub: InvalidAccessException): EnableFindings=false");
    }

    private Finding cloudTrail() {
        String check = "cloudtrail";
        List<Trail> trails;
        try {
            trails = target.trails();
        } catch (AwsApiException e) {
            return unknown(check, e, "the CreateService/UpdateService rule may stay silent");
        }
        List<Trail> delivering = trails.stream()
                .filter(t -> Boolean.TRUE.equals(t.logging()) && t.logsEcsWriteManagementEvents()).toList();
        if (!delivering.isEmpty()) {
            Trail trail = delivering.getFirst();
            return new Finding(check, Status.OK, "trail " + trail.arn() + (trail.organization() ? " (organisation)" : "")
                    + " is logging ECS write management events here: the CloudTrail CreateService/UpdateService "
                    + "rule will fire");
        }
        List<String> unreadable = trails.stream().filter(t -> t.unreadable() != null)
                .map(t -> t.arn() + ": " + t.unreadable()).toList();
        if (!unreadable.isEmpty()) {
            return new Finding(check, Status.UNKNOWN, "no trail is known to log ECS write management events here; "
                    + "unreadable: " + String.join("; ", unreadable));
        }
        return new Finding(check, Status.WARN, "no trail logs ECS write management events in " + target.region()
                + (trails.isEmpty() ? "" : " (" + trails.size() + " trail(s) found, none logging them)")
                + ": EventBridge receives CloudTrail API calls only through such a trail (" + CLOUDTRAIL_SOURCE
                + "), so the CreateService/UpdateService rule will stay silent; ECS's own deployment and "
                + "service-action events still arrive");
    }

    private Finding snapStart() {
        String region = target.region();
        return switch (SnapStartRegions.offered(region)) {
            case YES -> new Finding("snapstart", Status.OK, "Lambda SnapStart is offered in " + region);
            case NO -> new Finding("snapstart", Status.BLOCKED, "Lambda SnapStart is not offered in " + region
                    + " (" + SnapStartRegions.SOURCE + ") and every function of the template uses it");
            case UNKNOWN -> new Finding("snapstart", Status.WARN, region + " is not in the list of Regions "
                    + "where Lambda SnapStart is offered that this tool knows (" + SnapStartRegions.SOURCE
                    + "): check it there before deploying");
        };
    }

    private Finding organizations(PreflightSettings settings, Map<String, String> overrides) {
        String check = "organizations";
        if (!settings.organisationParameters()) {
            return new Finding(check, Status.SKIPPED, "no organisation parameter given");
        }
        putIfSet(overrides, "MemberRoleName", settings.memberRoleName());
        putIfSet(overrides, "OrganizationId", settings.organizationId());
        putIfSet(overrides, "SweepAccounts", String.join(",", settings.sweepAccounts()));
        putIfSet(overrides, "SweepOrganizationalUnits", String.join(",", settings.sweepOrganizationalUnits()));
        putIfSet(overrides, "SweepRegions", String.join(",", settings.sweepRegions()));
        putIfSet(overrides, "ConfigRuleScope", settings.configRuleScope());
        List<String> blocks = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        if (settings.memberRoleName() == null) {
            String account = read(target::accountId, blocks);
            if (!settings.sweepOrganizationalUnits().isEmpty() || !settings.sweepRegions().isEmpty()
                    || settings.sweepAccounts().stream().anyMatch(a -> !a.equals(account))
                    || "Organization".equals(settings.configRuleScope())) {
                blocks.add("other accounts, Regions or an organization Config rule need --member-role-name "
                        + "(the RoleName of member-role.yaml)");
            }
        }
        if (settings.organizationId() != null) {
            String organization = read(target::organizationId, blocks);
            if (organization == null && blocks.isEmpty()) {
                blocks.add("this account is not in an organisation (DescribeOrganization: "
                        + "AWSOrganizationsNotInUseException)");
            } else if (organization != null && !organization.equals(settings.organizationId())) {
                blocks.add("this account belongs to " + organization + ", not " + settings.organizationId());
            } else if (organization != null) {
                seen.add("organisation " + organization);
            }
        }
        for (String parent : settings.sweepOrganizationalUnits()) {
            Integer children = read(() -> target.childrenOf(parent), blocks);
            if (children != null) {
                seen.add(parent + " (" + children + " accounts and OUs directly under it)");
            }
        }
        if (!blocks.isEmpty()) {
            return new Finding(check, Status.BLOCKED, String.join("; ", blocks));
        }
        return new Finding(check, Status.OK, seen.isEmpty() ? "the organisation parameters are consistent"
                : "Organizations can be read: " + String.join(", ", seen));
    }

    /** The answer, or null with the error (naming the action to allow) added to {@code blocks}. */
    private static <T> T read(Supplier<T> question, List<String> blocks) {
        try {
            return question.get();
        } catch (AwsApiException e) {
            blocks.add(e.getMessage() + (e.isAccessDenied()
                    ? " (deploy from the management account or a delegated administrator, with this permission)"
                    : ""));
            return null;
        }
    }

    private static void putIfSet(Map<String, String> overrides, String parameter, String value) {
        if (value != null && !value.isEmpty()) {
            overrides.put(parameter, value);
        }
    }

    private static Finding unknown(String check, AwsApiException e, String consequence) {
        return new Finding(check, Status.UNKNOWN, e.getMessage() + ": " + consequence);
    }
}
