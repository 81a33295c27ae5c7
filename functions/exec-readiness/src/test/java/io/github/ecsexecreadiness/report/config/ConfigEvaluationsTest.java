package io.github.ecsexecreadiness.report.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.check.ReadinessEngine;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConfigEvaluationsTest {

    @Test
    void namesTheFailingChecks() {
        ServiceReport report = new ReadinessEngine().evaluate(
                Scenario.ready().withService(b -> b.enableExecuteCommand(false)).facts());

        String annotation = ConfigEvaluations.annotation(report);

        assertTrue(annotation.startsWith("Not ready for ECS Exec; failing: exec.service-flag"), annotation);
    }

    @Test
    void staysWithin256CharactersWhenEveryCheckFails() {
        ServiceReport everythingFails = new ServiceReport(Scenario.ready().service(),
                Checks.ALL.stream().map(c -> new CheckResult(c.metadata(), Status.FAIL, "x")).toList());

        String annotation = ConfigEvaluations.annotation(everythingFails);

        assertEquals(ConfigEvaluation.ANNOTATION_MAX, annotation.length());
        assertTrue(annotation.endsWith(" [truncated]"), annotation);
        assertTrue(annotation.contains("exec.service-flag, exec.task-flag"), annotation);
    }

    @Test
    void undeterminedAndReadyServicesSayWhatIsUndecided() {
        CheckMetadata kms = Checks.byId("iam.exec-kms").metadata();
        CheckMetadata audit = Checks.byId("cluster.exec-audit").metadata();
        ServiceReport undetermined = new ServiceReport(Scenario.ready().service(),
                java.util.List.of(new CheckResult(kms, Status.UNKNOWN, "conditional")));
        ServiceReport ready = new ServiceReport(Scenario.ready().service(),
                java.util.List.of(new CheckResult(audit, Status.UNKNOWN, "unreadable")));

        assertEquals("Readiness for ECS Exec undetermined; undecided: iam.exec-kms",
                ConfigEvaluations.annotation(undetermined));
        assertEquals("Ready for ECS Exec; undecided: cluster.exec-audit", ConfigEvaluations.annotation(ready));
    }

    @Test
    void blankAnnotationsAreLeftOutBecauseConfigRejectsThem() {
        assertNull(ConfigEvaluations.fit(" "));
        assertThrows(IllegalArgumentException.class, () -> new ConfigEvaluation(ConfigEvaluation.ECS_SERVICE, "id",
                ConfigEvaluation.ComplianceType.COMPLIANT, "", Instant.EPOCH));
    }
}
