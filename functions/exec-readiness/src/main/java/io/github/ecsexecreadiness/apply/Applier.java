package io.github.ecsexecreadiness.apply;

import io.github.ecsexecreadiness.apply.FixResult.Outcome;
import io.github.ecsexecreadiness.apply.RemediationLedger.Admission;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.iam.Permission;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.fix.Fix;
import io.github.ecsexecreadiness.plan.PlannedFix;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.Telemetry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes the APPLY fixes of a plan, in the plan's order, each one idempotent: it looks before it creates,
 * endpoint creation carries a client token derived from what it creates, and a rule that already exists counts
 * as done. A second run of a plan that succeeded therefore changes nothing.
 *
 * <p>An AWS error fails that fix only; the others still run and are reported. The forced deployment is the
 * exception: it is skipped when any earlier fix of the plan failed (never replace the tasks of a half-fixed
 * service), it runs at most once per service per run, and only after the {@link RemediationLedger} admits it.
 * If the ledger cannot answer, nothing is deployed (fail closed). Every planned fix leaves one audit line.
 */
public final class Applier {
    /** Name of the security group this project creates for ssmmessages endpoints; names are unique per VPC. */
    public static final String ENDPOINT_GROUP_NAME = "ecs-exec-readiness-ssmmessages";
    /** Value of {@link RemediationSettings#CREATED_BY_TAG} on what this project creates (IAM conditions match it). */
    public static final String CREATED_BY = "ecs-exec-readiness";
    static final int HTTPS = 443;
    /** Endpoint states that no longer serve (anything else is, or soon will be, answering). */
    private static final Set<String> ENDPOINT_GONE = Set.of("deleting", "deleted", "failed", "rejected", "expired");
    private static final Map<String, String> TAGS = Map.of(RemediationSettings.CREATED_BY_TAG, CREATED_BY);
    /** CloudWatch metric per outcome: an alarm on FixesFailed catches a remediator that has lost a permission. */
    private static final Map<Outcome, String> METRICS = Map.of(Outcome.APPLIED, "FixesApplied",
            Outcome.ALREADY_DONE, "FixesAlreadyDone", Outcome.SKIPPED, "FixesSkipped", Outcome.FAILED, "FixesFailed");

    private final AccountWriters writers;
    private final RemediationLedger ledger;
    private final RemediationSettings settings;
    private final Telemetry telemetry;
    private final Clock clock;

