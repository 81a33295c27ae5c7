package io.github.ecsexecreadiness.check.cluster;

import static io.github.ecsexecreadiness.check.Verdicts.row;

import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.Verdicts;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExecAuditCheckTest {

    private static Consumer<Scenario> logging(String mode, String logGroup, String bucket, String prefix) {
        return s -> s.withCluster(b -> b.executeCommandConfiguration(
                new Ecs.ExecuteCommandConfiguration(null, mode, logGroup, false, bucket, false, prefix)));
    }

    private static Consumer<Scenario> logDriver(String driver) {
        return s -> s.withContainers(b -> b.logDriver(driver)).withContainers(b -> b.logOptions(Map.of()));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("unset logging with awslogs", s -> {}, Status.PASS, "DEFAULT on cluster shop: sessions go to "
                        + "the containers' awslogs group /ecs/web"),
                row("no configuration at all", s -> s.withCluster(b -> b.executeCommandConfiguration(null)),
                        Status.PASS, "/ecs/web"),
                row("DEFAULT with awslogs", logging("DEFAULT", null, null, null), Status.PASS, "/ecs/web"),
                row("DEFAULT without awslogs", logging("DEFAULT", null, null, null).andThen(logDriver("awsfirelens")),
                        Status.WARN, "DEFAULT on cluster shop but no awslogs log driver on web in web:3"),
                row("unset logging, no log driver", logDriver(null), Status.WARN, "web in web:3"),
                row("NONE", logging("NONE", null, null, null), Status.WARN, "logging is NONE on cluster shop"),
                row("OVERRIDE to CloudWatch", logging("OVERRIDE", "/ecs/exec-audit", null, null),
                        Status.PASS, "cluster shop logs sessions to CloudWatch log group /ecs/exec-audit"),
                row("OVERRIDE to S3", logging("OVERRIDE", null, "audit-bucket", "exec/").andThen(logDriver(null)),
                        Status.PASS, "S3 bucket audit-bucket prefix exec/"),
                row("OVERRIDE without destination", logging("OVERRIDE", null, " ", null),
                        Status.WARN, "names no CloudWatch log group or S3 bucket"),
                row("cluster unreadable", s -> {
                    // Scenario's own cluster is always found, so the service points at another one.
                    String other = "arn:aws:ecs:eu-west-1:111122223333:cluster/locked";
                    s.withService(b -> b.clusterArn(other)).unreadableCluster(other, "AccessDenied");
                }, Status.UNKNOWN, "AccessDenied"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void decidesFromTheClusterLoggingMode(String name, Consumer<Scenario> change, Status expected, String inReason) {
        Verdicts.assertVerdict(new ExecAuditCheck(), change, expected, inReason);
    }
}
