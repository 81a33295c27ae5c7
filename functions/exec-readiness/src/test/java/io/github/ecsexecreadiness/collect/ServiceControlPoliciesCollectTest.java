package io.github.ecsexecreadiness.collect;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Readiness;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.model.Organizations.ServiceControlPolicies;
import io.github.ecsexecreadiness.model.Organizations.State;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SCPs of an account in organisation mode, read along its path and evaluated by iam.ssmmessages: one ready
 * service in account 111122223333, in OU ou-apps under root r-root, the management account another one.
 */
class ServiceControlPoliciesCollectTest {
    private static final String FULL_ACCESS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
    private static final String NO_EXEC = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ssmmessages:*","Resource":"*"}]}""";
    private static final String MANAGEMENT = "999988887777";

    private final InMemoryAccount account = new InMemoryAccount();

    ServiceControlPoliciesCollectTest() {
        account.putReadyFargateService("shop", "web", account.taskDefinitionArn("web:1"), 1);
        account.putParent(Scenario.ACCOUNT, "ou-apps").putParent("ou-apps", "r-root")
                .attachServiceControlPolicy("r-root", "p-FullAWSAccess", "FullAWSAccess", FULL_ACCESS)
                .attachServiceControlPolicy("ou-apps", "p-FullAWSAccess", "FullAWSAccess", FULL_ACCESS)
                .attachServiceControlPolicy(Scenario.ACCOUNT, "p-FullAWSAccess", "FullAWSAccess", FULL_ACCESS);
    }

    private ReadinessScan.Evaluation scan() {
        return new ReadinessScan(account.readers()).evaluate(Scope.wholeRegion());
    }

    private static CheckResult ssmmessages(ReadinessScan.Evaluation evaluation) {
        return evaluation.reports().getFirst().result("iam.ssmmessages");
    }

    private long calls(String operation) {
        return account.apiCalls().snapshot().getOrDefault(operation, 0L);
    }

    @Test
    void anScpOnTheOuDenyingSsmmessagesFailsNamingItAndItsTarget() {
        account.inOrganisation(MANAGEMENT).attachServiceControlPolicy("ou-apps", "p-noexec", "no-exec", NO_EXEC);

        var evaluation = scan();

        ServiceControlPolicies scps = evaluation.snapshot().serviceControlPolicies();
        CheckResult result = ssmmessages(evaluation);
        assertAll(
                () -> assertEquals(State.READ, scps.state()),
                () -> assertEquals(List.of("r-root", "ou-apps", Scenario.ACCOUNT),
                        scps.levels().stream().map(l -> l.targetId()).toList(), "from the root down"),
                () -> assertEquals(Status.FAIL, result.status(), result.reason()),
                () -> assertTrue(result.reason().contains("denied by service control policy no-exec (p-noexec) "
                        + "attached to ou-apps"), result.reason()),
                () -> assertEquals(Readiness.NOT_READY, evaluation.reports().getFirst().readiness()),
                // one path walk: DescribeOrganization, ListParents of the account and the OU, the policies of three
                // targets, and FullAWSAccess and no-exec described once each
                () -> assertEquals(1, calls("Organizations.DescribeOrganization")),
                () -> assertEquals(2, calls("Organizations.ListParents")),
                () -> assertEquals(3, calls("Organizations.ListPoliciesForTarget")),
                () -> assertEquals(4, calls("Organizations.DescribePolicy")));
    }

    @Test
    void theTwinWithoutTheDenyPassesAndSaysTheScpsAllowIt() {
        account.inOrganisation(MANAGEMENT);

        CheckResult result = ssmmessages(scan());

        assertEquals(Status.PASS, result.status(), result.reason());
        assertTrue(result.reason().contains("service control policies on r-root, ou-apps, 111122223333 allow it"),
                result.reason());
    }

    @Test
    void scpsDoNotBindTheManagementAccount() {
        account.inOrganisation(Scenario.ACCOUNT).attachServiceControlPolicy("ou-apps", "p-noexec", "no-exec", NO_EXEC);

        var evaluation = scan();

        CheckResult result = ssmmessages(evaluation);
        assertAll(
                () -> assertEquals(State.MANAGEMENT_ACCOUNT, evaluation.snapshot().serviceControlPolicies().state()),
                () -> assertEquals(Status.PASS, result.status(), result.reason()),
                () -> assertTrue(result.reason().contains("management account"), result.reason()),
                () -> assertEquals(0, calls("Organizations.ListParents")));
    }

    @Test
    void outsideOrganisationModeNothingIsReadAndTheReasonSaysSo() {
        account.attachServiceControlPolicy("ou-apps", "p-noexec", "no-exec", NO_EXEC);

        CheckResult result = ssmmessages(scan());

        assertAll(
                () -> assertEquals(Status.PASS, result.status(), result.reason()),
                () -> assertTrue(result.reason().contains("service control policies were not read"), result.reason()),
                () -> assertEquals(0, calls("Organizations.DescribeOrganization")));
    }

    @Test
    void aRefusedReadIsUnknownNamingTheOperationNeverAFail() {
        account.inOrganisation(MANAGEMENT).fail("Organizations.ListParents", "AccessDeniedException");

        var evaluation = scan();

        ServiceReport report = evaluation.reports().getFirst();
        CheckResult result = report.result("iam.ssmmessages");
        assertAll(
                () -> assertEquals(Status.UNKNOWN, result.status(), result.reason()),
                () -> assertTrue(result.reason().contains("Organizations.ListParents: AccessDeniedException"),
                        result.reason()),
                () -> assertEquals(Readiness.UNDETERMINED, report.readiness()));
    }
}
