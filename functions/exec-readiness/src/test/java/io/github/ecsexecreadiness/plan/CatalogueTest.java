package io.github.ecsexecreadiness.plan;

import io.github.ecsexecreadiness.fix.Fix;
import static io.github.ecsexecreadiness.check.Scenario.TASK_ROLE_ARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.check.ReadinessEngine;
import io.github.ecsexecreadiness.check.Remedy;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Kms;
import io.github.ecsexecreadiness.fix.Fix.AttachSsmmessagesPolicy;
import io.github.ecsexecreadiness.fix.Fix.AuthorizeEndpointIngress;
import io.github.ecsexecreadiness.fix.Fix.CreateSsmmessagesEndpoint;
import io.github.ecsexecreadiness.fix.Fix.EnableExecAndRedeploy;
import io.github.ecsexecreadiness.fix.Fix.GrantSessionPermissions;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Walks the catalogue ({@link Checks#ALL}): every check has its own test class and complete metadata, and every
 * automatic fix a remedy declares is proposed on a fixture, declares the IAM actions applying it takes, repairs
 * its check, and comes with copy-pasteable advice naming the fixture's real resources.
 */
class CatalogueTest {
    static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/k1";

    // ----- checks ----------------------------------------------------------------------------------------

    @Test
    void everyCheckHasItsOwnTestClass() {
        for (Check check : Checks.ALL) {
            String test = check.getClass().getName() + "Test";
            try {
                Class.forName(test);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(check.metadata().id() + " has no test class " + test, e);
            }
        }
    }

    @Test
    void everyCheckHasCompleteMetadataUnderItsOwnId() {
        Set<String> ids = new HashSet<>();
        for (Check check : Checks.ALL) {
            CheckMetadata m = check.metadata();
            assertTrue(ids.add(m.id()), "two checks have the id " + m.id());
            for (String text : List.of(m.title(), m.rationale(), m.remediation())) {
                assertFalse(text.isBlank(), m.id());
            }
            assertTrue(m.severity() != null && m.findingType() != null, m.id());
            assertTrue(m.documentation().toString().startsWith("https://docs.aws.amazon.com/"), m.id());
        }
    }

    @Test
    void metadataWithoutAFieldIsRefused() {
        var complete = CheckMetadata.builder("test.complete").title("t").severity(Severity.LOW)
                .findingType(io.github.ecsexecreadiness.check.FindingType.CONFIGURATION).rationale("r")
                .remediation("m").documentation(CheckMetadata.ECS_EXEC_DOC);
        assertThrows(IllegalArgumentException.class, complete::build, "whether it can stop a session is unsaid");
        complete.stopsSession(false);
        assertEquals("test.complete", complete.build().id());
        assertThrows(NullPointerException.class, () -> complete.findingType(null).build());
        assertThrows(IllegalArgumentException.class, () -> CheckMetadata.builder("test.no-title").severity(Severity.LOW)
                .findingType(io.github.ecsexecreadiness.check.FindingType.CONFIGURATION).rationale("r")
                .remediation("m").documentation(CheckMetadata.ECS_EXEC_DOC).build());
    }

    // ----- remedies: each automatic fix on a fixture, with its advice -------------------------------------

    /**
     * A fixture on which {@code checkId}'s remedy proposes {@code fix}, and the advice the engine gives there.
     * iam.exec-kms FAILs on its fixture: the default key policy lets IAM decide, and the role lacks kms:Decrypt.
     */
    record Case(String checkId, Supplier<Scenario> scenario, Class<? extends Fix> fix, List<String> advice) {
        @Override
        public String toString() {
            return checkId + " " + fix.getSimpleName();
        }
    }

    static Scenario s3Logging() {
        return Scenario.ready().withCluster(b -> b.executeCommandConfiguration(
                new Ecs.ExecuteCommandConfiguration(null, "OVERRIDE", null, false, "audit", true, "exec/")));
    }

    static Scenario kmsKey() {
        Scenario scenario = Scenario.ready().withCluster(b -> b.executeCommandConfiguration(
                new Ecs.ExecuteCommandConfiguration(KEY_ARN, "NONE", null, false, null, false, null)));
        scenario.withKmsKey(KEY_ARN, new Kms.Key(KEY_ARN, "Enabled", Scenario.DEFAULT_KEY_POLICY));
        return scenario;
    }

    static final List<Permission> S3_LOGGING = List.of(new Permission("s3:GetBucketLocation", "*"),
            new Permission("s3:PutObject", "arn:aws:s3:::audit/exec/*"),
            new Permission("s3:GetEncryptionConfiguration", "arn:aws:s3:::audit"));

    static final List<Case> CASES = List.of(
            new Case("exec.service-flag", PlannerTest::execOff, EnableExecAndRedeploy.class, List.of(
                    "aws ecs update-service --cluster shop --service web --enable-execute-command "
                            + "--force-new-deployment --region eu-west-1")),
            new Case("exec.task-flag", () -> Scenario.ready().withTasks(b -> b.enableExecuteCommand(false)),
                    EnableExecAndRedeploy.class, List.of(
                    "aws ecs update-service --cluster shop --service web --force-new-deployment --region eu-west-1")),
            new Case("iam.ssmmessages", PlannerTest::noSsmmessages, AttachSsmmessagesPolicy.class, List.of(
                    "aws iam put-role-policy --role-name web-task --policy-name ecs-exec-ssmmessages --policy-document "
                            + "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
                            + "\"ssmmessages:CreateControlChannel\",\"ssmmessages:CreateDataChannel\","
                            + "\"ssmmessages:OpenControlChannel\",\"ssmmessages:OpenDataChannel\"],\"Resource\":\"*\"}]}'")),
            new Case("iam.exec-logging", CatalogueTest::s3Logging, GrantSessionPermissions.class, List.of(
                    "aws iam put-role-policy --role-name web-task --policy-name "
                            + GrantSessionPermissions.policyName("logging", "shop", S3_LOGGING) + " --policy-document "
                            + "'{\"Version\":\"2012-10-17\",\"Statement\":["
                            + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetBucketLocation\"],\"Resource\":\"*\"},"
                            + "{\"Effect\":\"Allow\",\"Action\":[\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::audit/exec/*\"},"
                            + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetEncryptionConfiguration\"],"
                            + "\"Resource\":\"arn:aws:s3:::audit\"}]}'")),
            new Case("iam.exec-kms", CatalogueTest::kmsKey, GrantSessionPermissions.class, List.of(
                    "aws iam put-role-policy --role-name web-task --policy-name " + GrantSessionPermissions.policyName(
                            "kms", "shop", List.of(new Permission("kms:Decrypt", KEY_ARN))) + " --policy-document "
                            + "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "[\"kms:Decrypt\"],\"Resource\":\"" + KEY_ARN + "\"}]}'")),
            new Case("network.ssmmessages", PlannerTest::noRoute, CreateSsmmessagesEndpoint.class, List.of(
                    "ENDPOINT_SG=$(aws ec2 create-security-group --vpc-id vpc-0a1 --group-name "
                            + "ecs-exec-ssmmessages-endpoint --description 'ECS Exec: TCP 443 to the ssmmessages "
                            + "endpoint from ECS tasks' --region eu-west-1 --query GroupId --output text)",
                    "aws ec2 authorize-security-group-ingress --group-id \"$ENDPOINT_SG\" --ip-permissions "
                            + "'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=sg-0task}]' "
                            + "--region eu-west-1",
                    "aws ec2 create-vpc-endpoint --vpc-id vpc-0a1 --vpc-endpoint-type Interface --service-name "
                            + "com.amazonaws.eu-west-1.ssmmessages --subnet-ids subnet-0private --security-group-ids "
                            + "\"$ENDPOINT_SG\" --private-dns-enabled --region eu-west-1")),
            new Case("network.ssmmessages", PlannerTest::endpointBlocks, AuthorizeEndpointIngress.class, List.of(
                    "aws ec2 authorize-security-group-ingress --group-id sg-0vpce --ip-permissions "
                            + "'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=sg-0task}]' "
                            + "--region eu-west-1")));

    @Test
    void everyAutomaticFixOfEveryRemedyHasACase() {
        Set<String> declared = Checks.ALL.stream().flatMap(check -> check.remedy().fixes().stream()
                .map(fix -> check.metadata().id() + " " + fix.getSimpleName())).collect(Collectors.toSet());
        assertEquals(declared, CASES.stream().map(Case::toString).collect(Collectors.toSet()));
        // Every kind of change the applier makes, except a person's, is some remedy's.
        assertEquals(Arrays.stream(Fix.class.getPermittedSubclasses()).filter(type -> type != Fix.Manual.class)
                        .collect(Collectors.toSet()),
                Checks.ALL.stream().flatMap(check -> check.remedy().fixes().stream()).collect(Collectors.toSet()));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void theRemedyProposesItsFixWhichDeclaresItsIamAndRepairsItsCheck(Case c) {
        var facts = c.scenario().get().facts();
        CheckResult result = new ReadinessEngine().evaluate(facts).result(c.checkId());
        List<Fix> fixes = Checks.byId(c.checkId()).remedy()
                .propose(List.of(result), facts, new Remedy.Context(PlannerTest.POLICY_ARN)).stream()
                .map(Remedy.Proposal::fix).filter(c.fix()::isInstance).toList();
        assertEquals(1, fixes.size(), result.toString());
        Fix fix = fixes.getFirst();
        assertEquals(c.checkId(), fix.checkId());
        assertFalse(fix.iamActions().isEmpty(), fix + " declares no IAM action");
        assertTrue(Checks.repairedBy(fix).contains(c.checkId()), fix.toString());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void theAdviceNamesTheServicesResources(Case c) {
        CheckResult result = new ReadinessEngine().evaluate(c.scenario().get().facts()).result(c.checkId());
        assertEquals(c.advice(), result.advice(), result.reason());
    }

    @Test
    void automaticallyFixableChecksAreThoseWithAnAutomaticFix() {
        assertEquals(Set.of("iam.ssmmessages", "iam.exec-logging", "iam.exec-kms", "network.ssmmessages",
                        "exec.service-flag", "exec.task-flag"),
                Checks.ALL.stream().map(check -> check.metadata().id()).filter(Checks::automaticallyFixable)
                        .collect(Collectors.toSet()));
        assertFalse(Checks.automaticallyFixable("test.no-such-check"));
    }

    // ----- which checks a fix repairs ---------------------------------------------------------------------

    @Test
    void oneRedeploymentRepairsBothExecFlagsWhicheverItWasPlannedFor() {
        for (String plannedFor : List.of("exec.service-flag", "exec.task-flag")) {
            assertEquals(List.of("exec.service-flag", "exec.task-flag"), Checks.repairedBy(
                    new EnableExecAndRedeploy(plannedFor, Scenario.CLUSTER_ARN, Scenario.SERVICE_ARN)));
        }
    }

    @Test
    void aGrantRepairsOnlyTheCheckItWasPlannedFor() {
        var decrypt = List.of(new Permission("kms:Decrypt", KEY_ARN));
        assertEquals(List.of("iam.exec-kms"), Checks.repairedBy(
                new GrantSessionPermissions("iam.exec-kms", TASK_ROLE_ARN, "p", decrypt)));
        assertEquals(List.of("iam.exec-logging"), Checks.repairedBy(
                new GrantSessionPermissions("iam.exec-logging", TASK_ROLE_ARN, "p", S3_LOGGING)));
        assertEquals(List.of("iam.ssmmessages"), Checks.repairedBy(new AttachSsmmessagesPolicy(TASK_ROLE_ARN, "arn")));
    }

    @Test
    void aPersonsStepOrAFixOfAnotherKindRepairsNothing() {
        assertEquals(List.of(), Checks.repairedBy(new Fix.Manual("exec.service-flag", "do it")));
        // A redeployment is not the remedy of the ssmmessages permission, whatever it was planned for.
        assertEquals(List.of(), Checks.repairedBy(
                new EnableExecAndRedeploy("iam.ssmmessages", Scenario.CLUSTER_ARN, Scenario.SERVICE_ARN)));
        assertEquals(List.of(), Checks.repairedBy(
                new EnableExecAndRedeploy("test.no-such-check", Scenario.CLUSTER_ARN, Scenario.SERVICE_ARN)));
    }

    @Test
    void passingChecksGetNoAdvice() {
        new ReadinessEngine().evaluate(Scenario.ready().facts()).results()
                .forEach(result -> assertEquals(List.of(), result.advice(), result.id()));
    }
}
