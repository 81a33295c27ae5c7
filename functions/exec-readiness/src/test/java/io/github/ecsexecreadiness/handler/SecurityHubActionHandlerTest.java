package io.github.ecsexecreadiness.handler;

import static io.github.ecsexecreadiness.handler.HandlerFixture.Lambda.DEPLOYMENT_EVENT;
import static io.github.ecsexecreadiness.handler.HandlerFixture.Lambda.SECURITY_HUB_ACTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.Ec2RouteTableBuilder;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.container.ReadonlyRootCheck;
import io.github.ecsexecreadiness.memory.InMemorySecurityHub.Note;
import io.github.ecsexecreadiness.memory.InMemorySecurityHub;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.securityhub.Finding.WorkflowStatus;
import io.github.ecsexecreadiness.report.securityhub.FindingMapper;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The "Fix ECS Exec" custom action: the sample drives the handler against the in-memory account and Security Hub.
 * A reviewed fix goes where automatic mode does not (protected environments, VPC endpoints), never where nothing
 * is automatic, and records what it did on each finding.
 */
@ReadsRepositoryFiles
class SecurityHubActionHandlerTest {
    private static final String SAMPLE = "securityhub-custom-action.json";
    private static final String ACTION_ARN = "arn:aws:securityhub:eu-west-1:111122223333:action/custom/FixEcsExec5e1f2a30";
    private static final String POLICY_ARN = "arn:aws:iam::111122223333:policy/ecs-exec-readiness-ecs-exec-ssmmessages";
    private static final FindingMapper MAPPER = HandlerFixture.mapper();

    private final HandlerFixture fixture = new HandlerFixture();
    private final InMemorySecurityHub hub = fixture.securityHub();

    /** The account holds {@code scenario}, its findings are in Security Hub, and remediation is on (defaults). */
    private void given(Scenario scenario) {
        fixture.account.put(scenario);
        fixture.publishFindings();
        fixture.remediate(RemediationSettings.defaults(POLICY_ARN), "/ecs-exec-readiness/");
    }

    private static Scenario execOff() {
        return Scenario.ready().withService(b -> b.enableExecuteCommand(false));
    }

    private boolean execEnabled() {
        return fixture.account.describeService(Scenario.CLUSTER_ARN, Scenario.SERVICE_ARN).orElseThrow()
                .enableExecuteCommand();
    }

    private static String id(String checkId) {
        return MAPPER.findingId(Scenario.SERVICE_ARN, checkId);
    }

    /** The sample with its one finding turned into this tool's finding for {@code checkId}. */
    private static String action(String checkId) {
        return HandlerFixture.sample(SAMPLE, event -> retarget(finding(event, 0), checkId));
    }

    private static ArrayNode findings(ObjectNode event) {
        return (ArrayNode) event.at("/detail/findings");
    }

    private static ObjectNode finding(ObjectNode event, int index) {
        return (ObjectNode) event.at("/detail/findings/" + index);
    }

    private static void retarget(ObjectNode finding, String checkId) {
        finding.put("Id", id(checkId)).put("GeneratorId", FindingMapper.GENERATOR_PREFIX + checkId);
        ((ObjectNode) finding.get("ProductFields")).put(FindingMapper.FIELD_CHECK_ID, checkId);
    }

    private Note note(String checkId) {
        return hub.note(id(checkId)).orElseThrow(() -> new AssertionError("no note on " + checkId + ": " + hub.all()));
    }

    private WorkflowStatus workflow(String checkId) {
        return hub.get(id(checkId)).orElseThrow().workflow();
    }

    @Test
    void theSampleIsTheFindingTheMapperProduces() throws Exception {
        JsonNode finding = HandlerFixture.json().readTree(HandlerFixture.sample(SAMPLE)).at("/detail/findings/0");

        assertEquals(id("exec.service-flag"), finding.get("Id").asText());
        assertEquals(MAPPER.productArn(), finding.get("ProductArn").asText());
        assertEquals(Scenario.SERVICE_ARN, finding.at("/Resources/0/Id").asText());
        assertEquals(Scenario.CLUSTER_ARN, finding.at("/ProductFields/" + FindingMapper.FIELD_CLUSTER.replace("/", "~1"))
                .asText());
    }

