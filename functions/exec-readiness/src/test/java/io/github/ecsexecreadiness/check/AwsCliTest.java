package io.github.ecsexecreadiness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Advice is pasted into a shell: every value must reach the AWS CLI as it was read from the account. */
class AwsCliTest {

    /** The words a POSIX shell makes of a command line, {@code aws} replaced by a printer of its arguments. */
    private static List<String> shellWords(String commandLine) throws IOException, InterruptedException {
        Process shell = new ProcessBuilder("sh", "-c", "printf '%s\\n'" + commandLine.substring("aws".length()))
                .redirectErrorStream(true).start();
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, shell.waitFor(), out);
        return out.lines().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ecs/web", "#audit trail", "it's", "a$HOME`id`", "*", "{a,b}", "~root", "x;y", "",
            "p\\q", "exec/ logs/*", "sg-0a1"})
    void everyValueReachesTheCliUnchanged(String value) throws Exception {
        String line = AwsCli.command("logs", "describe-log-groups").option("--log-group-name-prefix", value).toString();
        assertEquals(List.of("logs", "describe-log-groups", "--log-group-name-prefix", value), shellWords(line));
    }

    @Test
    void plainNamesStayUnquotedSoTheCommandReadsAsTyped() {
        assertEquals("aws ecs update-service --cluster prod --service web-1 --enable-execute-command "
                        + "--force-new-deployment --region eu-west-1",
                AwsCli.command("ecs", "update-service").option("--cluster", "prod").option("--service", "web-1")
                        .flag("--enable-execute-command").flag("--force-new-deployment").option("--region", "eu-west-1")
                        .toString());
        assertEquals("arn:aws:iam::111122223333:role/a+b=c,d.e@f", AwsCli.quote("arn:aws:iam::111122223333:role/a+b=c,d.e@f"));
    }

    @Test
    void listsAndCapturedValuesAreWordsOfTheirOwn() throws Exception {
        String line = AwsCli.command("ec2", "create-vpc-endpoint").option("--subnet-ids", List.of("subnet-1", "a b"))
                .variable("--security-group-ids", "SG").toString();
        assertEquals("aws ec2 create-vpc-endpoint --subnet-ids subnet-1 'a b' --security-group-ids \"$SG\"", line);
        assertEquals("SG=$(aws ec2 create-security-group --vpc-id vpc-1 --query GroupId --output text)",
                AwsCli.command("ec2", "create-security-group").option("--vpc-id", "vpc-1").assignedTo("SG", "GroupId"));
        assertEquals(List.of("ec2", "create-vpc-endpoint", "--subnet-ids", "subnet-1", "a b", "--security-group-ids",
                ""), shellWords(line));
    }
}
