package io.github.ecsexecreadiness.apply;

import io.github.ecsexecreadiness.collect.AwsApiException;
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
    List<Ec2.VpcEndpoint> findVpcEndpoints(String vpcId, String serviceName);

    /** DescribeSecurityGroups filtered on vpc-id and group-name: the group's id (names are unique in a VPC). */
    Optional<String> findSecurityGroup(String vpcId, String groupName);

    /** CreateSecurityGroup with these tags on create; returns the group id. */
    String createSecurityGroup(String vpcId, String groupName, String description, Map<String, String> tags);

    /**
     * AuthorizeSecurityGroupIngress for TCP {@code port} from one source security group.
     *
     * @return false when the rule already existed (InvalidPermission.Duplicate)
     */
    boolean authorizeTcpIngress(String groupId, int port, String sourceGroupId);

    /**
     * CreateVpcEndpoint of type Interface with private DNS. The same {@code clientToken} with the same
     * parameters returns the endpoint created the first time instead of a second one.
     */
    Ec2.VpcEndpoint createInterfaceEndpoint(String vpcId, String serviceName, List<String> subnetIds,
                                            List<String> securityGroupIds, Map<String, String> tags,
                                            String clientToken);
}