    @Test
    void theSampleTurnsExecOnAndResolvesItsFinding() throws Exception {
        given(execOff());
        assertEquals(WorkflowStatus.NEW, workflow("exec.service-flag"));

        JsonNode result = fixture.invoke(SECURITY_HUB_ACTION, HandlerFixture.sample(SAMPLE));

        assertTrue(execEnabled());
        assertEquals("reviewed", result.get("status").asText(), result.toString());
        assertEquals("APPLIED", result.at("/services/0/remediation/fixes/0/outcome").asText(), result.toString());
        assertEquals(WorkflowStatus.RESOLVED, workflow("exec.service-flag"));
        Note note = note("exec.service-flag");
        assertEquals(ACTION_ARN, note.updatedBy());
        assertTrue(note.text().startsWith("ecs-exec-readiness reviewed fix (Fix ECS Exec): applied: turn on ECS Exec for "
                + Scenario.SERVICE_ARN), note.text());
        assertTrue(note.text().endsWith("exec.service-flag now passes"), note.text());
        assertTrue(note.text().length() <= 512);
    }

    @Test
    void aProtectedServiceIsFixedOnReviewOnly() throws Exception {
        given(execOff().withService(b -> b.tags(Map.of("environment", "production"))));

        JsonNode automatic = fixture.invoke(DEPLOYMENT_EVENT, HandlerFixture.sample("ecs-deployment-state-change.json"));
        assertEquals("BLOCKED", automatic.at("/remediation/fixes/0/decision").asText(), automatic.toString());
        assertFalse(execEnabled(), "automatic mode leaves a protected environment alone");

        JsonNode reviewed = fixture.invoke(SECURITY_HUB_ACTION, HandlerFixture.sample(SAMPLE));

        assertEquals("APPLY", reviewed.at("/services/0/remediation/fixes/0/decision").asText(), reviewed.toString());
        assertTrue(execEnabled());
        assertEquals(WorkflowStatus.RESOLVED, workflow("exec.service-flag"));
    }

    @Test
    void aReviewedFixCreatesTheEndpointThatFixVpcEndpointsFalseLeavesToPeople() throws Exception {
        given(noRoute());
        assertFalse(RemediationSettings.defaults(POLICY_ARN).vpcEndpoints());

        fixture.invoke(DEPLOYMENT_EVENT, HandlerFixture.sample("ecs-deployment-state-change.json"));
        assertTrue(fixture.account.describeVpcEndpoints(List.of(Scenario.VPC)).isEmpty(), "not created automatically");

        JsonNode result = fixture.invoke(SECURITY_HUB_ACTION, action("network.ssmmessages"));

        List<Ec2.VpcEndpoint> endpoints = fixture.account.describeVpcEndpoints(List.of(Scenario.VPC));
        assertEquals(1, endpoints.size(), result.toString());
        assertTrue(endpoints.get(0).serviceName().endsWith(".ssmmessages"), endpoints.toString());
        assertTrue(note("network.ssmmessages").text().contains("applied: create an ssmmessages interface endpoint in "
                + Scenario.VPC), note("network.ssmmessages").text());
        assertTrue(List.of(WorkflowStatus.NOTIFIED, WorkflowStatus.RESOLVED).contains(workflow("network.ssmmessages")));
    }

    /** The private subnet loses its NAT route, and the VPC has no ssmmessages endpoint: network.ssmmessages fails. */
    private static Scenario noRoute() {
        Scenario s = Scenario.ready();
        var tables = s.vpcs().get(Scenario.VPC).routeTables().stream().map(table -> table.id().equals("rtb-0private")
                ? Ec2RouteTableBuilder.builder(table).routes(List.of(new Ec2.Route("10.0.0.0/16", null, "local",
                        "active"))).build()
                : table).toList();
        return s.withVpc(b -> b.routeTables(tables));
    }

    /** Only the selected finding's fixes: exec stays off although it fails too, and the read-only root stays. */
    @Test
    void aNeverAutomaticCheckIsLeftToAPersonAndNothingElseIsChanged() throws Exception {
        given(execOff().withContainers(b -> b.readonlyRootFilesystem(true)));
        String checkId = ReadonlyRootCheck.METADATA.id();

        JsonNode result = fixture.invoke(SECURITY_HUB_ACTION, action(checkId));

        assertFalse(execEnabled(), "exec.service-flag was not selected: " + result);
        assertTrue(fixture.account.describeTaskDefinition(Scenario.TASK_DEFINITION_ARN).containerDefinitions().get(0)
                .readonlyRootFilesystem());
        assertEquals(WorkflowStatus.NEW, workflow(checkId), "nothing applied: left as it was");
        String text = note(checkId).text();
        assertTrue(text.contains("left to a person: " + ReadonlyRootCheck.METADATA.remediation()
                .substring(0, 40)), text);
        assertTrue(text.contains("nothing was applied; " + checkId + " is FAIL"), text);
        assertEquals("unchanged", result.at("/notes/0/workflow").asText());
    }

