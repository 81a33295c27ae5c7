package io.github.ecsexecreadiness.report.securityhub;

import io.github.ecsexecreadiness.check.Severity;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of an ASFF finding this tool writes, named as in ASFF. A plain value so that the mapper and its
 * limits are tested without the SDK; {@code aws.SdkSecurityHubApi} turns it into an {@code AwsSecurityFinding}.
 *
 * @param types          ASFF {@code namespace/category/classifier} paths, sent at top level and in
 *                       FindingProviderFields (the service copies the latter unless a user changed the former)
 * @param severity       the label, sent at top level and in FindingProviderFields
 * @param workflowStatus honoured by BatchImportFindings only when the finding is created; later changes go
 *                       through BatchUpdateFindings
 * @param productFields  in insertion order; at most 50 pairs
 */
public record Finding(String id, String productArn, String generatorId, String awsAccountId, List<String> types,
                      Instant createdAt, Instant updatedAt, Severity severity, String title, String description,
                      String remediationText, String remediationUrl, Resource resource,
                      Map<String, String> productFields, ComplianceStatus complianceStatus, RecordState recordState,
                      WorkflowStatus workflowStatus) {
    public static final String SCHEMA_VERSION = "2018-10-08";

    public enum ComplianceStatus { PASSED, WARNING, FAILED, NOT_AVAILABLE }

    public enum RecordState { ACTIVE, ARCHIVED }

    public enum WorkflowStatus { NEW, NOTIFIED, RESOLVED, SUPPRESSED }

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        types = List.copyOf(types);
        productFields = Collections.unmodifiableMap(new LinkedHashMap<>(productFields));
    }

    /** The resolved form: the check passes, or does not apply, for this service. */
    public boolean resolved() {
        return complianceStatus == ComplianceStatus.PASSED;
    }

    /** The same finding with the CreatedAt Security Hub already holds (it is kept from the first import). */
    public Finding withCreatedAt(Instant created) {
        return copy(created, resource, productFields);
    }

    Finding withoutResourceDetails() {
        return copy(createdAt, resource.withoutDetails(), productFields);
    }

    Finding withoutProductField(String key) {
        Map<String, String> fields = new LinkedHashMap<>(productFields);
        fields.remove(key);
        return copy(createdAt, resource, fields);
    }

    private Finding copy(Instant created, Resource withResource, Map<String, String> fields) {
        return new Finding(id, productArn, generatorId, awsAccountId, types, created, updatedAt, severity, title,
                description, remediationText, remediationUrl, withResource, fields, complianceStatus, recordState,
                workflowStatus);
    }

    /** An ASFF resource of type AwsEcsService; {@code details} is null when the service is gone or was cut. */
    public record Resource(String type, String id, String partition, String region, EcsServiceDetails details) {
        Resource withoutDetails() {
            return new Resource(type, id, partition, region, null);
        }
    }

    /**
     * {@code Resources[].Details.AwsEcsService}: the fields a reviewer needs. {@code launchType} and
     * {@code platformVersion} may be null (capacity provider strategy, EC2); {@code network} is null outside
     * awsvpc.
     */
    public record EcsServiceDetails(String name, String serviceArn, String cluster, String taskDefinition,
                                    boolean enableExecuteCommand, String launchType, String platformVersion,
                                    String deploymentControllerType, int desiredCount, AwsVpcConfiguration network) {}

    /** {@code NetworkConfiguration.AwsVpcConfiguration}; {@code assignPublicIp} is ENABLED or DISABLED. */
    public record AwsVpcConfiguration(List<String> subnets, List<String> securityGroups, String assignPublicIp) {
        public AwsVpcConfiguration {
            subnets = List.copyOf(subnets);
            securityGroups = List.copyOf(securityGroups);
        }
    }
}
