package io.github.ecsexecreadiness.check.iam;

import io.github.ecsexecreadiness.EcsTaskDefinitionBuilder;
import io.github.ecsexecreadiness.IamRoleBuilder;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.model.Iam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** Adds (or replaces) a role with these inline policies. */
    static Scenario withRole(Scenario scenario, String arn, String... documents) {
        List<Iam.Policy> policies = new ArrayList<>();
        for (int i = 0; i < documents.length; i++) {
            policies.add(new Iam.Policy("inline policy p" + i, documents[i]));
        }
        scenario.roles.put(arn, new Iam.Role(arn, arn.substring(arn.lastIndexOf('/') + 1), policies, null, Map.of()));
        return scenario;
    }

    /**
     * The task definition names its role by short name, as RegisterTaskDefinition allows (and emulators and older
     * definitions return it): the role {@code web-task} with these policies, under the key the collector uses.
     */
    static Scenario withShortNameTaskRole(Scenario scenario, String... documents) {
        scenario.roles.clear();
        withRole(scenario, Scenario.TASK_ROLE_ARN, documents);
        scenario.roles.put("web-task", scenario.roles.remove(Scenario.TASK_ROLE_ARN));
        return scenario.withTaskDefinition(b -> b.taskRoleArn("web-task"));
    }

    static Scenario withTaskRoleBoundary(Scenario scenario, String document) {
        scenario.roles.computeIfPresent(Scenario.TASK_ROLE_ARN, (arn, role) ->
                IamRoleBuilder.builder(role).permissionsBoundary(new Iam.Policy(BOUNDARY_ARN, document)).build());
        return scenario;
    }

    /** Moves the running task to revision 2, a copy of the current one changed by {@code change}. */
    static Scenario withTaskOnOldRevision(Scenario scenario, UnaryOperator<EcsTaskDefinitionBuilder> change) {
        var current = scenario.taskDefinitions.get(Scenario.TASK_DEFINITION_ARN);
        scenario.taskDefinitions.put(OLD_TASK_DEFINITION_ARN,
                change.apply(EcsTaskDefinitionBuilder.builder(current).arn(OLD_TASK_DEFINITION_ARN)).build());
        return scenario.withTasks(b -> b.taskDefinitionArn(OLD_TASK_DEFINITION_ARN));
    }
}
