package io.github.ecsexecreadiness.handler;

import io.github.ecsexecreadiness.aws.DynamoDbRemediationLedger;
import io.github.ecsexecreadiness.check.ExecScope;
import io.github.ecsexecreadiness.flow.Accounts;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.Telemetry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything a function reads from its environment, parsed once at init, strictly: a variable its role reads
 * that is missing or holds a value the template does not allow stops the function with an error naming it.
 *
 * @param execScope      which services should have ECS Exec (EXEC_EXPECTED; every-service for a role that
 *                       evaluates nothing)
 * @param memberRoleName empty: other accounts and Regions cannot be reached
 * @param remediation    present for the roles that repair (they read every guardrail setting)
 * @param sweep          present for the two sweep roles
 */
public record Settings(Role role, String region, String accountId, String metricsNamespace,
                       Telemetry.Level logLevel, boolean findingsEnabled, ExecScope execScope,
                       Optional<String> memberRoleName,
                       Optional<Remediation> remediation, Optional<Sweep> sweep) {

    public static final String AWS_REGION = "AWS_REGION";
    public static final String ACCOUNT_ID = "ACCOUNT_ID";
    public static final String METRICS_NAMESPACE = "METRICS_NAMESPACE";
    public static final String LOG_LEVEL = "LOG_LEVEL";
    public static final String FINDINGS_ENABLED = "FINDINGS_ENABLED";
    /** The template's ExecExpected: every-service or tagged ({@link ExecScope}). */
    public static final String EXEC_EXPECTED = "EXEC_EXPECTED";
    public static final String REMEDIATOR_ROLE_PATH = "REMEDIATOR_ROLE_PATH";
    public static final String SWEEP_QUEUE_URL = "SWEEP_QUEUE_URL";
    public static final String SWEEP_ACCOUNTS = "SWEEP_ACCOUNTS";
    public static final String SWEEP_ORGANIZATIONAL_UNITS = "SWEEP_ORGANIZATIONAL_UNITS";
    public static final String SWEEP_REGIONS = "SWEEP_REGIONS";
    /** The guardrails ({@link RemediationSettings}), one per template parameter, for the roles that repair. */
    public static final String REMEDIATION_MODE = "REMEDIATION_MODE";
    public static final String DRY_RUN = "DRY_RUN";
    public static final String FIX_TASK_ROLE_PERMISSIONS = "FIX_TASK_ROLE_PERMISSIONS";
    public static final String FIX_EXEC_REDEPLOY = "FIX_EXEC_REDEPLOY";
    public static final String FIX_VPC_ENDPOINTS = "FIX_VPC_ENDPOINTS";
    public static final String FIX_SESSION_GRANTS = "FIX_SESSION_GRANTS";
    public static final String PROTECTED_ENVIRONMENTS = "PROTECTED_ENVIRONMENTS";
    public static final String REDEPLOY_COOLDOWN_MINUTES = "REDEPLOY_COOLDOWN_MINUTES";
    public static final String MAX_FORCED_DEPLOYMENTS_PER_HOUR = "MAX_FORCED_DEPLOYMENTS_PER_HOUR";
    public static final String SSMMESSAGES_POLICY_ARN = "SSMMESSAGES_POLICY_ARN";

    /** Set by Lambda itself, not by the template. */
    public static final Set<String> SET_BY_LAMBDA = Set.of(AWS_REGION);
    private static final List<String> COMMON = List.of(AWS_REGION, ACCOUNT_ID, METRICS_NAMESPACE, LOG_LEVEL,
            Accounts.MEMBER_ROLE_NAME);
    private static final List<String> GUARDRAILS = List.of(REMEDIATION_MODE, DRY_RUN, FIX_TASK_ROLE_PERMISSIONS,
            FIX_EXEC_REDEPLOY, FIX_VPC_ENDPOINTS, FIX_SESSION_GRANTS, PROTECTED_ENVIRONMENTS,
            REDEPLOY_COOLDOWN_MINUTES, MAX_FORCED_DEPLOYMENTS_PER_HOUR, SSMMESSAGES_POLICY_ARN,
            DynamoDbRemediationLedger.TABLE_ENV);
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    /**
     * What a function does, implied by its handler class (the template's {@code Handler}): one declaration that
     * cannot disagree with a second one. Each role reads exactly its {@link #variables()}.
     */
    public enum Role {
        /** Evaluates for AWS Config and reports findings; never repairs. */
        CONFIG_RULE(ConfigRuleHandler.class, true, false, false, List.of()),
        /** Evaluates, repairs and reports one service per ECS event; knows its own CloudTrail records. */
        DEPLOYMENT_EVENT(DeploymentEventHandler.class, true, true, false, List.of(REMEDIATOR_ROLE_PATH)),
        /** Only queues one sweep item per account and Region: it reads no account and reports nothing. */
        SCHEDULED_SWEEP(ScheduledSweepHandler.class, false, false, true, List.of(SWEEP_QUEUE_URL, SWEEP_ACCOUNTS,
                SWEEP_ORGANIZATIONAL_UNITS, SWEEP_REGIONS)),
        /** Sweeps, repairs and reports one account and Region; queues its own continuation. */
        SWEEP_ITEM(SweepItemHandler.class, true, true, true, List.of(SWEEP_QUEUE_URL)),
        /** Applies the fix a person chose in Security Hub and notes the result on the findings. */
        REVIEWED_FIX(SecurityHubActionHandler.class, true, true, false, List.of());

        private final Class<?> handler;
        private final boolean evaluates;
        private final boolean repairs;
        private final boolean sweeps;
        private final List<String> own;

        Role(Class<?> handler, boolean evaluates, boolean repairs, boolean sweeps, List<String> own) {
            this.handler = handler;
            this.evaluates = evaluates;
            this.repairs = repairs;
            this.sweeps = sweeps;
            this.own = own;
        }

        public static Role of(Class<?> handler) {
            return Arrays.stream(values()).filter(role -> role.handler == handler).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(handler.getName() + " has no role"));
        }

        public static Optional<Role> ofHandler(String className) {
            return Arrays.stream(values()).filter(role -> role.handler.getName().equals(className)).findFirst();
        }

        /** Reads an account and reports on it: builds the readers and, where findings are on, Security Hub. */
        public boolean evaluates() {
            return evaluates;
        }

        /** Every environment variable this role reads. */
        public Set<String> variables() {
            return Stream.of(COMMON, evaluates ? List.of(FINDINGS_ENABLED, EXEC_EXPECTED) : List.<String>of(),
                    repairs ? GUARDRAILS : List.<String>of(), own).flatMap(List::stream)
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    /** The guardrails, the ledger table, and (deployment events only) the path of the remediator's roles. */
    public record Remediation(RemediationSettings guardrails, String ledgerTable, String remediatorRolePath) {}

    /**
     * @param organizationalUnits OU and root ids, resolved at each sweep; empty with {@code accounts}: the own
     *                            account only
     * @param regions             empty: the function's own Region
     */
    public record Sweep(String queueUrl, List<String> accounts, List<String> organizationalUnits,
                        List<String> regions) {
        /** Account, OU and root ids, as {@link io.github.ecsexecreadiness.collect.AccountsInScope} takes them. */
        public List<String> scope() {
            return Stream.concat(accounts.stream(), organizationalUnits.stream()).toList();
        }
    }

    /** @throws IllegalStateException naming the first variable that is missing or invalid */
    public static Settings parse(Role role, Map<String, String> env) {
        Reader read = new Reader(env, role);
        String accountId = read.required(ACCOUNT_ID);
        if (!ACCOUNT.matcher(accountId).matches()) {
            throw read.invalid(ACCOUNT_ID, "a 12-digit account id");
        }
        Telemetry.Level level;
        try {
            level = Telemetry.Level.named(read.required(LOG_LEVEL));
        } catch (IllegalArgumentException e) {
            throw read.invalid(LOG_LEVEL, "one of DEBUG, INFO, WARN, ERROR");
        }
        Optional<Remediation> remediation = Optional.empty();
        if (role.repairs) {
            GUARDRAILS.forEach(read::present);
            remediation = Optional.of(new Remediation(guardrails(read),
                    read.required(DynamoDbRemediationLedger.TABLE_ENV),
                    role.own.contains(REMEDIATOR_ROLE_PATH) ? read.required(REMEDIATOR_ROLE_PATH) : null));
        }
        Optional<Sweep> sweep = !role.sweeps ? Optional.empty() : Optional.of(role == Role.SCHEDULED_SWEEP
                ? new Sweep(read.required(SWEEP_QUEUE_URL), read.list(SWEEP_ACCOUNTS),
                        read.list(SWEEP_ORGANIZATIONAL_UNITS), read.list(SWEEP_REGIONS))
                : new Sweep(read.required(SWEEP_QUEUE_URL), List.of(), List.of(), List.of()));
        String memberRole = read.present(Accounts.MEMBER_ROLE_NAME).strip();
        ExecScope execScope = ExecScope.EVERY_SERVICE;
        if (role.evaluates) {
            try {
                execScope = ExecScope.named(read.required(EXEC_EXPECTED));
            } catch (IllegalArgumentException e) {
                throw read.invalid(EXEC_EXPECTED, "every-service or tagged");
            }
        }
        return new Settings(role, read.required(AWS_REGION), accountId, read.required(METRICS_NAMESPACE), level,
                role.evaluates && read.flag(FINDINGS_ENABLED), execScope,
                memberRole.isEmpty() ? Optional.empty() : Optional.of(memberRole), remediation, sweep);
    }

    /** The template's guardrail parameters; a value the template does not allow stops the function. */
    private static RemediationSettings guardrails(Reader read) {
        RemediationSettings.Mode mode = switch (read.present(REMEDIATION_MODE)) {
            case "auto" -> RemediationSettings.Mode.AUTO;
            case "report-only" -> RemediationSettings.Mode.REPORT_ONLY;
            default -> throw read.invalid(REMEDIATION_MODE, "auto or report-only");
        };
        return new RemediationSettings(mode, read.flag(FIX_TASK_ROLE_PERMISSIONS), read.flag(FIX_EXEC_REDEPLOY),
                read.flag(FIX_VPC_ENDPOINTS), read.flag(FIX_SESSION_GRANTS), read.flag(DRY_RUN),
                RemediationSettings.protectedEnvironments(read.present(PROTECTED_ENVIRONMENTS)),
                Duration.ofMinutes(read.count(REDEPLOY_COOLDOWN_MINUTES)), read.count(MAX_FORCED_DEPLOYMENTS_PER_HOUR),
                read.present(SSMMESSAGES_POLICY_ARN));
    }

    /** Reads the environment, every value through one of these: present, required, flag, count, list. */
    private record Reader(Map<String, String> env, Role role) {
        String present(String name) {
            String value = env.get(name);
            if (value == null) {
                throw new IllegalStateException("environment variable " + name + " is not set (the "
                        + role + " function reads it)");
            }
            return value;
        }

        String required(String name) {
            String value = present(name).strip();
            if (value.isEmpty()) {
                throw invalid(name, "a value");
            }
            return value;
        }

        boolean flag(String name) {
            return switch (present(name)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw invalid(name, "true or false");
            };
        }

        /** A whole number from 0 up. */
        int count(String name) {
            try {
                int value = Integer.parseInt(present(name).strip());
                if (value < 0) {
                    throw invalid(name, "a whole number >= 0");
                }
                return value;
            } catch (NumberFormatException e) {
                throw invalid(name, "a whole number >= 0");
            }
        }

        /** A comma-separated list from the template (a CloudFormation String parameter); blanks dropped. */
        List<String> list(String name) {
            return Arrays.stream(present(name).split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct()
                    .toList();
        }

        IllegalStateException invalid(String name, String expected) {
            return new IllegalStateException("environment variable " + name + " has an invalid value: "
                    + env.get(name) + " (expected " + expected + ")");
        }
    }
}
