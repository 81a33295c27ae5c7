package io.github.ecsexecreadiness.check.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.ReadinessEngine;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.Status;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TagPropagationCheckTest {
    private static final String DEVELOPERS = "arn:aws:iam::111122223333:role/developers";
    private static final Map<String, String> PAYMENTS = Map.of("team", "payments");

    /** One policy of {@code statements}. */
    private static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    private static String statement(String effect, String action, String resource, String condition) {
        return "{\"Effect\":\"" + effect + "\",\"" + (action.startsWith("!") ? "NotAction\":\"" + action.substring(1)
                : "Action\":\"" + action) + "\",\"Resource\":\"" + resource + "\""
                + (condition.isEmpty() ? "" : ",\"Condition\":" + condition) + "}";
    }

    private static final String ANY_CLUSTER = "arn:aws:ecs:*:*:cluster/*";
    private static final String ANY_TASK = "arn:aws:ecs:*:*:task/*";

    /** ecs:ExecuteCommand on every cluster, and on tasks only under {@code condition}: tag-based access per task. */
    private static String onTasksWhen(String condition) {
        return policy(statement("Allow", "ecs:ExecuteCommand", ANY_CLUSTER, ""),
                statement("Allow", "ecs:ExecuteCommand", ANY_TASK, condition));
    }

    private static final String TEAM_IS_PAYMENTS = "{\"StringEquals\":{\"ecs:ResourceTag/team\":\"payments\"}}";
    private static final String PAYMENTS_ONLY = onTasksWhen(TEAM_IS_PAYMENTS);

    /** Everything allowed, but ecs:ExecuteCommand denied on tasks without the tag team. */
    private static final String DENY_UNTAGGED_TASKS = policy(statement("Allow", "ecs:*", "*", ""),
            statement("Deny", "ecs:ExecuteCommand", ANY_TASK, "{\"Null\":{\"aws:ResourceTag/team\":\"true\"}}"));

    private static UnaryOperator<Scenario> grant(String... documents) {
        return s -> s.withTagBasedExecIdentity(DEVELOPERS, documents);
    }

    /** The service tagged team=payments with this propagateTags, its task with these tags. */
    private static UnaryOperator<Scenario> tagged(String propagateTags, Map<String, String> taskTags) {
        return s -> s.withService(b -> b.tags(PAYMENTS).propagateTags(propagateTags))
                .withTasks(b -> b.tags(taskTags));
    }

    private static Arguments row(String name, UnaryOperator<Scenario> account, UnaryOperator<Scenario> service,
                                 Status expected, String named) {
        return Arguments.of(name, (UnaryOperator<Scenario>) s -> service.apply(account.apply(s)), expected, named);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("no role grants exec on tags", s -> s, tagged(null, Map.of()), Status.PASS,
                        "no role or user of the account conditions ecs:ExecuteCommand on resource tags"),
                row("the account's roles were not read", s -> s.unreadableAccountIdentities(
                        "IAM GetAccountAuthorizationDetails: AccessDenied"), tagged(null, Map.of()), Status.UNKNOWN,
                        "tag-based ecs:ExecuteCommand grants are not known: IAM GetAccountAuthorizationDetails: "
                                + "AccessDenied"),
                row("the service's tag is not propagated: its task is untagged", grant(PAYMENTS_ONLY),
                        tagged(null, Map.of()), Status.WARN, DEVELOPERS + " may not open sessions on running task(s) "
                                + "0123456789abcdef0 unless they carry the service's tag(s) team=payments "
                                + "(propagateTags is not set)"),
                row("propagateTags NONE", grant(PAYMENTS_ONLY), tagged("NONE", Map.of()), Status.WARN,
                        "(propagateTags is NONE)"),
                row("twin: the task carries the tag", grant(PAYMENTS_ONLY), tagged("SERVICE", PAYMENTS),
                        Status.PASS, "carry what the tag-based ecs:ExecuteCommand grants of 1 identities ask"),
                row("propagateTags SERVICE, task started before the service was tagged", grant(PAYMENTS_ONLY),
                        tagged("SERVICE", Map.of()), Status.WARN, "(propagateTags is SERVICE)"),
                row("aws:ResourceTag, as current AWS examples write it", grant(onTasksWhen(
                        "{\"StringEquals\":{\"aws:ResourceTag/team\":\"payments\"}}")),
                        tagged(null, Map.of()), Status.WARN, "team=payments"),
                row("tag keys compare without case", grant(onTasksWhen(
                        "{\"StringEquals\":{\"aws:ResourceTag/Team\":\"payments\"}}")),
                        tagged(null, Map.of()), Status.WARN, "team=payments"),
                row("the task carries another value: the service's value would not help", grant(PAYMENTS_ONLY),
                        s -> s.withService(b -> b.tags(Map.of("team", "orders"))), Status.PASS,
                        "or the grants are not meant for it"),
                row("the service is not tagged: the grant is not meant for it", grant(PAYMENTS_ONLY),
                        s -> s.withService(b -> b.propagateTags("NONE")), Status.PASS, "not meant for it"),
                row("ABAC on the principal's tag: the service's tag may match", grant(onTasksWhen(
                        "{\"StringEquals\":{\"ecs:ResourceTag/team\":\"${aws:PrincipalTag/team}\"}}")),
                        tagged(null, Map.of()), Status.WARN,
                        "team=payments"),
                row("Deny on untagged tasks, Allow everything", grant(DENY_UNTAGGED_TASKS), tagged(null, Map.of()),
                        Status.WARN, "team=payments"),
                row("twin: Deny on untagged tasks, the task tagged", grant(DENY_UNTAGGED_TASKS),
                        tagged("SERVICE", PAYMENTS), Status.PASS, "carry what"),
                row("running tasks tagged, but new ones will not be", grant(PAYMENTS_ONLY), tagged("NONE", PAYMENTS),
                        Status.WARN, "will not be able to open sessions on new tasks"),
                row("another statement allows exec on any task", grant(PAYMENTS_ONLY,
                        policy(statement("Allow", "ecs:ExecuteCommand", ANY_TASK, ""))), tagged(null, Map.of()),
                        Status.PASS, "carry what"),
                row("...IfExists holds on an untagged task", grant(onTasksWhen(
                        "{\"StringEqualsIfExists\":{\"ecs:ResourceTag/team\":\"payments\"}}")),
                        tagged(null, Map.of()), Status.PASS, "carry what"),
                row("NotAction: the tag condition is on other actions", grant(policy(
                        statement("Allow", "ecs:ExecuteCommand", ANY_CLUSTER, ""),
                        statement("Allow", "!ecs:ExecuteCommand", ANY_TASK, TEAM_IS_PAYMENTS))),
                        tagged(null, Map.of()), Status.PASS, "carry what"),
                row("a grant on every resource needs the cluster tagged too: the untagged cluster refuses it",
                        grant(policy(statement("Allow", "ecs:ExecuteCommand", "*", TEAM_IS_PAYMENTS))),
                        tagged(null, Map.of()), Status.PASS, "(refused on cluster shop as it is tagged: " + DEVELOPERS
                                + ")"),
                row("twin: the cluster carries the tag, the task does not", grant(policy(statement("Allow",
                        "ecs:ExecuteCommand", "*", TEAM_IS_PAYMENTS))),
                        s -> tagged(null, Map.of()).apply(s).withCluster(b -> b.tags(PAYMENTS)), Status.WARN,
                        "unless they carry the service's tag(s) team=payments"),
                row("no task running, new tasks will start untagged", grant(PAYMENTS_ONLY),
                        s -> tagged(null, Map.of()).apply(s).withoutTasks(), Status.WARN,
                        DEVELOPERS + " will not be able to open sessions on new tasks, which start without the "
                                + "service's tag(s) team=payments"),
                row("twin: no task running, new tasks get the service's tags", grant(PAYMENTS_ONLY),
                        s -> tagged("SERVICE", Map.of()).apply(s).withoutTasks(), Status.PASS, "carry what"),
                row("no task running, tags from the task definition (not read)", grant(PAYMENTS_ONLY),
                        s -> tagged("TASK_DEFINITION", Map.of()).apply(s).withoutTasks(), Status.PASS, "carry what"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void decides(String name, UnaryOperator<Scenario> change, Status expected, String named) {
        CheckResult result = new TagPropagationCheck().evaluate(change.apply(Scenario.ready()).facts());

        assertEquals(expected, result.status(), result.reason());
        assertTrue(result.reason().contains(named), result.reason());
    }

    @Test
    void aWarningIsAdvisedThePropagationAndARedeploymentAndLeavesTheServiceReady() {
        var report = new ReadinessEngine().evaluate(tagged(null, Map.of()).apply(grant(PAYMENTS_ONLY).apply(
                Scenario.ready())).facts());
        CheckResult result = report.results().stream().filter(r -> r.id().equals("iam.tag-propagation"))
                .findFirst().orElseThrow();

        assertEquals(Status.WARN, result.status());
        assertEquals(List.of("aws ecs update-service --cluster shop --service web --propagate-tags SERVICE "
                + "--force-new-deployment --region eu-west-1"), result.advice());
        assertTrue(report.ready(), "who may open a session is not whether the task takes one");
    }
}
