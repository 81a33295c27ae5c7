package io.github.ecsexecreadiness.handler;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.aws.MemberAccounts.MemberAccessException;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.memory.InMemorySecurityHub;
import io.github.ecsexecreadiness.plan.Planner;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.FindingMapper;
import io.github.ecsexecreadiness.report.securityhub.FindingsReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The deployment-event function of a central account: an event from a member account is evaluated, reported
 * and repaired in that member account (its readers, its hub, its writers), never in the central one; a member
 * whose role cannot be assumed fails that event alone.
 */
class MemberAccountsHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEMBER = "444455556666";
    private static final String OTHER_MEMBER = "777788889999";
    private static final String ROLE = "ecs-exec-readiness-member";
    private static final String CENTRAL_POLICY = "arn:aws:iam::" + Scenario.ACCOUNT + ":policy/stack-ecs-exec-ssmmessages";
    /** The ssmmessages policy member-role.yaml creates in the member account. */
    private static final String MEMBER_POLICY = "arn:aws:iam::" + MEMBER + ":policy/" + ROLE + "-ecs-exec-ssmmessages";
    private static final Clock CLOCK = Clock.fixed(HandlerFixture.NOW, ZoneOffset.UTC);

    /**
     * The central account's service is ready; each member's has ECS Exec turned off. Every in-memory account
     * holds {@link Scenario}'s resources (whose ARNs name its account): which one was read tells them apart.
     */
    private final InMemoryAccount central = account(true);
    private final InMemorySecurityHub centralHub = new InMemorySecurityHub(mapper(Scenario.ACCOUNT).productArn());
    private final Map<String, InMemoryAccount> members = Map.of(MEMBER, account(false), OTHER_MEMBER,
            account(false));
    private final Map<String, InMemorySecurityHub> hubs = new HashMap<>();
    /** Accounts whose member role does not trust the central account (yet). */
    private final Set<String> denied = new HashSet<>();
    private final List<String> opened = new ArrayList<>();
    private Optional<RemediationWiring> remediation = Optional.empty();

    /** The test double for "open account X in Region R through its member role". */
    private Optional<Wiring.Target> open(String account, String region) {
        opened.add(account + "/" + region);
        if (denied.contains(account)) {
            throw new MemberAccessException(account, "arn:aws:iam::" + account + ":role/" + ROLE,
                    (StsException) StsException.builder().statusCode(403).message("not authorized to perform sts:AssumeRole")
                            .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build()).build());
        }
        InMemoryAccount member = members.get(account);
        FindingMapper mapper = mapper(account);
        InMemorySecurityHub hub = hubs.computeIfAbsent(account, a -> new InMemorySecurityHub(mapper.productArn()));
        return Optional.of(new Wiring.Target(member.readers(), new FindingsReport(hub, mapper, CLOCK, duration -> {}),
                remediation.map(r -> r.inMember(member.writers(), account, "aws", ROLE)), () -> null));
    }

    private JsonNode invoke(String account, Optional<Wiring.Members> withMembers) throws IOException {
        return invokeWith(HandlerFixture.sample("ecs-deployment-state-change.json", e -> e.put("account", account)),
                withMembers);
    }

    private JsonNode invokeWith(String event, Optional<Wiring.Members> withMembers) throws IOException {
        Wiring wiring = new Wiring(central.readers(), () -> null, HandlerFixture.NAMESPACE, Telemetry.Level.INFO, CLOCK,
                new PrintStream(OutputStream.nullOutputStream()),
                new FindingsReport(centralHub, mapper(Scenario.ACCOUNT), CLOCK, duration -> {}),
                remediation.map(r -> new RemediationWiring(central.writers(), r.ledger(), r.settings(), "/stack/",
                        CLOCK)), Scenario.ACCOUNT, withMembers);
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        new DeploymentEventHandler(wiring).handleRequest(new ByteArrayInputStream(event.getBytes(UTF_8)), result, null);
        return JSON.readTree(result.toByteArray());
    }

    private JsonNode invoke(String account) throws IOException {
        return invoke(account, Optional.of(this::open));
    }

    private void remediating() {
        remediation = Optional.of(new RemediationWiring(central.writers(), new InMemoryRemediationLedger(),
                RemediationSettings.defaults(CENTRAL_POLICY), "/stack/", CLOCK));
    }

    @Test
    void aMemberEventIsEvaluatedAndReportedInThatMembersAccount() throws IOException {
        JsonNode result = invoke(MEMBER);

        assertEquals("evaluated", result.path("status").asText(), result.toString());
        assertFalse(result.path("ready").asBoolean(), "the member's service (exec off) was read: " + result);
        assertEquals(List.of(MEMBER + "/" + Scenario.REGION), opened);
        assertEquals(0, central.apiCalls().total(), "nothing read in the central account");
        assertTrue(centralHub.all().isEmpty(), "no finding in the central account's hub");
        var findings = hubs.get(MEMBER).all().values();
        assertFalse(findings.isEmpty());
        findings.forEach(stored -> {
            assertEquals(MEMBER, stored.finding().awsAccountId());
            assertEquals(mapper(MEMBER).productArn(), stored.finding().productArn());
        });
    }

    @Test
    void theFunctionsOwnAccountIsReadDirectly() throws IOException {
        JsonNode result = invoke(Scenario.ACCOUNT);

        assertTrue(result.path("ready").asBoolean(), "the central service (exec on) was read: " + result);
        assertEquals(List.of(), opened, "no member role assumed for the function's own account");
        assertTrue(central.apiCalls().total() > 0);
    }

    @Test
    void aMemberIsRepairedWithItsOwnWritersAndTheCentralAccountIsLeftAlone() throws IOException {
        central.put(Scenario.ready().withService("enableExecuteCommand", false));
        remediating();

        JsonNode result = invoke(MEMBER);

        assertEquals("APPLIED", result.at("/remediation/fixes/0/outcome").asText(), result.toString());
        assertTrue(execEnabled(members.get(MEMBER)));
        assertFalse(execEnabled(central));
    }

    @Test
    void aMembersTaskRoleGetsThatMembersSsmmessagesPolicy() throws IOException {
        InMemoryAccount member = members.get(MEMBER);
        member.put(Scenario.ready().withTaskRolePolicies(LOGS_ONLY));
        member.putPolicy(MEMBER_POLICY, SSMMESSAGES_ONLY);
        remediating();

        JsonNode result = invoke(MEMBER);

        assertTrue(result.at("/remediation/nowPassing").toString().contains("iam.ssmmessages"), result.toString());
        assertEquals(List.of(MEMBER_POLICY), member.role("web-task").orElseThrow().attachedPolicyArns());
    }

    @Test
    void theMemberRolesOwnChangeIsNotActedOn() throws IOException {
        remediating();
        String ownChange = HandlerFixture.sample("cloudtrail-update-service.json", event -> {
            event.put("account", MEMBER);
            ObjectNode issuer = (ObjectNode) event.at("/detail/userIdentity/sessionContext/sessionIssuer");
            issuer.put("arn", "arn:aws:iam::" + MEMBER + ":role/" + ROLE);
        });

        JsonNode result = invokeWith(ownChange, Optional.of(this::open));

        assertFalse(result.has("remediation"), result.toString());
        assertFalse(execEnabled(members.get(MEMBER)), "nothing was changed");
    }

    @Test
    void withoutAMemberRoleEventsFromOtherAccountsAreSkipped() throws IOException {
        JsonNode result = invoke(MEMBER, Optional.empty());

        assertEquals("skipped", result.path("status").asText(), result.toString());
        assertEquals(MEMBER, result.path("account").asText());
        assertEquals(0, central.apiCalls().total());
        assertTrue(centralHub.all().isEmpty());
    }

    @Test
    void aMemberWhoseRoleCannotBeAssumedFailsThatEventOnly() throws IOException {
        denied.add(MEMBER);

        var error = assertThrows(MemberAccessException.class, () -> invoke(MEMBER));

        assertTrue(error.getMessage().contains("arn:aws:iam::" + MEMBER + ":role/" + ROLE), error.getMessage());
        assertEquals(MEMBER, error.accountId());
        assertTrue(centralHub.all().isEmpty(), "nothing reported anywhere for the failed event");
        assertFalse(hubs.containsKey(MEMBER));
        // The other members and the central account are still served, and the member is once its role is fixed.
        assertEquals("evaluated", invoke(OTHER_MEMBER).path("status").asText());
        assertEquals("evaluated", invoke(Scenario.ACCOUNT).path("status").asText());
        denied.clear();
        assertEquals("evaluated", invoke(MEMBER).path("status").asText());
    }

    private static final String LOGS_ONLY = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["logs:CreateLogStream","logs:DescribeLogStreams","logs:PutLogEvents"],
               "Resource":"*"}]}""";
    private static final String SSMMESSAGES_ONLY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssmmessages:CreateControlChannel",
              "ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],
              "Resource":"*"}]}""";

    private static InMemoryAccount account(boolean execOn) {
        InMemoryAccount account = new InMemoryAccount();
        account.put(Scenario.ready().withService("enableExecuteCommand", execOn));
        return account;
    }

    private static boolean execEnabled(InMemoryAccount account) {
        return account.describeService(Scenario.CLUSTER_ARN, Scenario.SERVICE_ARN).orElseThrow().enableExecuteCommand();
    }

    private static FindingMapper mapper(String account) {
        return new FindingMapper(account, Scenario.REGION, "aws", Planner.FIXABLE_CHECKS::contains);
    }
}
