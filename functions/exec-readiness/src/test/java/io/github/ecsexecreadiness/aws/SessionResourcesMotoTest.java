package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.check.Readiness;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.moto.SdkSeeder;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.report.ScanReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * The account against moto, read through the SDK readers: a customer managed KMS key with the default key
 * policy, a task role without kms:Decrypt named by its short name, and encrypted CloudWatch session logging to a
 * group without a KMS key. Each verdict as AWS would decide it: the role exists (short names are accepted), may
 * open the channels, cannot decrypt (the default key policy lets IAM decide, and IAM does not allow it), and the
 * agent would refuse the session for the unencrypted group: NOT_READY.
 */
@StartsEmulator
class SessionResourcesMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final String GROUP = "/exec/audit";

    @Test
    void decidesKeysShortNameRolesAndEncryptedLoggingAsAwsWould() {
        ScanReport report;
        String keyArn;
        try (AwsClients clients = moto.newClients()) {
            keyArn = clients.kms().createKey(r -> r.description("ecs exec")).keyMetadata().arn();
            clients.logs().createLogGroup(r -> r.logGroupName(GROUP));
            var seeder = new SdkSeeder(clients, MotoServer.REGION.id());
            seeder.taskRole("web-task", "exec", """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssmmessages:CreateControlChannel",
                    "ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel",
                    "logs:DescribeLogGroups","logs:CreateLogStream","logs:DescribeLogStreams","logs:PutLogEvents"],
                    "Resource":"*"}]}""");
            String key = keyArn;
            seeder.cluster("shop", r -> r.configuration(c -> c.executeCommandConfiguration(
                    e -> e.kmsKeyId(key).logging("OVERRIDE").logConfiguration(l -> l.cloudWatchLogGroupName(GROUP)
                            .cloudWatchEncryptionEnabled(true)))));
            seeder.taskDefinition(r -> r.family("web")
                    .networkMode(NetworkMode.BRIDGE).requiresCompatibilitiesWithStrings("EC2")
                    .taskRoleArn("web-task")
                    .containerDefinitions(c -> c.name("web").image("nginx").memory(128)
                            .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS))));
            seeder.service("shop", "web", true, r -> r.taskDefinition("web").desiredCount(0).launchType("EC2"));
            report = new ReadinessScan(new SdkAccount(clients).readers()).scan(Scope.wholeRegion());
        }

        ServiceReport web = report.services().getFirst();
        assertAll(
                () -> assertEquals(Status.PASS, web.result("iam.task-role").status(),
                        web.result("iam.task-role").reason()),
                () -> assertEquals(Status.PASS, web.result("iam.ssmmessages").status(),
                        web.result("iam.ssmmessages").reason()),
                () -> assertEquals(Status.FAIL, web.result("iam.exec-kms").status(),
                        web.result("iam.exec-kms").reason()),
                () -> assertTrue(web.result("iam.exec-kms").reason().contains("lacks kms:Decrypt on " + keyArn),
                        web.result("iam.exec-kms").reason()),
                () -> assertEquals(Status.FAIL, web.result("cluster.exec-log-destination").status(),
                        web.result("cluster.exec-log-destination").reason()),
                () -> assertTrue(web.result("cluster.exec-log-destination").reason()
                        .contains("log group " + GROUP + " has no KMS key"),
                        web.result("cluster.exec-log-destination").reason()),
                () -> assertEquals(Readiness.NOT_READY, web.readiness()),
                () -> assertEquals(1L, report.apiCalls().get("KMS.GetKeyPolicy")),
                () -> assertEquals(1L, report.apiCalls().get("CloudWatchLogs.DescribeLogGroups")));
    }
}
