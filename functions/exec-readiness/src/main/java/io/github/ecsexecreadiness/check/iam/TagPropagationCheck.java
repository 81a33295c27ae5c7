package io.github.ecsexecreadiness.check.iam;

import io.github.ecsexecreadiness.check.AwsCli;
import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.Remedy;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.iam.Decision;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.iam.RequestContext;
import io.github.ecsexecreadiness.iam.ResourceTagConditions;
import io.github.ecsexecreadiness.model.Arns;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Iam;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code iam.tag-propagation}: the tasks carry the tags that tag-based ECS Exec grants need. IAM evaluates
 * {@code ecs:ResourceTag/<key>} and {@code aws:ResourceTag/<key>} of ecs:ExecuteCommand against the cluster's and
 * the task's tags only; a service's own tags reach its tasks only with {@code propagateTags} SERVICE, and only for
 * tasks started after the tag. A role or user that may open sessions on tasks tagged like the service, but not on
 * its tasks as they are tagged, is what this check reports. It decides who may open a session, not whether a task
 * takes one, so WARN. IAM authorizes the call on the cluster as well: an identity the cluster's tags already refuse
 * is not one that propagation would help.
 */
public final class TagPropagationCheck extends Check {
    private static final String EXECUTE_COMMAND = ResourceTagConditions.EXECUTE_COMMAND;

    public static final CheckMetadata METADATA = CheckMetadata.builder("iam.tag-propagation")
            .title("Tasks carry the tags that tag-based ECS Exec grants need")
            .severity(Severity.MEDIUM)
            .findingType(FindingType.CONFIGURATION)
            .rationale("Policies that allow ecs:ExecuteCommand only on resources with a tag (ecs:ResourceTag/<key> "
                    + "or aws:ResourceTag/<key>) are evaluated against the cluster's and the task's tags, never the "
                    + "service's. A service whose propagateTags is not SERVICE starts tasks without its tags, so the "
                    + "people such a policy is for are refused with AccessDeniedException, while the task itself is "
                    + "ready.")
            .remediation("Run aws ecs update-service --cluster <cluster> --service <service> --propagate-tags SERVICE "
                    + "--force-new-deployment: only tasks started after the change carry the service's tags. Not "
                    + "applied automatically: a redeployment for tags alone is a change for the service's owner to "
                    + "schedule.")
            .documentation("https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-best-practices-"
                    + "limit-access-execute-command.html")
            .stopsSession(false)
            .build();

    /** Advice only: propagate the service's tags and start tasks that carry them. */
    private static final Remedy REMEDY = Remedy.forEachResult(List.of(),
            (result, facts, context) -> List.of(Remedy.Proposal.manual(result)),
            (result, facts) -> List.of(AwsCli.command("ecs", "update-service")
                    .option("--cluster", Arns.clusterName(facts.service().clusterArn()))
                    .option("--service", facts.service().name())
                    .option("--propagate-tags", "SERVICE")
                    .flag("--force-new-deployment")
                    .option("--region", facts.region()).toString()));

    public TagPropagationCheck() {
        super(METADATA, REMEDY);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        Iam.TagBasedExecIdentities granting = facts.tagBasedExecIdentities();
        if (granting.identities() == null) {
            return unknown("tag-based ecs:ExecuteCommand grants are not known: %s", granting.notRead());
        }
        if (granting.identities().isEmpty()) {
            return pass("no role or user of the account conditions ecs:ExecuteCommand on resource tags");
        }
        Ecs.Service service = facts.service();
        Ecs.Cluster cluster = facts.cluster();
        List<String> gaps = new ArrayList<>();
        List<String> refusedByCluster = new ArrayList<>();
        for (Iam.Identity identity : granting.identities()) {
            Set<String> keys = facts.derived(new TagKeysOf(identity.arn()), () -> keys(identity));
            // IAM authorizes ecs:ExecuteCommand on the cluster too: refused there, no task tag would help.
            if (facts.derived(new ClusterRefuses(identity.arn(), cluster.arn()), () -> decide(identity,
                    new Permission(EXECUTE_COMMAND, cluster.arn()), cluster.tags(), keys, "on the cluster").denied())) {
                refusedByCluster.add(identity.arn());
            } else {
                gap(identity, keys, facts).ifPresent(gaps::add);
            }
        }
        if (gaps.isEmpty()) {
            return pass("the tasks of service %s carry what the tag-based ecs:ExecuteCommand grants of %d identities "
                    + "ask, or the grants are not meant for it%s", service.name(), granting.identities().size(),
                    refusedByCluster.isEmpty() ? "" : " (refused on cluster " + cluster.name() + " as it is tagged: "
                            + String.join(", ", refusedByCluster) + ")");
        }
        return warn("%s (propagateTags is %s)", String.join("; ", gaps),
                service.propagateTags() == null ? "not set" : service.propagateTags());
    }