    public Applier(AccountWriters writers, RemediationLedger ledger, RemediationSettings settings,
                   Telemetry telemetry, Clock clock) {
        this.writers = writers;
        this.ledger = ledger;
        this.settings = settings;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    /**
     * Applies the plan's APPLY fixes and reports every planned fix, in order.
     *
     * @param who the principal or trigger on whose behalf the changes are made, for the audit lines
     */
    public List<FixResult> apply(List<PlannedFix> plan, String who) {
        Run run = new Run();
        List<FixResult> results = new ArrayList<>();
        for (PlannedFix planned : plan) {
            FixResult result = run.apply(planned);
            audit(result, who);
            results.add(result);
        }
        return results;
    }

    /** One JSON line: who, what, before, after, outcome (failures at ERROR); and a metric per outcome. */
    private void audit(FixResult result, String who) {
        Fix fix = result.planned().fix();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("audit", true);
        fields.put("who", who);
        fields.put("checkId", fix.checkId());
        fields.put("kind", fix.kind().name());
        fields.put("what", fix.description());
        fields.put("decision", result.planned().decision().name());
        fields.put("outcome", result.outcome().name());
        fields.put("reason", result.reason());
        fields.put("before", result.before());
        fields.put("after", result.after());
        if (result.outcome() == Outcome.FAILED) {
            telemetry.error("remediation", fields);
        } else {
            telemetry.info("remediation", fields);
        }
        telemetry.count(METRICS.get(result.outcome()), 1);
    }

    /** The state of one {@link #apply} call: what failed so far and which services were redeployed. */
    private final class Run {
        private final List<FixResult> failures = new ArrayList<>();
        private final Set<String> redeployed = new HashSet<>();

        FixResult apply(PlannedFix planned) {
            if (planned.decision() != PlannedFix.Decision.APPLY) {
                return new FixResult(planned, Outcome.SKIPPED,
                        planned.decision().name().toLowerCase(Locale.ROOT) + ": " + planned.reason(), null, null);
            }
            String forbidden = forbidden(planned.fix());
            if (forbidden != null) {
                return new FixResult(planned, Outcome.SKIPPED, forbidden, null, null);
            }
            Step step = new Step(planned);
            FixResult result;
            try {
                result = switch (planned.fix()) {
                    case Fix.AttachSsmmessagesPolicy f -> attach(step, f.roleArn(), f.policyArn(), null);
                    case Fix.GrantSessionPermissions f -> grant(step, f);
                    case Fix.CreateSsmmessagesEndpoint f -> createEndpoint(step, f);
                    case Fix.AuthorizeEndpointIngress f -> authorize(step, f);
                    case Fix.EnableExecAndRedeploy f -> redeploy(step, f);
                    case Fix.Manual f -> step.end(Outcome.SKIPPED, "manual: " + f.instruction(), null);
                };
            } catch (AwsApiException e) {
                result = step.end(Outcome.FAILED, e.getMessage(), null);
            }
            if (result.outcome() == Outcome.FAILED) {
                failures.add(result);
            }
            return result;
        }

        /** AttachRolePolicy unless attached; {@code document} non-null creates the policy first if absent. */
        private FixResult attach(Step step, String roleArn, String policyArn, String document) {
            String role = roleArn.substring(roleArn.lastIndexOf('/') + 1);
            List<String> attached = writers.iam().listAttachedRolePolicies(role);
            step.before = "role " + role + " has managed policies " + attached;
            if (attached.contains(policyArn)) {
                return step.end(Outcome.ALREADY_DONE, policyArn + " is already attached to " + roleArn,
                        step.before);
            }
            String created = "";
            if (document != null && !writers.iam().policyExists(policyArn)) {
                String name = policyArn.substring(policyArn.lastIndexOf('/') + 1);
                writers.iam().createPolicy(RemediationSettings.POLICY_PATH, name,
                        "ECS Exec session permissions, created by " + CREATED_BY, document);
                created = "created " + policyArn + " with " + document + "; ";
            }
            writers.iam().attachRolePolicyTo(role, policyArn);
            List<String> after = new ArrayList<>(attached);
            after.add(policyArn);
            return step.end(Outcome.APPLIED, created + "attached " + policyArn + " to " + roleArn,
                    "role " + role + " has managed policies " + after);
        }

        /**
         * The policy lives under this project's path in the role's account. An existing policy of that name is
         * ours from an earlier run and is attached as it is.
         */
        private FixResult grant(Step step, Fix.GrantSessionPermissions fix) {
            String[] arn = fix.roleArn().split(":", 6);
            String policyArn = "arn:" + arn[1] + ":iam::" + arn[4] + ":policy" + RemediationSettings.POLICY_PATH
                    + fix.policyName();
            return attach(step, fix.roleArn(), policyArn, Permission.allowDocument(fix.permissions()));
        }

        /**
         * Creates the endpoint unless the VPC has a live ssmmessages endpoint with private DNS (a second one
         * would fail: its DNS name would conflict). The security group is found by name before it is created,
         * so a run that failed half-way reuses it.
         */
        private FixResult createEndpoint(Step step, Fix.CreateSsmmessagesEndpoint fix) {
            String service = "com.amazonaws." + writers.region() + ".ssmmessages";
            Optional<Ec2.VpcEndpoint> existing = writers.ec2().findVpcEndpoints(fix.vpcId(), service).stream()
                    .filter(e -> "Interface".equals(e.vpcEndpointType()) && e.privateDnsEnabled()
                            && !ENDPOINT_GONE.contains(String.valueOf(e.state()).toLowerCase(Locale.ROOT)))
                    .findFirst();
            step.before = existing.map(Applier::describe)
                    .orElse("no " + service + " interface endpoint with private DNS in " + fix.vpcId());
            if (existing.isPresent()) {
                return step.end(Outcome.ALREADY_DONE, "endpoint " + existing.get().id() + " already serves "
                        + fix.vpcId(), step.before);
            }
            Optional<String> found = writers.ec2().findSecurityGroup(fix.vpcId(), ENDPOINT_GROUP_NAME);
            String groupId = found.orElseGet(() -> writers.ec2().createSecurityGroup(fix.vpcId(), ENDPOINT_GROUP_NAME,
                    "ECS Exec: TCP 443 to the ssmmessages endpoint from ECS tasks, created by " + CREATED_BY, TAGS));
            fix.sourceSecurityGroupIds().forEach(source -> writers.ec2().authorizeTcpIngress(groupId, HTTPS, source));
            fix.sourceCidrBlocks().forEach(source -> writers.ec2().authorizeTcpIngress(groupId, HTTPS, source));
            Ec2.VpcEndpoint endpoint = writers.ec2().createInterfaceEndpoint(fix.vpcId(), service, fix.subnetIds(),
                    List.of(groupId), TAGS, clientToken(fix.vpcId(), service, fix.subnetIds()));
            return step.end(Outcome.APPLIED, "created endpoint " + endpoint.id() + " with "
                    + (found.isPresent() ? "existing" : "new") + " security group " + groupId + " admitting TCP 443 from "
                    + fix.sourceSecurityGroupIds() + " and " + fix.sourceCidrBlocks(), describe(endpoint));
        }

        /**
         * Only into a group this project created (its tag says so, and the IAM policy allows ingress on no other):
         * the group of an endpoint someone else made is theirs, often shared, and a rule there is their decision.
         * A group it did not create leaves the fix to a person, and counts as a failure so that the service is not
         * redeployed half-fixed.
         */
        private FixResult authorize(Step step, Fix.AuthorizeEndpointIngress fix) {
            String group = fix.endpointSecurityGroupId();
            if (!writers.ec2().createdByThisProject(group)) {
                FixResult manual = step.end(Outcome.SKIPPED, "manual: security group " + group + " of endpoint "
                        + fix.endpointId() + " was not created by " + CREATED_BY + ", so its owner adds the rule: "
                        + fix.sourceSecurityGroupIds().stream().map(source -> "aws ec2 authorize-security-group-ingress "
                        + "--group-id " + group + " --protocol tcp --port " + HTTPS + " --source-group " + source)
                        .toList(), null);
                failures.add(manual);
                return manual;
            }
            List<String> present = new ArrayList<>();
            List<String> added = new ArrayList<>();
            for (String source : fix.sourceSecurityGroupIds()) {
                (writers.ec2().authorizeTcpIngress(fix.endpointSecurityGroupId(), HTTPS, source) ? added : present)
                        .add(source);
            }
            step.before = group + " admits TCP 443 from " + present + " of " + fix.sourceSecurityGroupIds();
            String after = group + " admits TCP 443 from " + fix.sourceSecurityGroupIds();
            return added.isEmpty()
                    ? step.end(Outcome.ALREADY_DONE, group + " already admits TCP 443 from every source group", after)
                    : step.end(Outcome.APPLIED, "allowed TCP 443 from " + added + " into " + group, after);
        }

        private FixResult redeploy(Step step, Fix.EnableExecAndRedeploy fix) {
            String arn = fix.serviceArn();
            if (redeployed.contains(arn)) {
                return step.end(Outcome.ALREADY_DONE, "already redeployed in this run", null);
            }
            if (!failures.isEmpty()) {
                return step.end(Outcome.SKIPPED, "not redeploying a half-fixed service: earlier fix failed ("
                        + failures.getFirst().planned().fix().description() + ")", null);
            }
            Ecs.Service service = writers.ecs().describeService(fix.clusterArn(), arn).orElse(null);
            if (service == null) {
                return step.end(Outcome.FAILED, "service " + arn + " not found", null);
            }
            step.before = describe(service);
            if (service.enableExecuteCommand() && rollingOut(service)) {
                redeployed.add(arn);
                return step.end(Outcome.ALREADY_DONE, "exec is on and a deployment is rolling out", step.before);
            }
            Admission admission;
            try {
                admission = ledger.admitForcedDeployment(arn, clock.instant(), settings.cooldown(),
                        settings.maxForcedDeploymentsPerHour());
            } catch (RuntimeException e) {
                return step.end(Outcome.SKIPPED, "fail closed: the deployment ledger could not be read ("
                        + e.getMessage() + "); nothing changed", step.before);
            }
            return switch (admission) {
                case COOLDOWN -> step.end(Outcome.SKIPPED, "cooldown: " + arn + " had a forced deployment less than "
                        + settings.cooldown().toMinutes() + " min ago", step.before);
                case HOURLY_CAP -> step.end(Outcome.SKIPPED, "hourly cap: " + settings.maxForcedDeploymentsPerHour()
                        + " forced deployments already made this hour in this account and Region", step.before);
                case ALLOWED -> {
                    Ecs.Service updated = writers.ecs().enableExecuteCommandAndRedeploy(fix.clusterArn(), arn);
                    redeployed.add(arn);
                    yield step.end(Outcome.APPLIED, "turned exec on and forced a new deployment", describe(updated));
                }
            };
        }
    }

    /**
     * The planner already honours the settings; checking the switches again here means a plan built with other
     * settings, or by mistake, still cannot change what the operator turned off.
     */
    private String forbidden(Fix fix) {
        if (settings.dryRun() || settings.mode() == RemediationSettings.Mode.REPORT_ONLY) {
            return "settings: " + (settings.dryRun() ? "dry run" : "report only") + ", nothing is changed";
        }
        boolean allowed = switch (fix.kind()) {
            case TASK_ROLE_PERMISSIONS -> settings.taskRolePermissions()
                    && (settings.sessionGrants() || !(fix instanceof Fix.GrantSessionPermissions));
            case VPC_ENDPOINT -> settings.vpcEndpoints();
            case EXEC_REDEPLOY -> settings.execRedeploy();
            case MANUAL -> true;
        };
        return allowed ? null : "settings: automatic " + fix.kind() + " fixes are turned off";
    }

    /** One fix being applied: what it looked at first survives a failure half-way. */
    private static final class Step {
        private final PlannedFix planned;
        private String before;

        Step(PlannedFix planned) {
            this.planned = planned;
        }

        FixResult end(Outcome outcome, String reason, String after) {
            return new FixResult(planned, outcome, reason, before, after);
        }
    }

    private static boolean rollingOut(Ecs.Service service) {
        return service.deployments().stream()
                .anyMatch(d -> "PRIMARY".equals(d.status()) && "IN_PROGRESS".equals(d.rolloutState()));
    }

    private static String describe(Ecs.Service service) {
        String primary = service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst()
                .map(d -> d.id() + " " + d.rolloutState()).orElse("none");
        return "enableExecuteCommand=" + service.enableExecuteCommand() + ", primary deployment " + primary;
    }

    private static String describe(Ec2.VpcEndpoint endpoint) {
        return "endpoint " + endpoint.id() + " (" + endpoint.state() + ", privateDns=" + endpoint.privateDnsEnabled()
                + ") in subnets " + endpoint.subnetIds() + " with security groups " + endpoint.securityGroupIds();
    }

    /**
     * The same VPC, service and subnets always give the same token (at most 64 characters), so a retried or
     * repeated CreateVpcEndpoint returns the first endpoint; different subnets give another token rather than
     * IdempotentParameterMismatch.
     */
    static String clientToken(String vpcId, String serviceName, List<String> subnetIds) {
        String key = vpcId + "|" + serviceName + "|" + String.join(",", subnetIds.stream().sorted().toList());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return CREATED_BY + "-" + HexFormat.of().formatHex(hash).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
