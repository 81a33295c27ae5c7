package io.github.ecsexecreadiness.check.iam;

import static io.github.ecsexecreadiness.check.iam.IamFixtures.BOUNDARY_ARN;
import static io.github.ecsexecreadiness.check.iam.IamFixtures.OTHER_ROLE_ARN;
import static io.github.ecsexecreadiness.check.iam.IamFixtures.allow;
import static io.github.ecsexecreadiness.check.iam.IamFixtures.allowFromVpc;
import static io.github.ecsexecreadiness.check.iam.IamFixtures.deny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.Ec2RouteTableBuilder;
import io.github.ecsexecreadiness.model.Dns;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Organizations;
import io.github.ecsexecreadiness.model.Organizations.ServiceControlPolicies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SsmmessagesCheckTest {
    private static final String[] CONTROL = {"ssmmessages:CreateControlChannel", "ssmmessages:OpenControlChannel"};
    private static final String[] ALL = {"ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"};

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("the four actions", (UnaryOperator<Scenario>) s -> s,
                        Status.PASS, List.of(Scenario.TASK_ROLE_ARN, "may open the ECS Exec ssmmessages channels")),
                Arguments.of("service wildcard", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(allow("*", "ssmmessages:*")), Status.PASS, List.of(Scenario.TASK_ROLE_ARN)),
                Arguments.of("data channel actions missing", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(allow("*", CONTROL)), Status.FAIL,
                        List.of("task role " + Scenario.TASK_ROLE_ARN + " lacks ssmmessages:CreateDataChannel, "
                                + "ssmmessages:OpenDataChannel on * (not allowed by any identity policy)")),
                Arguments.of("no policy at all", (UnaryOperator<Scenario>) s -> s.withTaskRolePolicies(),
                        Status.FAIL, List.of(ALL)),
                Arguments.of("explicit deny", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(allow("*", "*"), deny("*", "ssmmessages:OpenDataChannel")), Status.FAIL,
                        List.of("lacks ssmmessages:OpenDataChannel on * (denied by inline policy p1)")),
                Arguments.of("boundary without ssmmessages", (UnaryOperator<Scenario>) s ->
                        IamFixtures.withTaskRoleBoundary(s, allow("*", "s3:*", "logs:*")), Status.FAIL,
                        List.of("not allowed by permissions boundary " + BOUNDARY_ARN)),
                Arguments.of("boundary allowing", (UnaryOperator<Scenario>) s ->
                        IamFixtures.withTaskRoleBoundary(s, allow("*", "ssmmessages:*")), Status.PASS,
                        List.of(Scenario.TASK_ROLE_ARN)),
                Arguments.of("conditional allow", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(allowFromVpc("*", ALL)), Status.UNKNOWN,
                        List.of("may lack", "with a Condition in inline policy p0")),
                Arguments.of("conditional part, missing part", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(allowFromVpc("*", CONTROL)), Status.FAIL,
                        List.of("lacks ssmmessages:CreateDataChannel", "and may lack ssmmessages:CreateControlChannel")),
                Arguments.of("malformed policy", (UnaryOperator<Scenario>) s -> s.withTaskRolePolicies("{\"Statement\":"),
                        Status.UNKNOWN, List.of("cannot parse the document of inline policy p0")),
                Arguments.of("no task role",
                        (UnaryOperator<Scenario>) s -> s.withTaskDefinition(b -> b.taskRoleArn(null)),
                        Status.FAIL, List.of("no task role (see iam.task-role)")),
                Arguments.of("deleted role", (UnaryOperator<Scenario>) s -> {
                    s.missing(Scenario.TASK_ROLE_ARN);
                    return s;
                }, Status.FAIL, List.of(Scenario.TASK_ROLE_ARN + " does not exist")),
                Arguments.of("unreadable role", (UnaryOperator<Scenario>) s -> {
                    s.unreadableRole(Scenario.TASK_ROLE_ARN, "AccessDenied");
                    return s;
                }, Status.UNKNOWN, List.of("AccessDenied")),
                Arguments.of("short-name task role lacking them", (UnaryOperator<Scenario>) s ->
                        s.withShortNameTaskRole(allow("*", CONTROL)), Status.FAIL,
                        List.of("task role " + Scenario.TASK_ROLE_ARN + " lacks ssmmessages:CreateDataChannel")),
                Arguments.of("short-name task role holding them", (UnaryOperator<Scenario>) s ->
                        s.withShortNameTaskRole(allow("*", ALL)), Status.PASS,
                        List.of("task role web-task may open")),
                // Conditions the network path decides: through NAT the request carries no aws:SourceVpce nor
                // aws:SourceVpc, so a negated operator on them holds and the Deny applies.
                Arguments.of("deny unless aws:SourceVpce, path through NAT", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(ALLOW_ALL, denyUnless("StringNotEquals", "aws:SourceVpce", ENDPOINT)),
                        Status.FAIL, List.of("lacks " + String.join(", ", ALL), "denied by inline policy p1, whose "
                                + "Condition holds for task 0123456789abcdef0, new tasks through NAT gateway nat-0a1)")),
                Arguments.of("deny unless aws:SourceVpce, path through that endpoint", (UnaryOperator<Scenario>) s ->
                        throughEndpoint(s, ENDPOINT).withTaskRolePolicies(ALLOW_ALL,
                                denyUnless("StringNotEquals", "aws:SourceVpce", ENDPOINT)),
                        Status.PASS, List.of("may open")),
                Arguments.of("deny unless aws:SourceVpce, path through another endpoint", (UnaryOperator<Scenario>) s ->
                        throughEndpoint(s, "vpce-0other").withTaskRolePolicies(ALLOW_ALL,
                                denyUnless("StringNotEquals", "aws:SourceVpce", ENDPOINT)),
                        Status.FAIL, List.of("through interface endpoint vpce-0other")),
                Arguments.of("deny unless aws:SourceVpc (IfExists), path through NAT", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(ALLOW_ALL, denyUnless("StringNotEqualsIfExists", "aws:SourceVpc",
                                Scenario.VPC)), Status.FAIL, List.of("denied by inline policy p1")),
                Arguments.of("deny unless aws:SourceVpc, path through an endpoint of that VPC",
                        (UnaryOperator<Scenario>) s -> throughEndpoint(s, ENDPOINT).withTaskRolePolicies(ALLOW_ALL,
                                denyUnless("StringNotEquals", "aws:SourceVpc", Scenario.VPC)),
                        Status.PASS, List.of("may open")),
                Arguments.of("deny where aws:SourceVpce is null, path through NAT", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(ALLOW_ALL, denyUnless("Null", "aws:SourceVpce", "true")),
                        Status.FAIL, List.of("denied by inline policy p1")),
                Arguments.of("deny where aws:SourceVpce is null, path through an endpoint",
                        (UnaryOperator<Scenario>) s -> throughEndpoint(s, ENDPOINT).withTaskRolePolicies(ALLOW_ALL,
                                denyUnless("Null", "aws:SourceVpce", "true")), Status.PASS, List.of("may open")),
                Arguments.of("allow only with aws:SourceVpce (positive operator), path through NAT",
                        (UnaryOperator<Scenario>) s -> s.withTaskRolePolicies(allowIf("StringEquals",
                                "aws:SourceVpce", ENDPOINT)), Status.FAIL,
                        List.of("not allowed by any identity policy")),
                Arguments.of("allow in the cluster's Region only", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(allowIf("StringEquals", "aws:RequestedRegion", Scenario.REGION)),
                        Status.PASS, List.of("may open")),
                Arguments.of("allow in another Region only", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(allowIf("StringLike", "aws:RequestedRegion", "us-*")),
                        Status.FAIL, List.of("not allowed by any identity policy")),
                Arguments.of("deny unless aws:SourceVpce, agent behind an HTTPS proxy: the path is undecided",
                        (UnaryOperator<Scenario>) s -> s.withContainers(b -> b.environment(
                                        Map.of("HTTPS_PROXY", "http://proxy.internal:3128")))
                                .withTaskRolePolicies(ALLOW_ALL, denyUnless("StringNotEquals", "aws:SourceVpce",
                                        ENDPOINT)),
                        Status.UNKNOWN, List.of("possibly denied by a Deny with a Condition in inline policy p1")),
                Arguments.of("deny unless aws:SourceVpce, name resolved in a hub VPC: the path is undecided",
                        (UnaryOperator<Scenario>) s -> s.withNameResolution(Scenario.VPC, new Dns.VpcResolution(List.of(
                                        new Dns.PrivateHostedZone("Z0HUB", "ssmmessages.eu-west-1.amazonaws.com.")),
                                        List.of()))
                                .withTaskRolePolicies(ALLOW_ALL, denyUnless("StringNotEquals", "aws:SourceVpce",
                                        ENDPOINT)),
                        Status.UNKNOWN, List.of("possibly denied")),
                // Service control policies along the account's path (organisation mode)
                Arguments.of("an SCP on the OU denies ssmmessages:*", (UnaryOperator<Scenario>) s ->
                        s.withServiceControlPolicies(scps(deny("*", "ssmmessages:*"))),
                        Status.FAIL, List.of("task role " + Scenario.TASK_ROLE_ARN + " is refused " + String.join(", ", ALL)
                                + " (denied by service control policy no-exec (p-noexec) attached to ou-apps)")),
                Arguments.of("an allow-list SCP on the OU without ssmmessages", (UnaryOperator<Scenario>) s ->
                        s.withServiceControlPolicies(allowList(allow("*", "s3:*", "logs:*"))), Status.FAIL,
                        List.of("not allowed by any service control policy attached to ou-apps")),
                Arguments.of("an allow-list SCP on the OU with ssmmessages", (UnaryOperator<Scenario>) s ->
                        s.withServiceControlPolicies(allowList(allow("*", "ssmmessages:*", "s3:*"))), Status.PASS,
                        List.of("service control policies on r-root, ou-apps, 111122223333 allow it")),
                Arguments.of("an SCP denying all but some roles, which exempts this one", (UnaryOperator<Scenario>) s ->
                        s.withServiceControlPolicies(scps(denyUnless("ArnNotLike", "aws:PrincipalArn",
                                "arn:aws:iam::*:role/web-*"))), Status.PASS, List.of("allow it")),
                Arguments.of("an SCP denying all but some roles, not this one", (UnaryOperator<Scenario>) s ->
                        s.withServiceControlPolicies(scps(denyUnless("ArnNotLike", "aws:PrincipalArn",
                                "arn:aws:iam::*:role/admin"))), Status.FAIL,
                        List.of("denied by service control policy no-exec (p-noexec) attached to ou-apps, whose Condition "
                                + "holds")),
                Arguments.of("an SCP denying ssmmessages outside an endpoint, path through NAT",
                        (UnaryOperator<Scenario>) s -> s.withServiceControlPolicies(scps(denyUnless("StringNotEquals",
                                "aws:SourceVpce", ENDPOINT))), Status.FAIL, List.of("through NAT gateway nat-0a1")),
                Arguments.of("an SCP denying ssmmessages outside an endpoint, path through it",
                        (UnaryOperator<Scenario>) s -> throughEndpoint(s, ENDPOINT).withServiceControlPolicies(
                                scps(denyUnless("StringNotEquals", "aws:SourceVpce", ENDPOINT))), Status.PASS,
                        List.of("allow it")),
                Arguments.of("an SCP on a condition the snapshot cannot decide", (UnaryOperator<Scenario>) s ->
                        s.withServiceControlPolicies(scps(denyUnless("StringNotEquals", "aws:PrincipalTag/team",
                                "ops"))), Status.UNKNOWN, List.of("may be refused", "no-exec (p-noexec)")),
                Arguments.of("SCPs do not bind the management account", (UnaryOperator<Scenario>) s ->
                        s.withServiceControlPolicies(ServiceControlPolicies.managementAccount(Scenario.ACCOUNT)),
                        Status.PASS, List.of("is the organisation's management account, to which service control "
                                + "policies do not apply")),
                Arguments.of("SCPs not read outside organisation mode: never a FAIL", (UnaryOperator<Scenario>) s -> s,
                        Status.PASS, List.of("service control policies were not read")),
                Arguments.of("SCPs whose read was refused", (UnaryOperator<Scenario>) s ->
                        s.withServiceControlPolicies(ServiceControlPolicies.unreadable("service control policies could "
                                + "not be read: Organizations.ListParents: AccessDeniedException")), Status.UNKNOWN,
                        List.of("Organizations.ListParents: AccessDeniedException, and one could deny task role")),
                Arguments.of("SCPs whose read was refused, role lacking the actions anyway", (UnaryOperator<Scenario>) s ->
                        s.withTaskRolePolicies(allow("*", CONTROL)).withServiceControlPolicies(
                                ServiceControlPolicies.unreadable("service control policies could not be read: "
                                        + "Organizations.ListParents: AccessDeniedException")), Status.FAIL,
                        List.of("lacks ssmmessages:CreateDataChannel")),
                Arguments.of("running task overrides with a role lacking them", (UnaryOperator<Scenario>) s ->
                        s.withRole(OTHER_ROLE_ARN, allow("*", "s3:GetObject"))
                                .withTasks(b -> b.taskRoleArnOverride(OTHER_ROLE_ARN)), Status.FAIL,
                        List.of("task role " + OTHER_ROLE_ARN + " lacks " + String.join(", ", ALL))));
    }

    private static final String ENDPOINT = "vpce-0ssm";
    private static final String ALLOW_ALL = allow("*", "ssmmessages:*");

    /** A Deny of ssmmessages:* under one condition clause. */
    private static String denyUnless(String operator, String key, String value) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"ssmmessages:*\","
                + "\"Resource\":\"*\",\"Condition\":{\"" + operator + "\":{\"" + key + "\":\"" + value + "\"}}}}";
    }

    /** An Allow of ssmmessages:* under one condition clause. */
    private static String allowIf(String operator, String key, String value) {
        return denyUnless(operator, key, value).replace("Deny", "Allow");
    }

    /**
     * The SCPs of an account in OU ou-apps under root r-root: FullAWSAccess on the root and the account, and
     * {@code onOu} (named no-exec) on the OU.
     */
    private static ServiceControlPolicies scps(String onOu) {
        Organizations.Policy full = new Organizations.Policy("p-FullAWSAccess", "FullAWSAccess", allow("*", "*"));
        return ServiceControlPolicies.read(List.of(new Organizations.Level("r-root", List.of(full)),
                new Organizations.Level("ou-apps", List.of(full, new Organizations.Policy("p-noexec", "no-exec", onOu))),
                new Organizations.Level(Scenario.ACCOUNT, List.of(full))));
    }

    /** The same, with FullAWSAccess detached from the OU: {@code allowed} is its allow-list. */
    private static ServiceControlPolicies allowList(String allowed) {
        List<Organizations.Level> levels = new ArrayList<>(scps(allowed).levels());
        levels.set(1, new Organizations.Level("ou-apps", List.of(new Organizations.Policy("p-noexec", "no-exec",
                allowed))));
        return ServiceControlPolicies.read(levels);
    }

    /** No NAT route from the task subnet: an ssmmessages endpoint with private DNS that admits the tasks. */
    private static Scenario throughEndpoint(Scenario s, String endpointId) {
        var tables = s.vpcs().get(Scenario.VPC).routeTables().stream()
                .map(table -> table.id().equals("rtb-0private") ? Ec2RouteTableBuilder.builder(table)
                        .routes(List.of(new Ec2.Route("10.0.0.0/16", null, "local", "active"))).build() : table)
                .toList();
        var groups = new HashMap<>(s.vpcs().get(Scenario.VPC).securityGroups());
        groups.put("sg-0endpoint", new Ec2.SecurityGroup("sg-0endpoint", Scenario.VPC, List.of(new Ec2.SecurityGroupRule(
                "tcp", 443, 443, List.of("10.0.0.0/16"), List.of(), List.of())), List.of()));
        return s.withVpc(b -> b.routeTables(tables).securityGroups(groups).endpoints(List.of(new Ec2.VpcEndpoint(
                endpointId, Scenario.VPC, "com.amazonaws.eu-west-1.ssmmessages", "Interface", "available", true,
                List.of("sg-0endpoint"), List.of(Scenario.PRIVATE_SUBNET)))));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void decides(String name, UnaryOperator<Scenario> change, Status expected, List<String> named) {
        CheckResult result = new SsmmessagesCheck().evaluate(change.apply(Scenario.ready()).facts());

        assertEquals(expected, result.status(), result.reason());
        named.forEach(text -> assertTrue(result.reason().contains(text), result.reason()));
    }
}