    /** What stops the identity on the service's tasks, running or new, that the service's tags would not. */
    private static Optional<String> gap(Iam.Identity identity, Set<String> keys, ServiceFacts facts) {
        Ecs.Service service = facts.service();
        List<String> untagged = facts.runningTasks().stream()
                .filter(task -> refusedUntilTagged(identity, keys, task.arn(), task.tags(), service.tags()))
                .map(Ecs.Task::id).toList();
        if (!untagged.isEmpty()) {
            return Optional.of(identity.arn() + " may not open sessions on running task(s) "
                    + String.join(", ", untagged) + " unless they carry the service's tag(s) "
                    + tagsOn(service.tags(), keys));
        }
        if (propagatesNothing(service)
                && refusedUntilTagged(identity, keys, newTaskArn(facts), Map.of(), service.tags())) {
            return Optional.of(identity.arn() + " will not be able to open sessions on new tasks, which start "
                    + "without the service's tag(s) " + tagsOn(service.tags(), keys));
        }
        return Optional.empty();
    }

    /**
     * The identity is surely refused ecs:ExecuteCommand on the task as it is tagged, and might be allowed were it
     * tagged with the service's tags as well: the tags, not the grant's intent, are what stops it.
     */
    private static boolean refusedUntilTagged(Iam.Identity identity, Set<String> keys, String taskArn,
                                              Map<String, String> taskTags, Map<String, String> serviceTags) {
        Map<String, String> propagated = new LinkedHashMap<>(serviceTags);
        propagated.putAll(taskTags);
        if (propagated.equals(taskTags)) {
            return false;
        }
        Permission execute = new Permission(EXECUTE_COMMAND, taskArn);
        Decision asTagged = decide(identity, execute, taskTags, keys, "on the task as tagged");
        return asTagged.denied() && !decide(identity, execute, propagated, keys, "with the service's tags").denied();
    }

    private static Decision decide(Iam.Identity identity, Permission permission, Map<String, String> tags,
                                   Set<String> keys, String how) {
        RequestContext context = ResourceTagConditions.onResourceTagged(tags, keys, how);
        return TaskRolePermissions.EVALUATOR.evaluate(identity, List.of(permission), context).getFirst();
    }

    /** The key under which every service of a snapshot shares the tag keys of one identity. */
    private record TagKeysOf(String arn) {}

    /** The key under which the services of a cluster share whether its tags refuse one identity. */
    private record ClusterRefuses(String identityArn, String clusterArn) {}

    /** The tag keys the identity's policies condition ecs:ExecuteCommand on. */
    private static Set<String> keys(Iam.Identity identity) {
        Set<String> keys = new LinkedHashSet<>();
        Stream.concat(identity.identityPolicies().stream(), Stream.ofNullable(identity.permissionsBoundary()))
                .forEach(policy -> keys.addAll(ResourceTagConditions.keys(policy.document(), EXECUTE_COMMAND)));
        return keys;
    }

    private static String tagsOn(Map<String, String> tags, Set<String> keys) {
        List<String> named = new ArrayList<>();
        tags.forEach((key, value) -> {
            if (keys.stream().anyMatch(key::equalsIgnoreCase)) {
                named.add(key + "=" + value);
            }
        });
        return String.join(", ", named);
    }

    /** New tasks get no tags from ECS (TASK_DEFINITION gives them the task definition's, which are not read). */
    private static boolean propagatesNothing(Ecs.Service service) {
        return service.propagateTags() == null || "NONE".equals(service.propagateTags());
    }

    /** The ARN a task the service starts next will have in its cluster (its id is not known yet). */
    private static String newTaskArn(ServiceFacts facts) {
        String clusterArn = facts.service().clusterArn();
        return clusterArn.replace(":cluster/", ":task/") + "/new";
    }
}
