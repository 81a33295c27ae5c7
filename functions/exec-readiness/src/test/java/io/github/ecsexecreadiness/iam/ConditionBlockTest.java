package io.github.ecsexecreadiness.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conditions decided against a complete request context, as IAM decides them; the rest left undecided. */
class ConditionBlockTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} with [{1}]")
    @CsvSource(delimiter = '|', value = {
            "{'StringEquals':{'k':['a','b']}} | k=b | true",
            "{'StringEquals':{'k':'a'}} | k=A | false",
            "{'StringEquals':{'k':'a'}} | '' | false",
            "{'StringEqualsIfExists':{'k':'a'}} | '' | true",
            "{'StringNotEquals':{'k':'a'}} | '' | true",
            "{'StringNotEquals':{'k':'a'}} | k=a | false",
            "{'StringEqualsIgnoreCase':{'k':'false'}} | k=FALSE | true",
            "{'StringLike':{'k':'com.amazonaws.*.ssmmessages'}} | k=com.amazonaws.eu-west-1.ssmmessages | true",
            "{'ArnLike':{'k':'arn:aws:iam::1:policy/p/*'}} | k=arn:aws:iam::1:policy/q/x | false",
            "{'Null':{'k':'false'}} | k=x | true",
            "{'Null':{'k':'false'}} | '' | false",
            "{'Null':{'k':'true'}} | '' | true",
            "{'StringEquals':{'k':'a'},'Null':{'j':'false'}} | k=a | false",
            "{'StringEquals':{'k':'a'},'Null':{'j':'false'}} | k=a;j=1 | true",
            "{'ForAnyValue:StringEquals':{'k':'a'}} | k=a | undecided",
            "{'StringEquals':{'k':'${aws:username}'}} | k=a | undecided",
            "{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}} | aws:SourceIp=10.1.1.1 | undecided"})
    void decides(String condition, String context, String expected) throws Exception {
        ConditionBlock block = ConditionBlock.parse(JSON.readTree(condition.replace('\'', '"')));
        Map<String, String> keys = context.isBlank() ? Map.of() : Arrays.stream(context.split(";"))
                .map(pair -> pair.split("=", 2)).collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
        assertEquals(expected.equals("undecided") ? Optional.empty() : Optional.of(Boolean.parseBoolean(expected)),
                block.holds(keys));
    }
}
