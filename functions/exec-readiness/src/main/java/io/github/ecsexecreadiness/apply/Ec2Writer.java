package io.github.ecsexecreadiness.apply;

import static io.github.ecsexecreadiness.iam.PolicyStatement.ENDPOINT_PLACEMENT;
import static io.github.ecsexecreadiness.iam.PolicyStatement.ENDPOINT_PRIVATE_DNS;
import static io.github.ecsexecreadiness.iam.PolicyStatement.ENDPOINT_SECURITY_GROUP_IN_ANY_VPC;
import static io.github.ecsexecreadiness.iam.PolicyStatement.INGRESS_ONLY_INTO_GROUPS_IT_CREATED;
import static io.github.ecsexecreadiness.iam.PolicyStatement.LOOK_BEFORE_CREATING;
import static io.github.ecsexecreadiness.iam.PolicyStatement.ONLY_SECURITY_GROUPS_TAGGED_AS_OURS;
import static io.github.ecsexecreadiness.iam.PolicyStatement.ONLY_SSMMESSAGES_ENDPOINTS_TAGGED_AS_OURS;
import static io.github.ecsexecreadiness.iam.PolicyStatement.TAG_ONLY_WHAT_IT_CREATES;

import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.iam.CallsAws;
import io.github.ecsexecreadiness.model.Ec2;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EC2 operations the endpoint fixes need, reads included so that nothing is created twice.
 * Implementations throw {@link AwsApiException} on an AWS error.
 */
public interface Ec2Writer {

    /** DescribeVpcEndpoints filtered on vpc-id and service-name, every page, whatever their state. */
    @CallsAws(operation = "EC2.DescribeVpcEndpoints", statements = LOOK_BEFORE_CREATING)
    List<Ec2.VpcEndpoint> findVpcEndpoints(String vpcId, String serviceName);

    /** DescribeSecurityGroups filtered on vpc-id and group-name: the group's id (names are unique in a VPC). */
    @CallsAws(operation = "EC2.DescribeSecurityGroups", statements = LOOK_BEFORE_CREATING)
    Optional<String> findSecurityGroup(String vpcId, String groupName);

    /**
     * DescribeSecurityGroups of this group filtered on the tag this project puts on what it creates: whether the
     * group is one it created.
     */
    @CallsAws(operation = "EC2.DescribeSecurityGroups", statements = LOOK_BEFORE_CREATING)
    boolean createdByThisProject(String groupId);

    /** CreateSecurityGroup with these tags on create; returns the group id. */
    @CallsAws(operation = "EC2.CreateSecurityGroup",
            statements = {ENDPOINT_SECURITY_GROUP_IN_ANY_VPC, ONLY_SECURITY_GROUPS_TAGGED_AS_OURS})
    @CallsAws(operation = "EC2.CreateSecurityGroup", action = "ec2:CreateTags", statements = TAG_ONLY_WHAT_IT_CREATES)
    String createSecurityGroup(String vpcId, String groupName, String description, Map<String, String> tags);

    /**
     * AuthorizeSecurityGroupIngress for TCP {@code port} from one source: a security group id, or an IPv4 CIDR
     * block (it has a '/').
     *
     * @return false when the rule already existed (InvalidPermission.Duplicate)
     */
    @CallsAws(operation = "EC2.AuthorizeSecurityGroupIngress", statements = INGRESS_ONLY_INTO_GROUPS_IT_CREATED)
    boolean authorizeTcpIngress(String groupId, int port, String source);

    /**
     * CreateVpcEndpoint of type Interface with private DNS. The same {@code clientToken} with the same
     * parameters returns the endpoint created the first time instead of a second one.
     */
    @CallsAws(operation = "EC2.CreateVpcEndpoint",
            statements = {ONLY_SSMMESSAGES_ENDPOINTS_TAGGED_AS_OURS, ENDPOINT_PLACEMENT})
    @CallsAws(operation = "EC2.CreateVpcEndpoint", action = "ec2:CreateTags", statements = TAG_ONLY_WHAT_IT_CREATES)
    @CallsAws(operation = "EC2.CreateVpcEndpoint", action = "route53:AssociateVPCWithHostedZone",
            statements = ENDPOINT_PRIVATE_DNS)
    Ec2.VpcEndpoint createInterfaceEndpoint(String vpcId, String serviceName, List<String> subnetIds,
                                            List<String> securityGroupIds, Map<String, String> tags,
                                            String clientToken);
}
