package io.github.ecsexecreadiness.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ecsexecreadiness.aws.AwsClients;
import io.github.ecsexecreadiness.aws.SdkAccount;
import io.github.ecsexecreadiness.handler.Settings.Role;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;

/** Each function builds at init the clients its role calls, and no other (nothing is called: no endpoint needed). */
class WiringTest {

    @ParameterizedTest(name = "{0}, member role \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "CONFIG_RULE      | ''     | config ec2 ecs iam kms logs route53 route53resolver s3 securityhub",
        "CONFIG_RULE      | member | config ec2 ecs iam kms logs route53 route53resolver s3 securityhub sts",
        "DEPLOYMENT_EVENT | ''     | dynamodb ec2 ecs iam kms logs route53 route53resolver s3 securityhub",
        "SCHEDULED_SWEEP  | ''     | organizations sqs",
        "SCHEDULED_SWEEP  | member | organizations sqs",
        "SWEEP_ITEM       | member | dynamodb ec2 ecs iam kms logs route53 route53resolver s3 securityhub sqs sts",
        "REVIEWED_FIX     | ''     | dynamodb ec2 ecs iam kms logs route53 route53resolver s3 securityhub"})
    void onlyTheClientsOfTheRoleAreBuilt(Role role, String memberRole, String services) {
        Map<String, String> env = new HashMap<>();
        role.variables().forEach(name -> env.put(name, switch (name) {
            case "AWS_REGION" -> "eu-west-1";
            case "ACCOUNT_ID" -> "111122223333";
            case "LOG_LEVEL" -> "INFO";
            case "MEMBER_ROLE_NAME" -> memberRole;
            case "FINDINGS_ENABLED", "FIX_TASK_ROLE_PERMISSIONS", "FIX_EXEC_REDEPLOY" -> "true";
            case "DRY_RUN", "FIX_VPC_ENDPOINTS", "FIX_SESSION_GRANTS" -> "false";
            case "REMEDIATION_MODE" -> "auto";
            case "REDEPLOY_COOLDOWN_MINUTES", "MAX_FORCED_DEPLOYMENTS_PER_HOUR" -> "10";
            case "SWEEP_ORGANIZATIONAL_UNITS" -> "ou-abcd-11111111";
            case "EXEC_EXPECTED" -> "tagged";
            case "SWEEP_ACCOUNTS", "SWEEP_REGIONS", "PROTECTED_ENVIRONMENTS" -> "";
            default -> "value-of-" + name;
        }));
        try (AwsClients clients = AwsClients.create(Region.EU_WEST_1, null, URI.create("http://127.0.0.1:9"))) {
            Wiring wiring = Wiring.of(Settings.parse(role, env), new SdkAccount(clients));

            assertEquals(Set.of(services.split(" ")), clients.servicesBuilt());
            assertEquals(role.evaluates(), wiring.own() != null);
            assertEquals(!memberRole.isEmpty(), wiring.members().isPresent());
            assertEquals(env.containsKey("SWEEP_QUEUE_URL"), wiring.sweep().isPresent());
            // The scope names an OU: the schedule reads Organizations.
            assertEquals(role == Role.SCHEDULED_SWEEP, wiring.sweep().map(s -> s.organization() != null)
                    .orElse(false));
        }
    }

}
