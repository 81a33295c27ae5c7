package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.cli.preflight.ConfigRecorder;
import io.github.ecsexecreadiness.cli.preflight.Trail;
import io.github.ecsexecreadiness.cli.preflight.Trail.AdvancedSelector;
import io.github.ecsexecreadiness.cli.preflight.Trail.EventSelector;
import io.github.ecsexecreadiness.cli.preflight.Trail.FieldSelector;
import io.github.ecsexecreadiness.memory.InMemoryDeploymentTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code preflight} over the in-memory twin of an account and Region: what it says, decides and exits with. */
class PreflightTest {
    private static final String ACCOUNT = "111122223333";
    private static final ConfigRecorder ALL_SUPPORTED =
            new ConfigRecorder("default", true, List.of(), "ALL_SUPPORTED_RESOURCE_TYPES", List.of(), true);
    private static final Trail MANAGEMENT_TRAIL = trail(true, List.of(new EventSelector(true, "WriteOnly")), List.of());

    private InMemoryDeploymentTarget target = new InMemoryDeploymentTarget("eu-west-1", ACCOUNT);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        List<String> argv = new ArrayList<>(List.of("preflight"));
        argv.addAll(List.of(args));
        return new Main(InMemoryConnections.preflight(target), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(argv);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String line(String check) {
        return out().lines().filter(l -> l.startsWith(check + " ")).findFirst().orElseThrow(() ->
                new AssertionError("no " + check + " in " + out()));
    }

    private String samDeploy() {
        return out().lines().map(String::strip).filter(l -> l.startsWith("sam deploy ")).findFirst().orElseThrow();
    }

    private static Trail trail(boolean logging, List<EventSelector> basic, List<AdvancedSelector> advanced) {
        return new Trail("arn:aws:cloudtrail:eu-west-1:" + ACCOUNT + ":trail/management", "eu-west-1", true, false,
                logging, basic, advanced, null);
    }

    private static void assertStatus(String line, String status) {
        assertTrue(Pattern.compile("^\\S+\\s+" + status + "\\s").matcher(line).find(), line);
    }

    @Test
    void anAccountWithoutRecorderSecurityHubOrTrailDeploysWithTheirParametersOff() {
        assertEquals(0, run(), out());

        assertStatus(line("config-recorder"), "ADJUSTED");
        assertTrue(line("config-recorder").contains("no AWS Config configuration recorder in eu-west-1"));
        assertStatus(line("security-hub"), "ADJUSTED");
        assertStatus(line("cloudtrail"), "WARN");
        assertTrue(line("cloudtrail").contains("CreateService/UpdateService rule will stay silent"));
        assertStatus(line("snapstart"), "OK");
        assertStatus(line("organizations"), "SKIPPED");
        assertEquals("sam deploy --stack-name ecs-exec-readiness --region eu-west-1 --parameter-overrides "
                + "CreateConfigRule=false EnableFindings=false", samDeploy());
    }

    @Test
    void anAccountWithEverythingDeploysWithTheDefaults() {
        target.withRecorder(ALL_SUPPORTED).withSecurityHub(true).withTrail(MANAGEMENT_TRAIL);

        assertEquals(0, run("--stack-name", "exec", "--profile", "audit"), out());

        for (String check : List.of("stack-name", "config-recorder", "security-hub", "cloudtrail", "snapstart")) {
            assertStatus(line(check), "OK");
        }
        assertEquals("sam deploy --stack-name exec --region eu-west-1 --profile audit --parameter-overrides "
                + "CreateConfigRule=true EnableFindings=true", samDeploy());
    }

    @Test
    void aRecorderCountsOnlyWhenItRecordsEcsServices() {
        var cases = Map.of(
                new ConfigRecorder("r", false, List.of("AWS::ECS::Service"), "INCLUSION_BY_RESOURCE_TYPES", List.of(),
                        true), "OK",
                new ConfigRecorder("r", false, List.of("AWS::EC2::Instance"), "INCLUSION_BY_RESOURCE_TYPES",
                        List.of(), true), "ADJUSTED",
                new ConfigRecorder("r", false, List.of(), "EXCLUSION_BY_RESOURCE_TYPES", List.of("AWS::ECS::Service"),
                        true), "ADJUSTED",
                new ConfigRecorder("r", false, List.of(), "EXCLUSION_BY_RESOURCE_TYPES", List.of("AWS::EC2::Volume"),
                        true), "OK",
                new ConfigRecorder("r", true, List.of(), "ALL_SUPPORTED_RESOURCE_TYPES", List.of(), false), "ADJUSTED");
        cases.forEach((recorder, status) -> {
            target = new InMemoryDeploymentTarget("eu-west-1", ACCOUNT).withRecorder(recorder);
            run();
            assertStatus(line("config-recorder"), status);
            assertTrue(samDeploy().contains("CreateConfigRule=" + status.equals("OK")), recorder + ": " + out());
        });
    }

    @Test
    void anOverlongStackNameBlocksAndSaysHowLongOneMayBe() {
        target.withRecorder(ALL_SUPPORTED).withSecurityHub(true).withTrail(MANAGEMENT_TRAIL);
        String name = "a".repeat(47);

        assertEquals(1, run("--stack-name", name), out());

        assertStatus(line("stack-name"), "BLOCKED");
        assertTrue(line("stack-name").contains("AWS::Serverless::Function FunctionName " + name
                + "-deployment-events (65 > 64)"), line("stack-name"));
        assertTrue(line("stack-name").contains("use a stack name of at most 40 characters"), line("stack-name"));
        assertTrue(out().contains("Something blocks the deployment"), out());

        assertEquals(1, run("--stack-name", "9lives"));
        assertTrue(line("stack-name").contains("starting with a letter"), out());
    }

    @Test
    void whatCannotBeReadIsUnknownWithTheParameterThatCannotFail() {
        target.fail("Config.DescribeConfigurationRecorders", "AccessDeniedException")
                .fail("SecurityHub.DescribeHub", "AccessDeniedException")
                .fail("CloudTrail.DescribeTrails", "AccessDeniedException");

        assertEquals(0, run(), out());

        assertStatus(line("config-recorder"), "UNKNOWN");
        assertTrue(line("config-recorder").contains("Config.DescribeConfigurationRecorders: AccessDeniedException"));
        assertStatus(line("security-hub"), "UNKNOWN");
        assertStatus(line("cloudtrail"), "UNKNOWN");
        assertTrue(samDeploy().endsWith("CreateConfigRule=false EnableFindings=false"), samDeploy());
    }

    @Test
    void snapStartIsBlockedWhereTheGuideSaysItIsNotOfferedAndUnknownElsewhere() {
        target = new InMemoryDeploymentTarget("ap-southeast-6", ACCOUNT);
        assertEquals(1, run());
        assertStatus(line("snapstart"), "BLOCKED");
        assertTrue(line("snapstart").contains("snapstart.html#snapstart-supported-regions"), line("snapstart"));

        target = new InMemoryDeploymentTarget("cn-north-1", ACCOUNT);
        assertEquals(0, run());
        assertStatus(line("snapstart"), "WARN");
    }

    @Test
    void organisationParametersAreCheckedAndPassedOn() {
        target.inOrganization("o-abcdefghij", Map.of("ou-ab12-cdefghij", 3));

        assertEquals(0, run("--member-role-name", "exec-readiness", "--organization-id", "o-abcdefghij",
                "--sweep-organizational-units", "ou-ab12-cdefghij", "--sweep-regions", "eu-west-1,us-east-1"), out());
        assertStatus(line("organizations"), "OK");
        assertTrue(samDeploy().endsWith("MemberRoleName=exec-readiness OrganizationId=o-abcdefghij "
                + "SweepOrganizationalUnits=ou-ab12-cdefghij SweepRegions=eu-west-1,us-east-1"), samDeploy());

        assertEquals(1, run("--sweep-organizational-units", "ou-ab12-cdefghij"));
        assertTrue(line("organizations").contains("need --member-role-name"), out());

        assertEquals(1, run("--member-role-name", "r", "--organization-id", "o-zzzzzzzzzz"));
        assertTrue(line("organizations").contains("this account belongs to o-abcdefghij, not o-zzzzzzzzzz"), out());

        target.fail("Organizations.ListAccountsForParent", "AccessDeniedException");
        assertEquals(1, run("--member-role-name", "r", "--sweep-organizational-units", "ou-ab12-cdefghij"));
        assertTrue(line("organizations").contains("management account or a delegated administrator"), out());

        assertEquals(0, run("--sweep-accounts", ACCOUNT), "this account alone needs no member role: " + out());
    }

    @Test
    void badTemplateParameterValuesAreUsageErrors() {
        assertEquals(2, run("--organization-id", "org-1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--organization-id must be an organization id"));
        assertEquals(2, run("--sweep-accounts", "1234"));
    }

    @Test
    void jsonHasEveryFindingAndTheCommand() throws Exception {
        target.withSecurityHub(true);

        assertEquals(0, run("--output", "json"));

        JsonNode report = new ObjectMapper().readTree(out());
        assertEquals(6, report.path("findings").size());
        assertEquals("ADJUSTED", report.at("/findings/1/status").asText());
        assertEquals("true", report.at("/parameterOverrides/EnableFindings").asText());
        assertFalse(report.path("blocked").asBoolean());
        assertTrue(report.path("samDeploy").asText().startsWith("sam deploy --stack-name ecs-exec-readiness"));
    }

    @Test
    void aTrailCountsWhenItLogsEcsWriteManagementEvents() {
        FieldSelector management = new FieldSelector("eventCategory", List.of("Management"), List.of());
        assertTrue(trail(true, List.of(new EventSelector(true, "All")), List.of()).logsEcsWriteManagementEvents());
        assertFalse(trail(true, List.of(new EventSelector(true, "ReadOnly")), List.of()).logsEcsWriteManagementEvents());
        assertFalse(trail(true, List.of(new EventSelector(false, "All")), List.of()).logsEcsWriteManagementEvents());
        assertTrue(trail(true, List.of(), List.of(new AdvancedSelector(List.of(management))))
                .logsEcsWriteManagementEvents());
        assertTrue(trail(true, List.of(), List.of(new AdvancedSelector(List.of(management,
                new FieldSelector("readOnly", List.of("false"), List.of()))))).logsEcsWriteManagementEvents());
        assertFalse(trail(true, List.of(), List.of(new AdvancedSelector(List.of(management,
                new FieldSelector("readOnly", List.of("true"), List.of()))))).logsEcsWriteManagementEvents());
        assertFalse(trail(true, List.of(), List.of(new AdvancedSelector(List.of(management,
                new FieldSelector("eventSource", List.of(), List.of("ecs.amazonaws.com"))))))
                .logsEcsWriteManagementEvents());
        assertFalse(trail(true, List.of(), List.of(new AdvancedSelector(List.of(
                new FieldSelector("eventCategory", List.of("Data"), List.of()))))).logsEcsWriteManagementEvents());

        target.withTrail(trail(false, List.of(new EventSelector(true, "All")), List.of()));
        run();
        assertStatus(line("cloudtrail"), "WARN"); // a trail that is not logging delivers nothing
    }
}
