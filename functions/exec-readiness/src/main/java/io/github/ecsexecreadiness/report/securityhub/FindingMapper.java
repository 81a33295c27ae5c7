package io.github.ecsexecreadiness.report.securityhub;

import static io.github.ecsexecreadiness.report.Texts.fit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.model.Arns;
import io.github.ecsexecreadiness.model.Digests;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.report.securityhub.Finding.AwsVpcConfiguration;
import io.github.ecsexecreadiness.report.securityhub.Finding.ComplianceStatus;
import io.github.ecsexecreadiness.report.securityhub.Finding.EcsServiceDetails;
import io.github.ecsexecreadiness.report.securityhub.Finding.RecordState;
import io.github.ecsexecreadiness.report.securityhub.Finding.Resource;
import io.github.ecsexecreadiness.report.securityhub.Finding.WorkflowStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns check results into ASFF findings: one finding per service and check, every run, so that Security Hub
 * always holds the current verdict. A PASS or NOT_APPLICABLE becomes the resolved form (Compliance PASSED,
 * severity INFORMATIONAL), which closes an earlier failure. Pure: no AWS call, no clock.
 *
 * <p>Every ASFF length limit is enforced here, text cut with a visible marker, and a finding over 240 KB loses
 * its optional parts in a fixed order (resource details, then the reason product field).
 */
public final class FindingMapper {
    public static final String PRODUCT = "ecs-exec-readiness";
    /** Every GeneratorId starts with it: GetFindings and automation rules select this tool's findings by it. */
    public static final String GENERATOR_PREFIX = PRODUCT + "/";
    public static final String FIELD_CHECK_ID = PRODUCT + "/CheckId";
    public static final String FIELD_CLUSTER = PRODUCT + "/Cluster";
    public static final String FIELD_TASK_DEFINITION = PRODUCT + "/TaskDefinition";
    public static final String FIELD_AUTO_FIXABLE = PRODUCT + "/AutoFixable";
    public static final String FIELD_STATUS = PRODUCT + "/Status";
    public static final String FIELD_REASON = PRODUCT + "/Reason";

    static final int ID_MAX = 512;
    static final int TITLE_MAX = 256;
    static final int DESCRIPTION_MAX = 1024;
    static final int REMEDIATION_MAX = 512;
    static final int PRODUCT_FIELD_KEY_MAX = 128;
    static final int PRODUCT_FIELD_VALUE_MAX = 2048;
    static final int PRODUCT_FIELDS_MAX = 50;
    /** A reason keeps at least this much of the description, even if the rationale after it is cut. */
    static final int DESCRIPTION_REASON_MIN = 160;

    /** Leads the filled-in commands of a remediation text. */
    static final String RUN = "Run: ";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

    private final String accountId;
    private final String region;
    private final String partition;
    private final Predicate<String> autoFixable;
    private final int findingBytesMax;

    /**
     * @param autoFixable whether this tool can apply the fix for a check id (the remediation planner decides;
     *                    the mapper only reports it)
     */
    public FindingMapper(String accountId, String region, String partition, Predicate<String> autoFixable) {
        this(accountId, region, partition, autoFixable, SecurityHubApi.FINDING_BYTES_MAX);
    }

    /** For tests of the size limit, which no real finding of this tool comes near. */
    FindingMapper(String accountId, String region, String partition, Predicate<String> autoFixable,
                  int findingBytesMax) {
        this.accountId = accountId;
        this.region = region;
        this.partition = partition;
        this.autoFixable = autoFixable;
        this.findingBytesMax = findingBytesMax;
    }

    /** The account's own product: the only one a custom integration may import into. */
    public String productArn() {
        return "arn:%s:securityhub:%s:%s:product/%s/default".formatted(partition, region, accountId, accountId);
    }

    /** One finding per check result of the service, all stamped {@code now}. */
    public List<Finding> findings(ServiceReport report, Instant now) {
        return report.results().stream().map(result -> finding(report.service(), result, now)).toList();
    }

    /**
     * The same service and check give the same Id in every run and every Lambda instance; the service ARN is
     * hashed because it may be longer than the room left and contains characters consoles render oddly.
     */
    public String findingId(String serviceArn, String checkId) {
        return fit("%s/%s/%s/%s/%s".formatted(PRODUCT, accountId, region, checkId, Digests.sha256Hex(serviceArn).substring(0, 32)),
                ID_MAX);
    }