    @Test
    void findingsOfOtherProductsAndToolsAreIgnored() throws Exception {
        given(execOff());
        String event = HandlerFixture.sample(SAMPLE, e -> {
            ObjectNode ours = finding(e, 0);
            ObjectNode config = findings(e).addObject().setAll(ours.deepCopy());
            config.put("Id", "arn:aws:config:eu-west-1:111122223333:config-rule/config-rule-x/finding/1")
                    .put("ProductArn", "arn:aws:securityhub:eu-west-1::product/aws/config");
            ObjectNode otherRegion = findings(e).addObject().setAll(ours.deepCopy());
            otherRegion.put("ProductArn", "arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default");
            ObjectNode otherGenerator = findings(e).addObject().setAll(ours.deepCopy());
            otherGenerator.put("Id", "custom/1").put("GeneratorId", "someone-else/exec");
        });

        JsonNode result = fixture.invoke(SECURITY_HUB_ACTION, event);

        assertEquals(3, result.get("ignored").asInt(), result.toString());
        assertEquals(1, result.get("notes").size(), result.toString());
        assertEquals(3, fixture.logLines("INFO", "ignored finding: not one of this tool's").size());
        assertTrue(execEnabled(), "this tool's finding is still acted on");
    }

    @Test
    void onlyForeignFindingsChangeNothing() throws Exception {
        given(execOff());
        String event = HandlerFixture.sample(SAMPLE, e -> finding(e, 0)
                .put("ProductArn", "arn:aws:securityhub:eu-west-1::product/aws/config"));

        JsonNode result = fixture.invoke(SECURITY_HUB_ACTION, event);

        assertEquals("ignored", result.get("status").asText(), result.toString());
        assertFalse(execEnabled());
        assertTrue(hub.note(id("exec.service-flag")).isEmpty());
    }

    @Test
    void twoFindingsOfOneServiceShareOneRemediation() throws Exception {
        given(execOff().withTasks(b -> b.enableExecuteCommand(false)));
        String event = HandlerFixture.sample(SAMPLE, e -> retarget(
                (ObjectNode) findings(e).addObject().setAll(finding(e, 0).deepCopy()),
                "exec.task-flag"));

        JsonNode result = fixture.invoke(SECURITY_HUB_ACTION, event);

        assertEquals(1, result.get("services").size(), result.toString());
        assertEquals(1, result.at("/services/0/remediation/fixes").size(), "one redeployment repairs both flags");
        assertTrue(execEnabled());
        for (String check : List.of("exec.service-flag", "exec.task-flag")) {
            assertTrue(note(check).text().contains("applied: turn on ECS Exec"), note(check).text());
            assertTrue(List.of(WorkflowStatus.NOTIFIED, WorkflowStatus.RESOLVED).contains(workflow(check)));
        }
    }

    @Test
    void withoutRemediationOnlyTheNoteIsRecorded() throws Exception {
        fixture.account.put(execOff());
        fixture.publishFindings();

        JsonNode result = fixture.invoke(SECURITY_HUB_ACTION, HandlerFixture.sample(SAMPLE));

        assertFalse(execEnabled());
        assertEquals("remediation is not enabled in this stack, nothing was changed",
                note("exec.service-flag").text().substring("ecs-exec-readiness reviewed fix: ".length()));
        assertEquals(WorkflowStatus.NEW, workflow("exec.service-flag"));
        assertEquals("not remediated", result.at("/services/0/status").asText(), result.toString());
    }

    /** Without findings the stack has no custom action; a stray event finds no product of its own to act for. */
    @Test
    void withoutFindingsNothingIsDone() throws Exception {
        HandlerFixture withoutFindings = new HandlerFixture();
        withoutFindings.account.put(execOff());
        withoutFindings.remediate(RemediationSettings.defaults(POLICY_ARN), "/ecs-exec-readiness/");

        JsonNode result = withoutFindings.invoke(SECURITY_HUB_ACTION, HandlerFixture.sample(SAMPLE));

        assertEquals("ignored", result.get("status").asText(), result.toString());
        assertFalse(withoutFindings.account.describeService(Scenario.CLUSTER_ARN, Scenario.SERVICE_ARN).orElseThrow()
                .enableExecuteCommand());
    }

    @Test
    void aMalformedEventIsReportedNotThrown() throws Exception {
        given(execOff());
        List<Consumer<ObjectNode>> breakages = List.of(
                e -> e.put("detail-type", "Security Hub Findings - Imported"),
                e -> e.put("source", "aws.ecs"),
                e -> ((ObjectNode) e.get("detail")).putArray("findings"),
                e -> ((ObjectNode) e.get("detail")).remove("findings"));
        for (Consumer<ObjectNode> breakage : breakages) {
            JsonNode result = fixture.invoke(SECURITY_HUB_ACTION, HandlerFixture.sample(SAMPLE, breakage));
            assertEquals("malformed", result.get("status").asText(), result.toString());
        }
        assertFalse(execEnabled());
        assertEquals(breakages.size(), fixture.logLines("ERROR", "malformed event").size());
    }
}
