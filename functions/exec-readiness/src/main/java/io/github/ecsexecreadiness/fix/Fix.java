package io.github.ecsexecreadiness.fix;

import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.model.Digests;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One change the remediator can make to repair a failing check, or the instruction a person must follow.
 * Each fix declares the IAM actions the remediator needs to apply it, so the template's policy can be checked
 * against the union of these declarations (neither broader nor missing one).
 */
public sealed interface Fix {

    /**
     * The check this fix was planned for. The checks it repairs are those sharing that check's remedy
     * ({@link io.github.ecsexecreadiness.check.Checks#repairedBy}).
     */
    String checkId();

    /** What a switch turns on or off. */
    Kind kind();

    /** One line: what will change, naming the resources. */
    String description();

    /** The IAM actions applying it calls. */
    List<String> iamActions();

    enum Kind {
        /** Attach permissions to a task role (additive, no restart). */
        TASK_ROLE_PERMISSIONS,
        /** Create an ssmmessages interface endpoint, or add one ingress rule to its security group (costs money). */
        VPC_ENDPOINT,
        /** UpdateService enableExecuteCommand=true with forceNewDeployment=true (replaces every task). */
        EXEC_REDEPLOY,
        /** Never automatic: a person must change the service, task definition or account. */
        MANUAL
    }

    /** Attach the stack's customer managed policy granting the four ssmmessages channel actions. */
    record AttachSsmmessagesPolicy(String roleArn, String policyArn) implements Fix {
        public String checkId() { return "iam.ssmmessages"; }
        public Kind kind() { return Kind.TASK_ROLE_PERMISSIONS; }
        public String description() { return "attach " + policyArn + " to task role " + roleArn; }
        public List<String> iamActions() { return List.of("iam:AttachRolePolicy", "iam:ListAttachedRolePolicies"); }
    }

    /**
     * Grant exactly these permissions (session logging to the cluster's log group or bucket, or kms:Decrypt on
     * its key) through a customer managed policy this project creates under its own path and attaches.
     */
    record GrantSessionPermissions(String checkId, String roleArn, String policyName, List<Permission> permissions)
            implements Fix {
        /** IAM allows 128 characters of {@code [\w+=,.@-]} in a policy name. */
        public static final int MAX_POLICY_NAME = 128;

        public GrantSessionPermissions {
            permissions = List.copyOf(permissions);
        }

        /**
         * {@code ecs-exec-<purpose>-<cluster>-<hash>}: the hash of the permissions makes the name differ whenever
         * the content would, so a policy found by name under the project's path always grants what is needed
         * (services of one cluster may log to different groups). Cut to IAM's 128 characters, other characters
         * replaced by '-'.
         */
        public static String policyName(String purpose, String clusterName, List<Permission> permissions) {
            String content = permissions.stream().map(p -> p.action() + " " + p.resource()).sorted()
                    .collect(Collectors.joining("\n"));
            String hash = Digests.sha256Hex(content).substring(0, 8);
            String prefix = "ecs-exec-" + purpose + "-";
            String cluster = clusterName.replaceAll("[^\\w+=,.@-]", "-");
            int room = MAX_POLICY_NAME - prefix.length() - hash.length() - 1;
            return prefix + cluster.substring(0, Math.min(cluster.length(), room)) + "-" + hash;
        }
        public Kind kind() { return Kind.TASK_ROLE_PERMISSIONS; }
        public String description() {
            return "grant " + permissions.stream().map(p -> p.action() + " on " + p.resource()).toList()
                    + " to task role " + roleArn + " through policy " + policyName;
        }
        public List<String> iamActions() {
            return List.of("iam:GetPolicy", "iam:CreatePolicy", "iam:AttachRolePolicy", "iam:ListAttachedRolePolicies");
        }
    }

    /**
     * Create the com.amazonaws.&lt;region&gt;.ssmmessages interface endpoint with private DNS in one subnet per
     * Availability Zone the service uses, with a new security group admitting TCP 443 from the service's groups
     * and from the VPC's CIDR blocks: private DNS sends every client of the VPC to the endpoint.
     */
    record CreateSsmmessagesEndpoint(String vpcId, List<String> subnetIds, List<String> sourceSecurityGroupIds,
                                     List<String> sourceCidrBlocks) implements Fix {
        public CreateSsmmessagesEndpoint {
            subnetIds = List.copyOf(subnetIds);
            sourceSecurityGroupIds = List.copyOf(sourceSecurityGroupIds);
            sourceCidrBlocks = List.copyOf(sourceCidrBlocks);
        }
        public String checkId() { return "network.ssmmessages"; }
        public Kind kind() { return Kind.VPC_ENDPOINT; }
        public String description() {
            return "create an ssmmessages interface endpoint in " + vpcId + " (subnets " + subnetIds
                    + ") admitting TCP 443 from " + sourceSecurityGroupIds + " and " + sourceCidrBlocks;
        }
        public List<String> iamActions() {
            // DescribeSecurityGroups finds the group a run that failed half-way created (no client token there);
            // AssociateVPCWithHostedZone is the dependent action of an endpoint with private DNS.
            return List.of("ec2:DescribeVpcEndpoints", "ec2:DescribeSecurityGroups", "ec2:CreateSecurityGroup",
                    "ec2:AuthorizeSecurityGroupIngress", "ec2:CreateVpcEndpoint", "ec2:CreateTags",
                    "route53:AssociateVPCWithHostedZone");
        }
    }

    /** Add one ingress rule (TCP 443 from the service's groups) to the security group of an existing endpoint. */
    record AuthorizeEndpointIngress(String endpointId, String endpointSecurityGroupId,
                                    List<String> sourceSecurityGroupIds) implements Fix {
        public AuthorizeEndpointIngress {
            sourceSecurityGroupIds = List.copyOf(sourceSecurityGroupIds);
        }
        public String checkId() { return "network.ssmmessages"; }
        public Kind kind() { return Kind.VPC_ENDPOINT; }
        public String description() {
            return "allow TCP 443 from " + sourceSecurityGroupIds + " into " + endpointSecurityGroupId
                    + " of endpoint " + endpointId;
        }
        public List<String> iamActions() { return List.of("ec2:AuthorizeSecurityGroupIngress"); }
    }

    /** UpdateService enableExecuteCommand=true, forceNewDeployment=true: the flag reaches only new tasks. */
    record EnableExecAndRedeploy(String checkId, String clusterArn, String serviceArn) implements Fix {
        public Kind kind() { return Kind.EXEC_REDEPLOY; }
        public String description() {
            return "turn on ECS Exec for " + serviceArn + " and force a new deployment";
        }
        /** DescribeServices looks first: a rollout already under way with exec on is not restarted. */
        public List<String> iamActions() { return List.of("ecs:DescribeServices", "ecs:UpdateService"); }
    }

    /** What a person must do; the tool never changes it. */
    record Manual(String checkId, String instruction) implements Fix {
        public Kind kind() { return Kind.MANUAL; }
        public String description() { return instruction; }
        public List<String> iamActions() { return List.of(); }
    }
}