    /**
     * The archived form of a finding whose service is gone (or whose check no longer exists): Compliance
     * NOT_AVAILABLE and RecordState ARCHIVED, as Security Hub's own controls do for deleted resources.
     */
    public Finding archived(StoredFinding stored, Instant now) {
        String checkId = stored.checkId() == null ? "unknown" : stored.checkId();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(FIELD_CHECK_ID, checkId);
        fields.put(FIELD_STATUS, "GONE");
        return new Finding(stored.id(), productArn(), generatorId(checkId), accountId, List.of(FindingType.CONFIGURATION.asff()),
                stored.createdAt() == null ? now : stored.createdAt(), now, Severity.INFORMATIONAL,
                fit("ECS Exec readiness check " + checkId + " no longer applies: the service is gone", TITLE_MAX),
                fit("The ECS service " + stored.resourceArn() + " was not found by a complete scan of the account "
                        + "and Region, so this finding is archived. It becomes active again if the service is "
                        + "created again.", DESCRIPTION_MAX),
                null, null, new Resource("AwsEcsService", stored.resourceArn(), partition, region, null), fields,
                ComplianceStatus.NOT_AVAILABLE, RecordState.ARCHIVED, WorkflowStatus.RESOLVED);
    }

    private Finding finding(Ecs.Service service, CheckResult result, Instant now) {
        CheckMetadata check = result.check();
        boolean resolved = result.status() == Status.PASS || result.status() == Status.NOT_APPLICABLE;
        ComplianceStatus compliance = switch (result.status()) {
            case PASS, NOT_APPLICABLE -> ComplianceStatus.PASSED;
            case FAIL -> ComplianceStatus.FAILED;
            case WARN -> ComplianceStatus.WARNING;
            case UNKNOWN -> ComplianceStatus.NOT_AVAILABLE;
        };
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(FIELD_CHECK_ID, check.id());
        fields.put(FIELD_STATUS, result.status().name());
        fields.put(FIELD_CLUSTER, service.clusterArn());
        fields.put(FIELD_TASK_DEFINITION, service.taskDefinitionArn());
        fields.put(FIELD_AUTO_FIXABLE, Boolean.toString(autoFixable.test(check.id())));
        if (!result.reason().isEmpty()) {
            fields.put(FIELD_REASON, result.reason());
        }
        Finding finding = new Finding(findingId(service.arn(), check.id()), productArn(), generatorId(check.id()),
                accountId, List.of(check.findingType().asff()), now, now, severity(check.severity(), check.stopsSession(), result.status()),
                title(service, check, result.status()), description(service, check, result),
                remediationText(check, result.advice()), check.documentation().toString(),
                new Resource("AwsEcsService", service.arn(), partition, region, details(service)),
                productFields(fields), compliance, RecordState.ACTIVE,
                // Honoured on creation only (a resolved finding is imported only to close an existing one).
                resolved ? WorkflowStatus.RESOLVED : WorkflowStatus.NEW);
        return withinSize(finding);
    }

    /**
     * FAIL carries the check's severity. WARN means ECS Exec works but degraded: one step lower, never below
     * LOW. UNKNOWN (the APIs could not decide, often AccessDenied) is LOW: visible in the default views, which
     * hide INFORMATIONAL, yet below every confirmed failure; MEDIUM for a check that can stop a session, whose
     * UNKNOWN leaves the service's readiness undetermined. INFORMATIONAL is the resolved form.
     */
    static Severity severity(Severity declared, boolean stopsSession, Status status) {
        return switch (status) {
            case FAIL -> declared;
            case WARN -> switch (declared) {
                case CRITICAL -> Severity.HIGH;
                case HIGH -> Severity.MEDIUM;
                case MEDIUM, LOW -> Severity.LOW;
                case INFORMATIONAL -> Severity.INFORMATIONAL;
            };
            case UNKNOWN -> stopsSession && declared != Severity.LOW ? Severity.MEDIUM : Severity.LOW;
            case PASS, NOT_APPLICABLE -> Severity.INFORMATIONAL;
        };
    }

