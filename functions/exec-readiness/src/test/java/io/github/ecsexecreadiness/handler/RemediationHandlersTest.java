package io.github.ecsexecreadiness.handler;

import static io.github.ecsexecreadiness.handler.HandlerFixture.Lambda.DEPLOYMENT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.flow.Remediator;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The deployment-event and sweep handlers fix what the guardrails allow, and never act on their own changes. */
@ReadsRepositoryFiles
class RemediationHandlersTest {
    private static final String POLICY_ARN = "arn:aws:iam::111122223333:policy/ecs-exec-readiness-ecs-exec-ssmmessages";
    private static final String ROLE_PATH = "/ecs-exec-readiness/";

    private final HandlerFixture fixture = new HandlerFixture();

    private void remediating(RemediationSettings settings) {
        fixture.remediation = Optional.of(new Remediator(fixture.account.writers(),
                new InMemoryRemediationLedger(), settings, ROLE_PATH, Clock.fixed(HandlerFixture.NOW, ZoneOffset.UTC)));
    }

    private boolean execEnabled() {
        return fixture.account.describeService(Scenario.CLUSTER_ARN, Scenario.SERVICE_ARN).orElseThrow()
                .enableExecuteCommand();
    }

    @Test
    void aServiceDeployedWithoutExecGetsItBack() throws Exception {
        fixture.account.put(Scenario.ready().withService(b -> b.enableExecuteCommand(false)));
        remediating(RemediationSettings.defaults(POLICY_ARN));

        JsonNode result = fixture.invoke(DEPLOYMENT_EVENT, HandlerFixture.sample("ecs-deployment-state-change.json"));

        JsonNode fix = result.at("/remediation/fixes/0");
        assertEquals("exec.service-flag", fix.get("checkId").asText(), result.toString());
        assertEquals("APPLIED", fix.get("outcome").asText(), result.toString());
        assertTrue(result.at("/remediation/nowPassing").toString().contains("exec.service-flag"), result.toString());
        assertTrue(execEnabled());
        assertFalse(fixture.logLines("INFO", "service evaluated").isEmpty());
    }

    @Test
    void theRemediatorsOwnCloudTrailRecordIsNotActedOn() throws Exception {
        fixture.account.put(Scenario.ready().withService(b -> b.enableExecuteCommand(false)));
        remediating(RemediationSettings.defaults(POLICY_ARN));
        String ownChange = HandlerFixture.sample("cloudtrail-update-service.json", event -> {
            ObjectNode issuer = (ObjectNode) event.at("/detail/userIdentity/sessionContext/sessionIssuer");
            issuer.put("arn", "arn:aws:iam::111122223333:role" + ROLE_PATH + "ecs-exec-readiness-DeploymentEventFunctionRole");
            ((ObjectNode) event.at("/detail/responseElements/service")).put("enableExecuteCommand", false);
        });

        JsonNode result = fixture.invoke(DEPLOYMENT_EVENT, ownChange);

        assertFalse(result.has("remediation"), result.toString());
        assertFalse(execEnabled(), "nothing was changed");
        assertEquals(1, fixture.logLines("INFO", "not remediated: the event records the remediator's own change").size());
    }

    @Test
    void reportOnlyPlansButChangesNothing() throws Exception {
        fixture.account.put(Scenario.ready().withService(b -> b.enableExecuteCommand(false)));
        RemediationSettings defaults = RemediationSettings.defaults(POLICY_ARN);
        remediating(new RemediationSettings(RemediationSettings.Mode.REPORT_ONLY, true, true, false, false, false,
                defaults.protectedEnvironments(), defaults.cooldown(), defaults.maxForcedDeploymentsPerHour(),
                POLICY_ARN));

        JsonNode result = fixture.invoke(DEPLOYMENT_EVENT, HandlerFixture.sample("ecs-deployment-state-change.json"));

        assertEquals("DRY_RUN", result.at("/remediation/fixes/0/decision").asText(), result.toString());
        assertFalse(execEnabled());
    }

    @Test
    void withoutRemediationTheHandlerOnlyReports() throws Exception {
        fixture.account.put(Scenario.ready().withService(b -> b.enableExecuteCommand(false)));

        JsonNode result = fixture.invoke(DEPLOYMENT_EVENT, HandlerFixture.sample("ecs-deployment-state-change.json"));

        assertFalse(result.has("remediation"), result.toString());
        assertFalse(execEnabled());
    }

    @Test
    void theSweepFixesDriftAndReportsTheStateAfterwards() throws Exception {
        fixture.account.put(Scenario.ready().withService(b -> b.enableExecuteCommand(false)));
        remediating(RemediationSettings.defaults(POLICY_ARN));

        fixture.sweep(HandlerFixture.sample("scheduled-sweep.json"));

        assertTrue(execEnabled());
        JsonNode swept = fixture.logLines("INFO", "sweep item swept").get(0);
        assertEquals(0, swept.get("notReady").asInt(), "the state after the fix: " + swept);
    }
}
