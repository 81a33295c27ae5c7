package io.github.ecsexecreadiness.check.iam;

import io.github.ecsexecreadiness.EcsTaskDefinitionBuilder;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.model.Iam;
import java.util.function.UnaryOperator;

/** Roles and policy documents for the iam.* check tests. */
final class IamFixtures {
    static final String OTHER_ROLE_ARN = "arn:aws:iam::111122223333:role/batch-task";
    static final String FOREIGN_ROLE_ARN = "arn:aws:iam::999988887777:role/web-task";
    static final String BOUNDARY_ARN = "arn:aws:iam::111122223333:policy/boundary";
    static final String OLD_TASK_DEFINITION_ARN = "arn:aws:ecs:eu-west-1:111122223333:task-definition/web:2";

    private IamFixtures() {}

    /** A one-statement Allow of these actions on this resource. */
    static String allow(String resource, String... actions) {
        return statement("Allow", resource, "", actions);
    }

    static String deny(String resource, String... actions) {
        return statement("Deny", resource, "", actions);
    }

    /** An Allow that holds only for requests from 10.0.0.0/8. */
    static String allowFromVpc(String resource, String... actions) {
        return statement("Allow", resource, ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}", actions);
    }

    private static String statement(String effect, String resource, String extra, String... actions) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":[\""
                + String.join("\",\"", actions) + "\"],\"Resource\":\"" + resource + "\"" + extra + "}]}";
    }

    static Scenario withTaskRoleBoundary(Scenario scenario, String document) {
        scenario.withRole(Scenario.TASK_ROLE_ARN, b -> b.permissionsBoundary(new Iam.Policy(BOUNDARY_ARN, document)));
        return scenario;
    }

    /** Moves the running task to revision 2, a copy of the current one changed by {@code change}. */
    static Scenario withTaskOnOldRevision(Scenario scenario, UnaryOperator<EcsTaskDefinitionBuilder> change) {
        var current = scenario.taskDefinitions().get(Scenario.TASK_DEFINITION_ARN);
        scenario.withTaskDefinition(
                change.apply(EcsTaskDefinitionBuilder.builder(current).arn(OLD_TASK_DEFINITION_ARN)).build());
        return scenario.withTasks(b -> b.taskDefinitionArn(OLD_TASK_DEFINITION_ARN));
    }
}
