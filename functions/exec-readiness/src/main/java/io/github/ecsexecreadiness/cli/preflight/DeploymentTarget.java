package io.github.ecsexecreadiness.cli.preflight;

import static io.github.ecsexecreadiness.iam.PolicyStatement.PREFLIGHT_ORGANISATIONAL_UNITS;
import static io.github.ecsexecreadiness.iam.PolicyStatement.PREFLIGHT_READS;

import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.iam.CallsAws;
import java.util.List;

/**
 * What {@code preflight} reads of the account and Region a stack is about to be deployed to: read-only, one
 * method per question, each declaring the operations it calls ({@link CallsAws}: {@code bin/generate-iam} lists
 * them in the README). Implementations throw
 * {@link AwsApiException} on an AWS error; "not enabled" answers are values, not errors.
 */
public interface DeploymentTarget {

    /** The Region the stack would be deployed to. */
    String region();

    /** STS GetCallerIdentity (needs no IAM permission): the account the stack would be deployed to. */
    String accountId();

    /** config:DescribeConfigurationRecorders and config:DescribeConfigurationRecorderStatus. */
    @CallsAws(operation = "Config.DescribeConfigurationRecorders", statements = PREFLIGHT_READS)
    @CallsAws(operation = "Config.DescribeConfigurationRecorderStatus", statements = PREFLIGHT_READS)
    List<ConfigRecorder> configurationRecorders();

    /** securityhub:DescribeHub: false when Security Hub CSPM is not enabled here (InvalidAccessException). */
    @CallsAws(operation = "SecurityHub.DescribeHub", statements = PREFLIGHT_READS)
    boolean securityHubEnabled();

    /**
     * cloudtrail:DescribeTrails (shadow and organisation trails included), then for each trail that covers this
     * Region cloudtrail:GetTrailStatus and cloudtrail:GetEventSelectors. A trail whose status or selectors cannot
     * be read comes back with {@link Trail#unreadable()} saying why.
     */
    @CallsAws(operation = "CloudTrail.DescribeTrails", statements = PREFLIGHT_READS)
    @CallsAws(operation = "CloudTrail.GetTrailStatus", statements = PREFLIGHT_READS)
    @CallsAws(operation = "CloudTrail.GetEventSelectors", statements = PREFLIGHT_READS)
    List<Trail> trails();

    /** organizations:DescribeOrganization: the organisation's id (o-...), or null outside an organisation. */
    @CallsAws(operation = "Organizations.DescribeOrganization", statements = PREFLIGHT_READS)
    String organizationId();

    /**
     * organizations:ListAccountsForParent and organizations:ListOrganizationalUnitsForParent on one OU or root,
     * as the sweep lists it: how many accounts and OUs are directly under it.
     */
    @CallsAws(operation = "Organizations.ListAccountsForParent", statements = PREFLIGHT_ORGANISATIONAL_UNITS)
    @CallsAws(operation = "Organizations.ListOrganizationalUnitsForParent",
            statements = PREFLIGHT_ORGANISATIONAL_UNITS)
    int childrenOf(String parentId);
}
