package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.check.Status;
import java.util.List;

/**
 * {@code network.acls}: the network ACLs of the task subnets, and of the endpoint subnets where an interface
 * endpoint carries the traffic, let each destination's TCP 443 connections through in both directions. A check of
 * its own, beside {@code network.ssmmessages}: an ACL is repaired by a person, never by the endpoint that check's
 * fix creates (whose subnets the same ACLs may guard).
 */
public final class NetworkAclCheck extends Check {
    public static final CheckMetadata METADATA = CheckMetadata.builder("network.acls")
            .title("Network ACLs let the tasks' TCP 443 connections to ssmmessages (and KMS, logs, S3) through")
            .severity(Severity.HIGH)
            .findingType(FindingType.CONFIGURATION)
            .rationale("Network ACLs are stateless: the task subnet must allow outbound TCP 443 to the endpoint or "
                    + "the public addresses of ssmmessages and inbound TCP 1024-65535 for the replies, and an "
                    + "interface endpoint's subnet must allow inbound TCP 443 from the tasks and outbound TCP "
                    + "1024-65535 back. A deny rule, or no allow rule before the final * rule, drops the SSM agent's "
                    + "connections and execute-command fails with TargetNotConnectedException.")
            .remediation("Add allow rules, numbered before any rule that denies the traffic: on the task subnets' "
                    + "network ACL outbound TCP 443 to the destination (0.0.0.0/0, or the endpoint subnets' CIDRs) and "
                    + "inbound TCP 1024-65535 from it; on the endpoint subnets' network ACL inbound TCP 443 from the "
                    + "task subnets' CIDRs and outbound TCP 1024-65535 to them.")
            .documentation("https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html")
            .stopsSession(true)
            .build();

    public NetworkAclCheck() {
        super(METADATA);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        List<NetworkAclPath> paths = Destination.neededBy(facts.cluster().executeCommandConfiguration(),
                        facts.region()).stream()
                .map(destination -> new NetworkAclPath(facts, destination)).toList();
        // A task that reaches no network (networkMode none) is network.ssmmessages' FAIL; no ACL is on its way.
        return DestinationPaths.evaluate(METADATA, facts, paths, verdict -> verdict.status() != Status.FAIL)
                .orElseGet(() -> "none".equals(facts.taskDefinition().networkMode())
                        ? notApplicable("task definition %s uses networkMode none: no traffic meets an ACL",
                                facts.taskDefinition().familyRevision())
                        : DestinationPaths.nothingToEvaluate(METADATA, facts));
    }
}
