package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.cli.CommandLine.Run;
import io.github.ecsexecreadiness.moto.MotoServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * {@code preflight} through the SDK against moto (which serves Config recorders, Security Hub's DescribeHub with
 * its InvalidAccessException, CloudTrail trails, status and selectors, and Organizations): an empty account, one
 * with everything, and the organisation parameters. Every call it makes is a read.
 */
class PreflightMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static Run preflight(String... args) {
        List<String> argv = new ArrayList<>(List.of("preflight", "--endpoint-url", moto.endpoint().toString(),
                "--region", MotoServer.REGION.id()));
        argv.addAll(List.of(args));
        return CommandLine.run(MotoServer.CREDENTIALS, new InMemoryRemediationLedger(), argv);
    }

    private static void assertLine(Run run, String regex) {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(run.out()).find(),
                "no line " + regex + " in:\n" + run.out() + run.err());
    }

    @Test
    void anEmptyAccountDeploysWithoutTheConfigRuleAndFindings() {
        Run run = preflight();

        assertAll(
                () -> assertEquals(0, run.exitCode(), run.out() + run.err()),
                () -> assertLine(run, "^config-recorder +ADJUSTED +no AWS Config configuration recorder in eu-west-1"),
                () -> assertLine(run, "^security-hub +ADJUSTED +Security Hub CSPM is not enabled in eu-west-1 "
                        + "\\(DescribeHub: InvalidAccessException\\)"),
                () -> assertLine(run, "^cloudtrail +WARN +no trail logs ECS write management events in eu-west-1"),
                () -> assertLine(run, "^  sam deploy --stack-name ecs-exec-readiness --region eu-west-1 "
                        + "--parameter-overrides CreateConfigRule=false EnableFindings=false$"),
                () -> assertOnlyReads(run));
    }

    @Test
    void anAccountWithRecorderSecurityHubAndTrailDeploysWithEverything() throws Exception {
        try (var clients = moto.newClients()) {
            ConfigClient config = clients.build(ConfigClient.builder());
            config.putConfigurationRecorder(r -> r.configurationRecorder(c -> c.name("default")
                    .roleARN("arn:aws:iam::" + MotoServer.ACCOUNT_ID + ":role/config")
                    .recordingGroup(g -> g.allSupported(true).includeGlobalResourceTypes(false))));
            config.putDeliveryChannel(r -> r.deliveryChannel(d -> d.name("default").s3BucketName("config-bucket")));
            config.startConfigurationRecorder(r -> r.configurationRecorderName("default"));
            clients.securityHub().enableSecurityHub(r -> { });
            createBucket("trail-bucket");
            CloudTrailClient cloudTrail = clients.build(CloudTrailClient.builder());
            cloudTrail.createTrail(r -> r.name("management").s3BucketName("trail-bucket").isMultiRegionTrail(true));
            cloudTrail.startLogging(r -> r.name("management"));
            cloudTrail.putEventSelectors(r -> r.trailName("management").eventSelectors(s -> s
                    .includeManagementEvents(true).readWriteType(ReadWriteType.WRITE_ONLY)));
        }

        Run run = preflight("--stack-name", "exec-readiness");

        assertAll(
                () -> assertEquals(0, run.exitCode(), run.out() + run.err()),
                () -> assertLine(run, "^config-recorder +OK +configuration recorder default is recording and "
                        + "records AWS::ECS::Service \\(allSupported\\)$"),
                () -> assertLine(run, "^security-hub +OK "),
                () -> assertLine(run, "^cloudtrail +OK +trail arn:aws:cloudtrail:eu-west-1:123456789012:"
                        + "trail/management is logging"),
                () -> assertLine(run, "^  sam deploy --stack-name exec-readiness --region eu-west-1 "
                        + "--parameter-overrides CreateConfigRule=true EnableFindings=true$"),
                () -> assertOnlyReads(run));
    }

    @Test
    void organisationParametersAreReadFromOrganizations() throws Exception {
        String organization;
        String root;
        try (var clients = moto.newClients()) {
            OrganizationsClient organizations = clients.build(OrganizationsClient.builder());
            organization = organizations.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL))
                    .organization().id();
            root = organizations.listRoots().roots().getFirst().id();
        }

        Run ok = preflight("--member-role-name", "exec-readiness", "--organization-id", organization,
                "--sweep-organizational-units", root);
        Run otherOrganization = preflight("--member-role-name", "exec-readiness", "--organization-id", "o-zzzzzzzzzz");
        Run overlong = preflight("--stack-name", "s".repeat(60));

        assertAll(
                () -> assertEquals(0, ok.exitCode(), ok.out() + ok.err()),
                () -> assertLine(ok, "^organizations +OK +Organizations can be read: organisation " + organization),
                () -> assertTrue(ok.out().contains("MemberRoleName=exec-readiness OrganizationId=" + organization
                        + " SweepOrganizationalUnits=" + root), ok.out()),
                () -> assertOnlyReads(ok),
                () -> assertEquals(1, otherOrganization.exitCode()),
                () -> assertLine(otherOrganization, "^organizations +BLOCKED +this account belongs to " + organization),
                () -> assertEquals(1, overlong.exitCode()),
                () -> assertLine(overlong, "^stack-name +BLOCKED +60 characters is too long for "));
    }

    /** Every operation sent is a read (DeclaredIamTest proves each is declared). */
    private static void assertOnlyReads(Run run) {
        for (String operation : run.apiCalls().keySet()) {
            assertTrue(operation.matches("[A-Za-z0-9]+\\.(Describe|Get|List).+"), operation + " is not a read");
        }
    }

    /** moto's S3 takes an unsigned path-style PUT; the SDK's S3 module is not a dependency of this project. */
    private static void createBucket(String name) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(moto.endpoint().resolve("/" + name))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