    /**
     * The commands with the service's names filled in, whole commands only (one cut in the middle is not safe to
     * paste), saying how many did not fit; the check's general remediation text when there are none, or when not
     * even the first fits.
     */
    static String remediationText(CheckMetadata check, List<String> advice) {
        StringBuilder text = new StringBuilder(RUN);
        int given = 0;
        for (String command : advice) {
            String more = given + 1 == advice.size() ? "" : moreCommands(advice.size() - given - 1);
            String next = (given == 0 ? "" : "; ") + command;
            if (text.length() + next.length() + more.length() > REMEDIATION_MAX) {
                break;
            }
            text.append(next);
            given++;
        }
        if (given == 0) {
            return fit(check.remediation(), REMEDIATION_MAX);
        }
        return given == advice.size() ? text.toString() : text.append(moreCommands(advice.size() - given)).toString();
    }

    private static String moreCommands(int count) {
        return " (and " + count + " more command" + (count == 1 ? "" : "s") + ": ecs-exec-readiness scan lists them)";
    }

    private static String generatorId(String checkId) {
        return fit(GENERATOR_PREFIX + checkId, ID_MAX);
    }

    private static String title(Ecs.Service service, CheckMetadata check, Status status) {
        String verdict = switch (status) {
            case PASS -> "Met";
            case NOT_APPLICABLE -> "Not applicable";
            case FAIL -> "Not met";
            case WARN -> "At risk";
            case UNKNOWN -> "Undecided";
        };
        return fit("ECS Exec readiness, %s: %s (service %s)".formatted(verdict, check.title(), service.name()),
                TITLE_MAX);
    }

    /**
     * What was found, then why ECS Exec needs it (for container.readonly-root: the ECS.5 trade-off, the
     * writable-volume workaround and that the tool never flips the flag). The reason is cut to the room the
     * rationale leaves, but keeps at least {@value #DESCRIPTION_REASON_MIN} characters.
     */
    private static String description(Ecs.Service service, CheckMetadata check, CheckResult result) {
        String found = result.reason().isEmpty() ? check.title() : result.reason();
        String head = "Service %s of cluster %s, check %s is %s: ".formatted(service.name(),
                Arns.clusterName(service.clusterArn()), check.id(), result.status());
        String tail = ". Why it matters: " + check.rationale();
        int room = Math.max(DESCRIPTION_REASON_MIN, DESCRIPTION_MAX - head.length() - tail.length());
        return fit(head + fit(found, room) + tail, DESCRIPTION_MAX);
    }

    private static EcsServiceDetails details(Ecs.Service service) {
        Ecs.AwsVpcConfiguration vpc = service.awsvpcConfiguration();
        return new EcsServiceDetails(service.name(), service.arn(), service.clusterArn(), service.taskDefinitionArn(),
                service.enableExecuteCommand(), service.launchType(), service.platformVersion(),
                service.deploymentController(), service.desiredCount(),
                vpc == null ? null : new AwsVpcConfiguration(vpc.subnets(), vpc.securityGroups(),
                        vpc.assignPublicIp() ? "ENABLED" : "DISABLED"));
    }

    private static Map<String, String> productFields(Map<String, String> fields) {
        Map<String, String> limited = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (limited.size() < PRODUCT_FIELDS_MAX && value != null && !value.isEmpty()) {
                limited.put(fit(key, PRODUCT_FIELD_KEY_MAX), fit(value, PRODUCT_FIELD_VALUE_MAX));
            }
        });
        return limited;
    }

    /** Over the size limit, drop the resource details, then the reason field: both are repeated elsewhere. */
    private Finding withinSize(Finding finding) {
        if (bytes(finding) <= findingBytesMax) {
            return finding;
        }
        Finding withoutDetails = finding.withoutResourceDetails();
        return bytes(withoutDetails) <= findingBytesMax ? withoutDetails
                : withoutDetails.withoutProductField(FIELD_REASON);
    }

    /** The finding's size as JSON, close to what the SDK sends (the same names and values, camelCase keys). */
    public static int bytes(Finding finding) {
        try {
            return JSON.writeValueAsBytes(finding).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot measure finding " + finding.id(), e);
        }
    }


}
