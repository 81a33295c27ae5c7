package io.github.ecsexecreadiness.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudFormationYamlTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "!Ref Bucket                                  | {'Ref':'Bucket'}",
        "!Ref ConfigRuleFunction.Alias                | {'Ref':'ConfigRuleFunction.Alias'}",
        "!GetAtt Queue.Arn                            | {'Fn::GetAtt':['Queue','Arn']}",
        "!GetAtt [Queue, QueueName]                   | {'Fn::GetAtt':['Queue','QueueName']}",
        "!Sub arn:${AWS::Partition}:iam::aws:policy/* | {'Fn::Sub':'arn:${AWS::Partition}:iam::aws:policy/*'}",
        "!If [On, !Ref A, !Ref AWS::NoValue]          | {'Fn::If':['On',{'Ref':'A'},{'Ref':'AWS::NoValue'}]}",
        "!Not [!Equals [!Ref P, '']]                  | {'Fn::Not':[{'Fn::Equals':[{'Ref':'P'},'']}]}",
        "!Condition ConfigRuleOn                      | {'Condition':'ConfigRuleOn'}",
        "[plain, 3, true, {exists: false}]            | ['plain',3,true,{'exists':false}]",
        "[On, Yes, off]                               | ['On','Yes','off']",
    })
    void turnsShortFormIntrinsicsIntoTheirJsonForm(String yaml, String expectedJson) throws IOException {
        JsonNode expected = JSON.readTree(expectedJson.replace('\'', '"'));

        assertEquals(expected, CloudFormationYaml.parse("value: " + yaml).get("value"));
    }
}
