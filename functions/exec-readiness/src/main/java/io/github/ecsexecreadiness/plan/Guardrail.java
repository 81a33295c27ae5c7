package io.github.ecsexecreadiness.plan;

import io.github.ecsexecreadiness.fix.Fix;
import io.github.ecsexecreadiness.check.CheckSupport;
import io.github.ecsexecreadiness.check.CheckSupport.LaunchType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.check.iam.TaskRoleCheck;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.fix.Fix.Kind;
import io.github.ecsexecreadiness.plan.PlannedFix.Decision;
import io.github.ecsexecreadiness.plan.RemediationSettings.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One rule that may stop an automatic fix. Each says why it stops a fix, or nothing when it allows it; one that
 * cannot tell (data unreadable) throws, and the planner then blocks the fix: guardrails fail closed.
 */
enum Guardrail {
    TASK_ROLE_SWITCH(Decision.BLOCKED, false) {
        @Override
        Optional<String> evaluate(Fix fix, Context context) {
            return when(fix.kind() == Kind.TASK_ROLE_PERMISSIONS && !context.settings().taskRolePermissions(),
                    "FixTaskRolePermissions is false: task role permissions are not changed automatically");
        }
    },
    EXEC_REDEPLOY_SWITCH(Decision.BLOCKED, false) {
        @Override
        Optional<String> evaluate(Fix fix, Context context) {
            return when(fix.kind() == Kind.EXEC_REDEPLOY && !context.settings().execRedeploy(),
                    "FixExecRedeploy is false: services are not redeployed automatically");
        }
    },
    /** Endpoints cost money every hour in every Availability Zone and change DNS for the whole VPC. */
    VPC_ENDPOINT_SWITCH(Decision.BLOCKED, true) {
        @Override
        Optional<String> evaluate(Fix fix, Context context) {
            return when(fix.kind() == Kind.VPC_ENDPOINT && !context.settings().vpcEndpoints(),
                    "FixVpcEndpoints is false: VPC endpoints and their security groups are changed only on review "
                            + "(an interface endpoint is billed per hour in each Availability Zone)");
        }
    },
    /**
     * KMS and logging grants name what the cluster's execute-command configuration names, which whoever may edit
     * the cluster controls: they are made automatically only when FixSessionGrants allows it, otherwise on review.
     */
    SESSION_GRANTS_SWITCH(Decision.BLOCKED, true) {
        @Override
        Optional<String> evaluate(Fix fix, Context context) {
            return when(fix instanceof Fix.GrantSessionPermissions && !context.settings().sessionGrants(),
                    "FixSessionGrants is false: session logging and kms:Decrypt grants follow the cluster's "
                            + "execute-command configuration, which others may edit, so they are made only on review "
                            + "(the Security Hub action Fix ECS Exec)");
        }
    },
    /**
     * Only grants on the task role's own account's resources, of exactly the shape the checks ask for, are ever
     * made; anything else is a person's change even on review, with the exact statement to add.
     */
    SESSION_GRANT_SHAPE(Decision.MANUAL, false) {
        @Override
        Optional<String> evaluate(Fix fix, Context context) {
            if (!(fix instanceof Fix.GrantSessionPermissions grant)) {
                return Optional.empty();
            }
            return SessionGrantShape.unexpected(grant, context.facts().accountId()).map(wrong -> "not granted "
                    + "automatically: " + wrong + "; if this is intended, add this statement to task role "
                    + grant.roleArn() + ": " + Permission.allowDocument(grant.permissions()));
        }
    },
    OPT_OUT(Decision.BLOCKED, false) {
        @Override
        Optional<String> evaluate(Fix fix, Context context) {
            return tagged(context.facts(), RemediationSettings.OPT_OUT_TAG::equals, "false"::equalsIgnoreCase)
                    .map(where -> where + ": opted out of automatic fixes");
        }
    },
    /** Tag keys are case-sensitive in AWS, but Environment and environment both mean it: either protects. */
    PROTECTED_ENVIRONMENT(Decision.BLOCKED, true) {
        @Override
        Optional<String> evaluate(Fix fix, Context context) {
            var protectedValues = context.settings().protectedEnvironments().stream()
                    .map(value -> value.toLowerCase(Locale.ROOT)).toList();
            return tagged(context.facts(), RemediationSettings.ENVIRONMENT_TAG::equalsIgnoreCase,
                    value -> protectedValues.contains(value.toLowerCase(Locale.ROOT)))
                    .map(where -> where + ": a protected environment (ProtectedEnvironments " + String.join(",",
                            context.settings().protectedEnvironments().stream().sorted().toList()) + ")");
        }
    },
    /**
     * A task role serves every service whose tasks run with it: changing it for one service changes it for all,
     * so each of them must allow it (not opted out, not a protected environment). Not lifted on review: the
     * person reviewing one service's finding is not deciding for the others.
     */
    SHARED_TASK_ROLE(Decision.BLOCKED, false) {
        @Override
        Optional<String> evaluate(Fix fix, Context context) {
            String roleArn = switch (fix) {
                case Fix.AttachSsmmessagesPolicy attach -> attach.roleArn();
                case Fix.GrantSessionPermissions grant -> grant.roleArn();
                default -> null;
            };
            if (roleArn == null) {
                return Optional.empty();
            }
            for (ServiceFacts other : context.facts().otherServicesUsingRole(roleArn)) {
                Optional<String> stops = OPT_OUT.evaluate(fix, new Context(other, context.report(), context.settings()))
                        .or(() -> PROTECTED_ENVIRONMENT.evaluate(fix, new Context(other, context.report(),
                                context.settings())));
                if (stops.isPresent()) {
                    return Optional.of("task role " + roleArn + " also serves service " + other.service().name()
                            + ", and " + stops.get() + ": a role is changed only when every service using it allows it");
                }
            }
            return Optional.empty();
        }
    },
    /** UpdateService cannot force a deployment of a service that CodeDeploy or an external controller deploys. */
    DEPLOYMENT_CONTROLLER(Decision.BLOCKED, false) {
        @Override
        Optional<String> evaluate(Fix fix, Context context) {
            String controller = context.facts().service().deploymentController();
            return when(fix.kind() == Kind.EXEC_REDEPLOY && controller != null && !"ECS".equals(controller),
                    "deployment controller is " + controller + ": deploy through it with enableExecuteCommand on");
        }
    },
    /** A forced deployment on top of a rollout would cut it short or race it. */
    DEPLOYMENT_IN_PROGRESS(Decision.BLOCKED, false) {
        @Override
        Optional<String> evaluate(Fix fix, Context context) {
            if (fix.kind() != Kind.EXEC_REDEPLOY) {
                return Optional.empty();
            }
            List<Ecs.Deployment> deployments = context.facts().service().deployments();
            boolean settled = deployments.size() == 1 && "PRIMARY".equals(deployments.getFirst().status())
                    && "COMPLETED".equals(deployments.getFirst().rolloutState());
            return when(!settled, "deployments are not settled (" + (deployments.isEmpty() ? "none reported"
                    : CheckSupport.listed(deployments.stream().map(d -> d.id() + " " + d.status() + " rolloutState "
                            + d.rolloutState()).toList())) + "): wait for the rollout to complete");
        }
    },
    /**
     * Tasks on EC2 get the SSM agent only on instances whose ECS agent advertises the capability, and once exec is
     * on, every new task needs such an instance ("missing an attribute required by your task"): every ACTIVE
     * instance the service's new tasks may be placed on must have it, not only the hosts of running tasks.
     * Instances an Auto Scaling group has not launched yet cannot be seen: its launch template's AMI is not read.
     */
    CONTAINER_INSTANCES(Decision.BLOCKED, false) {
        @Override
        Optional<String> evaluate(Fix fix, Context context) {
            if (fix.kind() != Kind.EXEC_REDEPLOY) {
                return Optional.empty();
            }
            ServiceFacts facts = context.facts();
            Optional<LaunchType> launchType = CheckSupport.launchType(facts.service(), null);
            if (launchType.isEmpty()) {
                return Optional.of("cannot tell where new tasks run (no known launch type or capacity provider)");
            }
            if (launchType.get() == LaunchType.FARGATE) {
                return Optional.empty();
            }
            List<Ecs.ContainerInstance> capacity = facts.capacity();
            List<String> lacking = capacity.stream()
                    .filter(instance -> !instance.attributeNames().contains(EXEC_CAPABILITY))
                    .map(Ecs.ContainerInstance::ec2InstanceId).distinct().toList();
            if (!lacking.isEmpty()) {
                return Optional.of("container instances new tasks may be placed on lack " + EXEC_CAPABILITY + ": "
                        + CheckSupport.listed(lacking) + " (update the ECS agent or replace them with a current AMI)");
            }
            List<String> providers = facts.service().capacityProviders();
            return when(capacity.isEmpty(), "no ACTIVE container instance in cluster " + facts.cluster().name()
                    + (providers.isEmpty() ? "" : " for capacity providers " + providers) + ": whether new tasks get "
                    + "instances with " + EXEC_CAPABILITY + " cannot be checked");
        }
    },
    /** Without a task role the new tasks could not open a session either: replacing them gains nothing. */
    TASK_ROLE(Decision.BLOCKED, false) {
        @Override
        Optional<String> evaluate(Fix fix, Context context) {
            if (fix.kind() != Kind.EXEC_REDEPLOY) {
                return Optional.empty();
            }
            var result = context.report().result(TaskRoleCheck.METADATA.id());
            return when(result.status() == Status.FAIL || result.status() == Status.UNKNOWN,
                    "iam.task-role is " + result.status() + " (" + result.reason() + ")");
        }
    },
    REPORT_ONLY(Decision.DRY_RUN, false) {
        @Override
        Optional<String> evaluate(Fix fix, Context context) {
            return when(context.settings().mode() == Mode.REPORT_ONLY, "report-only mode (RemediationMode=report-only)");
        }
    },
    DRY_RUN(Decision.DRY_RUN, false) {
        @Override
        Optional<String> evaluate(Fix fix, Context context) {
            return when(context.settings().dryRun(), "dry run (DryRun=true)");
        }
    };

