package io.github.ecsexecreadiness.cli.preflight;

import io.github.ecsexecreadiness.collect.AwsApiException;
import java.util.List;

/**
 * What {@code preflight} reads of the account and Region a stack is about to be deployed to: read-only, one
 * method per question, each naming the operations (and so the IAM actions) it calls. Implementations throw
 * {@link AwsApiException} on an AWS error; "not enabled" answers are values, not errors.
 */
public interface DeploymentTarget {

    /** The Region the stack would be deployed to. */
    String region();

    /** STS GetCallerIdentity (needs no IAM permission): the account the stack would be deployed to. */
    String accountId();

    /** config:DescribeConfigurationRecorders and config:DescribeConfigurationRecorderStatus. */
    List<ConfigRecorder> configurationRecorders();

    /** securityhub:DescribeHub: false when Security Hub CSPM is not enabled here (InvalidAccessException). */
    boolean securityHubEnabled();

    /**
     * cloudtrail:DescribeTrails (shadow and organisation trails included), then for each trail that covers this
     * Region cloudtrail:GetTrailStatus and cloudtrail:GetEventSelectors. A trail whose status or selectors cannot
     * be read comes back with {@link Trail#unreadable()} saying why.
     */
    List<Trail> trails();

    /** organizations:DescribeOrganization: the organisation's id (o-...), or null outside an organisation. */
    String organizationId();

    /**
     * organizations:ListAccountsForParent and organizations:ListOrganizationalUnitsForParent on one OU or root,
     * as the sweep lists it: how many accounts and OUs are directly under it.
     */
    int childrenOf(String parentId);
}
