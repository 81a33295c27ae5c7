package io.github.ecsexecreadiness.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.iam.Decision.Outcome;
import io.github.ecsexecreadiness.model.Iam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyEvaluatorTest {
    private static final String ROLE_ARN = "arn:aws:iam::111122223333:role/web-task";
    private static final String BOUNDARY = "arn:aws:iam::111122223333:policy/boundary";
    private static final String CREATE = "ssmmessages:CreateControlChannel";
    private static final String LOG_STREAMS = "arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web:*";
    private static final String BUCKET_OBJECTS = "arn:aws:s3:::audit/exec/*";

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    /** A one-statement policy document; {@code extra} is more JSON members of the statement, or empty. */
    private static String statement(String effect, String actionMember, String resourceMember, String extra) {
        List<String> members = new ArrayList<>(List.of("\"Effect\":\"" + effect + "\""));
        for (String member : new String[] {actionMember, resourceMember, extra}) {
            if (!member.isEmpty()) {
                members.add(member);
            }
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":{" + String.join(",", members) + "}}";
    }

    private static String allow(String action, String resource) {
        return statement("Allow", "\"Action\":" + action, "\"Resource\":" + resource, "");
    }

    private static String deny(String action, String resource) {
        return statement("Deny", "\"Action\":" + action, "\"Resource\":" + resource, "");
    }

    private static final String IP_CONDITION = "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}";

    static Stream<Arguments> cases() {
        String allowAll = allow("\"*\"", "\"*\"");
        return Stream.of(
                // name, identity policies, boundary (or null), action, resource, outcome, explanation contains
                Arguments.of("exact action, string forms", List.of(allow("\"" + CREATE + "\"", "\"*\"")), null,
                        CREATE, "*", Outcome.ALLOWED, "allowed by inline policy p0"),
                Arguments.of("array forms", List.of(allow("[\"s3:GetObject\",\"" + CREATE + "\"]", "[\"arn:aws:s3:::x\",\"*\"]")),
                        null, CREATE, "*", Outcome.ALLOWED, "inline policy p0"),
                Arguments.of("service wildcard", List.of(allow("\"ssmmessages:*\"", "\"*\"")), null,
                        CREATE, "*", Outcome.ALLOWED, "inline policy p0"),
                Arguments.of("prefix wildcard", List.of(allow("\"ssmmessages:Create*\"", "\"*\"")), null,
                        CREATE, "*", Outcome.ALLOWED, "inline policy p0"),
                Arguments.of("prefix wildcard misses other verbs", List.of(allow("\"ssmmessages:Create*\"", "\"*\"")), null,
                        "ssmmessages:OpenDataChannel", "*", Outcome.IMPLICIT_DENY, "not allowed by any identity policy"),
                Arguments.of("? wildcard is one character", List.of(allow("\"ssmmessages:?penDataChannel\"", "\"*\"")), null,
                        "ssmmessages:OpenDataChannel", "*", Outcome.ALLOWED, "inline policy p0"),
                Arguments.of("? wildcard is not zero characters", List.of(allow("\"ssmmessages:?OpenDataChannel\"", "\"*\"")),
                        null, "ssmmessages:OpenDataChannel", "*", Outcome.IMPLICIT_DENY, "any identity policy"),
                Arguments.of("full wildcard", List.of(allowAll), null, CREATE, "*", Outcome.ALLOWED, "inline policy p0"),
                Arguments.of("actions are case-insensitive", List.of(allow("\"SSMMessages:createcontrolchannel\"", "\"*\"")),
                        null, CREATE, "*", Outcome.ALLOWED, "inline policy p0"),
                Arguments.of("other service", List.of(allow("\"ssm:*\"", "\"*\"")), null,
                        CREATE, "*", Outcome.IMPLICIT_DENY, "any identity policy"),
                Arguments.of("no policies", List.of(), null, CREATE, "*", Outcome.IMPLICIT_DENY, "any identity policy"),
                Arguments.of("resource pattern matches across colons",
                        List.of(allow("\"logs:PutLogEvents\"", "\"arn:aws:logs:*:111122223333:log-group:/ecs/*\"")), null,
                        "logs:PutLogEvents", LOG_STREAMS, Outcome.ALLOWED, "inline policy p0"),
                Arguments.of("resource pattern with ?",
                        List.of(allow("\"logs:PutLogEvents\"", "\"arn:aws:logs:eu-west-?:111122223333:log-group:/ecs/web:*\"")),
                        null, "logs:PutLogEvents", LOG_STREAMS, Outcome.ALLOWED, "inline policy p0"),
                Arguments.of("* inside a segment does not cross colons",
                        List.of(allow("\"logs:PutLogEvents\"", "\"arn:aws:logs:eu-*3:log-group:/ecs/web:*\"")), null,
                        "logs:PutLogEvents", LOG_STREAMS, Outcome.IMPLICIT_DENY, "any identity policy"),
                Arguments.of("* inside a segment matches within it",
                        List.of(allow("\"logs:PutLogEvents\"", "\"arn:aws:logs:eu-*-1:1111*3333:log-group:/ecs/w*b:*\"")),
                        null, "logs:PutLogEvents", LOG_STREAMS, Outcome.ALLOWED, "inline policy p0"),
                Arguments.of("resources are case-sensitive",
                        List.of(allow("\"logs:PutLogEvents\"", "\"arn:aws:logs:eu-west-1:111122223333:log-group:/ECS/web:*\"")),
                        null, "logs:PutLogEvents", LOG_STREAMS, Outcome.IMPLICIT_DENY, "any identity policy"),
                Arguments.of("another log group",
                        List.of(allow("\"logs:PutLogEvents\"", "\"arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/api:*\"")),
                        null, "logs:PutLogEvents", LOG_STREAMS, Outcome.IMPLICIT_DENY, "any identity policy"),
                Arguments.of("NotAction allows what it does not list",
                        List.of(statement("Allow", "\"NotAction\":\"iam:*\"", "\"Resource\":\"*\"", "")), null,
                        CREATE, "*", Outcome.ALLOWED, "inline policy p0"),
                Arguments.of("NotAction excludes what it lists",
                        List.of(statement("Allow", "\"NotAction\":[\"ssmmessages:*\"]", "\"Resource\":\"*\"", "")), null,
                        CREATE, "*", Outcome.IMPLICIT_DENY, "any identity policy"),
                Arguments.of("NotResource allows other resources",
                        List.of(statement("Allow", "\"Action\":\"s3:PutObject\"", "\"NotResource\":\"arn:aws:s3:::secret/*\"", "")),
                        null, "s3:PutObject", BUCKET_OBJECTS, Outcome.ALLOWED, "inline policy p0"),
                Arguments.of("NotResource excludes what it lists",
                        List.of(statement("Allow", "\"Action\":\"s3:PutObject\"", "\"NotResource\":[\"arn:aws:s3:::audit/*\"]", "")),
                        null, "s3:PutObject", BUCKET_OBJECTS, Outcome.IMPLICIT_DENY, "any identity policy"),
                Arguments.of("statement without Resource never applies",
                        List.of(statement("Allow", "\"Action\":\"*\"", "", "")), null,
                        CREATE, "*", Outcome.IMPLICIT_DENY, "any identity policy"),
                Arguments.of("statement without Action never applies",
                        List.of(statement("Allow", "", "\"Resource\":\"*\"", "")), null,
                        CREATE, "*", Outcome.IMPLICIT_DENY, "any identity policy"),
                Arguments.of("explicit deny beats allow", List.of(allowAll, deny("\"ssmmessages:CreateControlChannel\"", "\"*\"")),
                        null, CREATE, "*", Outcome.EXPLICIT_DENY, "denied by inline policy p1"),
                Arguments.of("deny via *", List.of(allowAll, deny("\"*\"", "\"*\"")), null,
                        CREATE, "*", Outcome.EXPLICIT_DENY, "denied by inline policy p1"),
                Arguments.of("deny via NotAction",
                        List.of(allowAll, statement("Deny", "\"NotAction\":\"s3:*\"", "\"Resource\":\"*\"", "")), null,
                        CREATE, "*", Outcome.EXPLICIT_DENY, "denied by inline policy p1"),
                Arguments.of("deny on another resource does not apply",
                        List.of(allowAll, deny("\"s3:*\"", "\"arn:aws:s3:::other/*\"")), null,
                        "s3:PutObject", BUCKET_OBJECTS, Outcome.ALLOWED, "allowed by inline policy p0"),
                Arguments.of("Statement array, first allowing statement named",
                        List.of("{\"Statement\":[" + "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
                                + "{\"Effect\":\"Allow\",\"Action\":\"ssmmessages:*\",\"Resource\":\"*\"}]}"), null,
                        CREATE, "*", Outcome.ALLOWED, "allowed by inline policy p0"),
                Arguments.of("boundary missing the action", List.of(allowAll), allow("\"s3:*\"", "\"*\""),
                        CREATE, "*", Outcome.DENIED_BY_BOUNDARY, "not allowed by permissions boundary " + BOUNDARY),
                Arguments.of("boundary and identity both missing it", List.of(allow("\"s3:*\"", "\"*\"")), allow("\"s3:*\"", "\"*\""),
                        CREATE, "*", Outcome.DENIED_BY_BOUNDARY, "nor by any identity policy"),
                Arguments.of("boundary allowing", List.of(allow("\"ssmmessages:*\"", "\"*\"")), allowAll,
                        CREATE, "*", Outcome.ALLOWED, "allowed by inline policy p0 within permissions boundary " + BOUNDARY),
                Arguments.of("boundary allowing does not grant", List.of(), allowAll,
                        CREATE, "*", Outcome.IMPLICIT_DENY, "any identity policy"),
                Arguments.of("deny in boundary", List.of(allowAll), "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                        + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"ssmmessages:*\",\"Resource\":\"*\"}]}",
                        CREATE, "*", Outcome.EXPLICIT_DENY, "denied by permissions boundary " + BOUNDARY),
                Arguments.of("conditional allow alone",
                        List.of(statement("Allow", "\"Action\":\"ssmmessages:*\"", "\"Resource\":\"*\"", IP_CONDITION)), null,
                        CREATE, "*", Outcome.CONDITIONAL, "allowed only by an Allow with a Condition in inline policy p0"),
                Arguments.of("conditional allow plus unconditional allow",
                        List.of(statement("Allow", "\"Action\":\"ssmmessages:*\"", "\"Resource\":\"*\"", IP_CONDITION), allowAll),
                        null, CREATE, "*", Outcome.ALLOWED, "allowed by inline policy p1"),
                Arguments.of("empty Condition is no condition",
                        List.of(statement("Allow", "\"Action\":\"ssmmessages:*\"", "\"Resource\":\"*\"", "\"Condition\":{}")),
                        null, CREATE, "*", Outcome.ALLOWED, "inline policy p0"),
                Arguments.of("conditional deny",
                        List.of(allowAll, statement("Deny", "\"Action\":\"*\"", "\"Resource\":\"*\"", IP_CONDITION)), null,
                        CREATE, "*", Outcome.CONDITIONAL, "possibly denied by a Deny with a Condition in inline policy p1"),
                Arguments.of("conditional deny does not rescue an implicit deny",
                        List.of(statement("Deny", "\"Action\":\"*\"", "\"Resource\":\"*\"", IP_CONDITION)), null,
                        CREATE, "*", Outcome.IMPLICIT_DENY, "any identity policy"),
                Arguments.of("conditional allow in boundary", List.of(allowAll),
                        statement("Allow", "\"Action\":\"*\"", "\"Resource\":\"*\"", IP_CONDITION),
                        CREATE, "*", Outcome.CONDITIONAL, "with a Condition in permissions boundary " + BOUNDARY),
                Arguments.of("policy variable in resource",
                        List.of(allow("\"s3:PutObject\"", "\"arn:aws:s3:::audit/${aws:PrincipalTag/team}/*\"")), null,
                        "s3:PutObject", BUCKET_OBJECTS, Outcome.CONDITIONAL, "through a policy variable in inline policy p0"),
                Arguments.of("policy variable that cannot match",
                        List.of(allow("\"s3:PutObject\"", "\"arn:aws:s3:::other/${aws:username}/*\"")), null,
                        "s3:PutObject", BUCKET_OBJECTS, Outcome.IMPLICIT_DENY, "any identity policy"),
                Arguments.of("no Version: variables are literal text",
                        List.of("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\","
                                + "\"Resource\":\"arn:aws:s3:::audit/${aws:username}/*\"}}"), null,
                        "s3:PutObject", BUCKET_OBJECTS, Outcome.IMPLICIT_DENY, "any identity policy"),
                Arguments.of("escaped ${*} is a literal star",
                        List.of(allow("\"s3:PutObject\"", "\"arn:aws:s3:::audit/exec/${*}\"")), null,
                        "s3:PutObject", BUCKET_OBJECTS, Outcome.ALLOWED, "inline policy p0"),
                Arguments.of("escaped ${*} matches only a star",
                        List.of(allow("\"s3:PutObject\"", "\"arn:aws:s3:::audit/${*}\"")), null,
                        "s3:PutObject", BUCKET_OBJECTS, Outcome.IMPLICIT_DENY, "any identity policy"),
                Arguments.of("malformed JSON alone", List.of("{\"Statement\":[{\"Effect\":\"Allow\","), null,
                        CREATE, "*", Outcome.CONDITIONAL, "cannot parse the document of inline policy p0"),
                Arguments.of("malformed JSON beside an allow", List.of(allowAll, "not json"), null,
                        CREATE, "*", Outcome.CONDITIONAL, "cannot parse the document of inline policy p1"),
                Arguments.of("malformed JSON does not hide an explicit deny", List.of("[]", deny("\"*\"", "\"*\"")), null,
                        CREATE, "*", Outcome.EXPLICIT_DENY, "denied by inline policy p1"),
                Arguments.of("invalid Effect", List.of(statement("allow", "\"Action\":\"*\"", "\"Resource\":\"*\"", "")), null,
                        CREATE, "*", Outcome.CONDITIONAL, "cannot parse the document of inline policy p0"),
                Arguments.of("malformed boundary", List.of(allowAll), "{",
                        CREATE, "*", Outcome.CONDITIONAL, "cannot parse the document of permissions boundary " + BOUNDARY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, List<String> identityDocuments, String boundaryDocument, String action, String resource,
                 Outcome expected, String explained) {
        Decision decision = evaluator.evaluate(role(identityDocuments, boundaryDocument), action, resource);

        assertEquals(expected, decision.outcome(), decision.explanation());
        assertTrue(decision.explanation().contains(explained), decision.explanation());
        assertEquals(new Permission(action, resource), decision.permission());
    }

    private static final RequestContext NAT = RequestContext.fromVpc("eu-west-1", null, "vpc-0a1", "through NAT");
    private static final RequestContext ENDPOINT =
            RequestContext.fromVpc("eu-west-1", "vpce-0ssm", "vpc-0a1", "through vpce-0ssm");

    /** A Deny of everything under {@code condition}, next to an Allow of everything: DENY or ALLOW decided. */
    static Stream<Arguments> conditions() {
        return Stream.of(
                // condition, context, outcome
                Arguments.of("{\"StringNotEquals\":{\"aws:SourceVpce\":\"vpce-0ssm\"}}", NAT, Outcome.EXPLICIT_DENY),
                Arguments.of("{\"StringNotEquals\":{\"aws:SourceVpce\":\"vpce-0ssm\"}}", ENDPOINT, Outcome.ALLOWED),
                Arguments.of("{\"StringNotEquals\":{\"aws:sourcevpce\":[\"vpce-1\",\"vpce-0ssm\"]}}", ENDPOINT,
                        Outcome.ALLOWED),
                Arguments.of("{\"StringNotEquals\":{\"aws:SourceVpce\":\"vpce-0ssm\"}}", RequestContext.UNKNOWN,
                        Outcome.CONDITIONAL),
                // a positive operator on an absent key is false; IfExists on an absent key is true
                Arguments.of("{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-0ssm\"}}", NAT, Outcome.ALLOWED),
                Arguments.of("{\"StringEqualsIfExists\":{\"aws:SourceVpce\":\"vpce-0other\"}}", NAT,
                        Outcome.EXPLICIT_DENY),
                Arguments.of("{\"StringEqualsIfExists\":{\"aws:SourceVpce\":\"vpce-0other\"}}", ENDPOINT,
                        Outcome.ALLOWED),
                Arguments.of("{\"StringLike\":{\"aws:SourceVpce\":\"vpce-0*\"}}", ENDPOINT, Outcome.EXPLICIT_DENY),
                Arguments.of("{\"StringNotLike\":{\"aws:SourceVpc\":\"vpc-0?1\"}}", ENDPOINT, Outcome.ALLOWED),
                Arguments.of("{\"StringEqualsIgnoreCase\":{\"aws:SourceVpc\":\"VPC-0A1\"}}", ENDPOINT,
                        Outcome.EXPLICIT_DENY),
                Arguments.of("{\"Null\":{\"aws:SourceVpce\":\"true\"}}", NAT, Outcome.EXPLICIT_DENY),
                Arguments.of("{\"Null\":{\"aws:SourceVpce\":\"false\"}}", NAT, Outcome.ALLOWED),
                Arguments.of("{\"ForAnyValue:StringEquals\":{\"aws:SourceVpce\":\"vpce-0ssm\"}}", NAT, Outcome.ALLOWED),
                Arguments.of("{\"ForAllValues:StringEquals\":{\"aws:SourceVpce\":\"vpce-0ssm\"}}", NAT,
                        Outcome.EXPLICIT_DENY),
                Arguments.of("{\"StringNotEquals\":{\"aws:RequestedRegion\":[\"eu-west-1\",\"eu-central-1\"]}}", NAT,
                        Outcome.ALLOWED),
                Arguments.of("{\"StringNotEquals\":{\"aws:RequestedRegion\":\"us-east-1\"}}", NAT, Outcome.EXPLICIT_DENY),
                // every clause must hold: one that surely fails decides, one that is unknown leaves it open
                Arguments.of("{\"StringNotEquals\":{\"aws:SourceVpce\":\"vpce-0ssm\","
                        + "\"aws:RequestedRegion\":\"eu-west-1\"}}", NAT, Outcome.ALLOWED),
                Arguments.of("{\"StringNotEquals\":{\"aws:SourceVpce\":\"vpce-0ssm\"},"
                        + "\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}", NAT, Outcome.CONDITIONAL),
                Arguments.of("{\"StringNotEquals\":{\"aws:SourceVpce\":\"${aws:username}\"}}", ENDPOINT,
                        Outcome.CONDITIONAL),
                Arguments.of("{\"StringNotEquals\":{\"aws:PrincipalTag/team\":\"ops\"}}", ENDPOINT,
                        Outcome.CONDITIONAL));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("conditions")
    void decidesConditionsTheContextSettles(String condition, RequestContext context, Outcome expected) {
        Iam.Role role = role(List.of(allow("\"*\"", "\"*\""),
                statement("Deny", "\"Action\":\"ssmmessages:*\"", "\"Resource\":\"*\"", "\"Condition\":" + condition)),
                null);

        Decision decision = evaluator.evaluate(role, List.of(new Permission(CREATE, "*")), context).getFirst();

        assertEquals(expected, decision.outcome(), decision.explanation());
        if (expected == Outcome.EXPLICIT_DENY) {
            assertTrue(decision.explanation().contains("whose Condition holds " + context.how()), decision.explanation());
        }
    }

    @Test
    void decidesEveryPermissionOfOneCallInOrder() {
        Iam.Role role = role(List.of(allow("[\"ssmmessages:CreateControlChannel\",\"ssmmessages:OpenControlChannel\"]", "\"*\"")), null);

        List<Decision> decisions = evaluator.evaluate(role, Permission.onResource("*",
                "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"));

        assertEquals(List.of(Outcome.ALLOWED, Outcome.IMPLICIT_DENY, Outcome.ALLOWED, Outcome.IMPLICIT_DENY),
                decisions.stream().map(Decision::outcome).toList());
        assertEquals(List.of("ssmmessages:CreateDataChannel", "ssmmessages:OpenDataChannel"),
                decisions.stream().filter(Decision::denied).map(d -> d.permission().action()).toList());
    }

    @Test
    void aMissingDocumentIsUndecidedNotAnError() {
        Iam.Role role = new Iam.Role(ROLE_ARN, "web-task", List.of(new Iam.Policy("inline policy p0", null)), null, Map.of());

        Decision decision = evaluator.evaluate(role, CREATE, "*");

        assertEquals(Outcome.CONDITIONAL, decision.outcome());
        assertEquals("cannot parse the document of inline policy p0", decision.explanation());
    }

    private static Iam.Role role(List<String> identityDocuments, String boundaryDocument) {
        List<Iam.Policy> policies = new ArrayList<>();
        for (int i = 0; i < identityDocuments.size(); i++) {
            policies.add(new Iam.Policy("inline policy p" + i, identityDocuments.get(i)));
        }
        Iam.Policy boundary = boundaryDocument == null ? null : new Iam.Policy(BOUNDARY, boundaryDocument);
        return new Iam.Role(ROLE_ARN, "web-task", policies, boundary, Map.of());
    }
}