    static final String EXEC_CAPABILITY = "ecs.capability.execute-command";

    private final Decision decision;
    private final boolean liftedWhenReviewed;

    Guardrail(Decision decision, boolean liftedWhenReviewed) {
        this.decision = decision;
        this.liftedWhenReviewed = liftedWhenReviewed;
    }

    /** What the planner needs to evaluate a guardrail for one service. */
    record Context(ServiceFacts facts, ServiceReport report, RemediationSettings settings) {}

    /**
     * Why this guardrail stops the fix, or empty when it allows it.
     *
     * @throws RuntimeException (typically {@link io.github.ecsexecreadiness.collect.Unreadable}) when it cannot tell
     */
    abstract Optional<String> evaluate(Fix fix, Context context);

    /**
     * BLOCKED; DRY_RUN for the guardrails that let the plan be computed and logged only; MANUAL for those that
     * leave the change to a person whatever else allows it.
     */
    Decision decision() {
        return decision;
    }

    /** "protected-environment": how reasons name it. */
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A reviewed (human-approved) run lifts this guardrail. */
    boolean liftedWhenReviewed() {
        return liftedWhenReviewed;
    }

    private static Optional<String> when(boolean stops, String why) {
        return stops ? Optional.of(why) : Optional.empty();
    }

    /** "service web is tagged k=v" or "cluster shop is tagged k=v": the service first, then its cluster. */
    private static Optional<String> tagged(ServiceFacts facts, Predicate<String> key, Predicate<String> value) {
        return match(facts.service().tags(), key, value).map(tag -> "service " + facts.service().name() + " is tagged "
                        + tag)
                .or(() -> match(facts.cluster().tags(), key, value).map(tag -> "cluster " + facts.cluster().name()
                        + " is tagged " + tag));
    }

    private static Optional<String> match(Map<String, String> tags, Predicate<String> key, Predicate<String> value) {
        return tags.entrySet().stream().filter(tag -> key.test(tag.getKey()) && value.test(tag.getValue()))
                .map(tag -> tag.getKey() + "=" + tag.getValue()).sorted().findFirst();
    }
}
