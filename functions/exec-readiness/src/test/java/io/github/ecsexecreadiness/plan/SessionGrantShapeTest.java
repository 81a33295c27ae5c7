package io.github.ecsexecreadiness.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.fix.Fix;
import io.github.ecsexecreadiness.iam.Permission;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Only the account's own keys and log groups, in exactly the shape the checks ask for, are granted automatically. */
class SessionGrantShapeTest {
    private static final String ACCOUNT = "111122223333";

    private static Optional<String> unexpected(String action, String resource) {
        var grant = new Fix.GrantSessionPermissions("iam.exec-kms", "arn:aws:iam::" + ACCOUNT + ":role/web-task",
                "ecs-exec-kms-shop-0", List.of(new Permission(action, resource)));
        return SessionGrantShape.unexpected(grant, ACCOUNT);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
            "kms:Decrypt, arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "logs:DescribeLogGroups, *",
            "logs:CreateLogStream, arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/exec:*",
            "logs:DescribeLogStreams, arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/exec:*",
            "logs:PutLogEvents, arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:/ecs/exec:*"})
    void theChecksOwnShapeInTheAccountIsGranted(String action, String resource) {
        assertEquals(Optional.empty(), unexpected(action, resource));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
            "kms:Decrypt | arn:aws:kms:eu-west-1:999999999999:key/k1 | in account 999999999999, not 111122223333",
            "kms:Decrypt | arn:aws:kms:eu-west-1:111122223333:alias/exec | not a key ARN without wildcards",
            "kms:Decrypt | arn:aws:kms:eu-west-1:111122223333:key/* | not a key ARN without wildcards",
            "kms:Decrypt | * | not a key ARN without wildcards",
            "logs:DescribeLogGroups | arn:aws:logs:eu-west-1:111122223333:log-group:* | the checks grant it on *",
            "logs:PutLogEvents | arn:aws:logs:eu-west-1:999999999999:log-group:/ecs/exec:* | in account 999999999999",
            "logs:PutLogEvents | arn:aws:logs:eu-west-1:111122223333:log-group:*:* | not the streams of one named log group",
            "s3:PutObject | arn:aws:s3:::audit/exec/* | a bucket's ARN names no account",
            "kms:CreateGrant | arn:aws:kms:eu-west-1:111122223333:key/k1 | not an action the session checks grant"})
    void anotherAccountOrAnotherShapeIsLeftToAPerson(String action, String resource, String why) {
        Optional<String> found = unexpected(action, resource);
        assertTrue(found.isPresent() && found.get().contains(why) && found.get().contains(resource),
                String.valueOf(found));
    }
}
