package io.github.ecsexecreadiness.iam;

import java.util.Arrays;
import java.util.List;

/**
 * The statements of the IAM policies the stacks give their functions (template.yaml) and the member role
 * (member-role.yaml): Sid, effect, resources and conditions. The actions of each statement are not listed here:
 * they are those the code declares with {@link CallsAws}, and {@code bin/generate-iam} writes the policies from
 * both. Enum order is the order in the policies.
 *
 * <p>Resources and condition values are written as CloudFormation {@code !Sub} text: {@code ${AWS::Partition}},
 * {@code ${AWS::AccountId}}, {@code ${AWS::Region}} (which a global role such as the member role widens to
 * {@code *}), and, as a whole value, a resource of the stack that differs between the templates:
 * {@value StackResource#OWN_ROLES}, {@value StackResource#SSMMESSAGES_POLICY}, {@value StackResource#LEDGER_TABLE},
 * {@value StackResource#SWEEP_QUEUE}. A statement
 * whose resource a template does not have (the ledger stays central) is left out of that template.
 */
public enum PolicyStatement {
    // ----- reads of every evaluation -------------------------------------------------------------------------
    ECS_LIST_AND_TASK_DEFINITIONS(Policy.READ_ACCOUNT, "EcsListAndTaskDefinitions", Effect.Allow,
            "no resource-level permissions for these", List.of("*")),
    ECS_DESCRIBE(Policy.READ_ACCOUNT, "EcsDescribe", Effect.Allow, null,
            List.of(ecs("cluster/*"), ecs("service/*"), ecs("task/*"), ecs("container-instance/*"))),
    IAM_ACCOUNT_AUTHORIZATION_DETAILS(Policy.READ_ACCOUNT, "IamAccountAuthorizationDetails", Effect.Allow,
            "no resource-level permissions", List.of("*")),
    IAM_ROLES(Policy.READ_ACCOUNT, "IamRoles", Effect.Allow, null, List.of(iam("role/*"))),
    IAM_POLICIES(Policy.READ_ACCOUNT, "IamPolicies", Effect.Allow,
            "the account's own and AWS managed policies attached to task roles",
            List.of(iam("policy/*"), "arn:${AWS::Partition}:iam::aws:policy/*")),
    EC2_NETWORK(Policy.READ_ACCOUNT, "Ec2Network", Effect.Allow, "EC2 Describe* have no resource-level permissions",
            List.of("*")),
    VPC_NAME_RESOLUTION(Policy.READ_ACCOUNT, "VpcNameResolution", Effect.Allow,
            "private hosted zones and Resolver rules of the VPCs: these List actions have no resource-level"
                    + " permissions", List.of("*")),
    KMS_KEYS(Policy.READ_ACCOUNT, "KmsKeys", Effect.Allow, """
            the keys clusters name for ECS Exec: their state and key policy decide whether task roles
            may decrypt (a key policy that does not delegate to IAM must allow these reads itself)""",
            List.of("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*")),
    LOGS_LOG_GROUPS(Policy.READ_ACCOUNT, "LogsLogGroups", Effect.Allow,
            "whether an encrypted session log group exists and has a KMS key",
            List.of("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*")),
    S3_BUCKET_ENCRYPTION(Policy.READ_ACCOUNT, "S3BucketEncryption", Effect.Allow,
            "the encryption of session log buckets (their ARNs name no account)",
            List.of("arn:${AWS::Partition}:s3:::*")),

    // ----- remediation ---------------------------------------------------------------------------------------
    ATTACH_THE_SSMMESSAGES_POLICY(Policy.REMEDIATION, "AttachTheSsmmessagesPolicy", Effect.Allow, """
            Task role permissions: attach only the stack's ssmmessages policy, to roles of this account,
            never to the stack's own roles.""",
            List.of(iam("role/*")),
            new Condition("ArnEquals", "iam:PolicyARN", StackResource.SSMMESSAGES_POLICY)),
    NEVER_ATTACH_TO_ITS_OWN_ROLES(Policy.REMEDIATION, "NeverAttachToItsOwnRoles", Effect.Deny, null,
            List.of(StackResource.OWN_ROLES)),
    SEE_WHAT_A_TASK_ROLE_HAS_ATTACHED(Policy.REMEDIATION, "SeeWhatATaskRoleHasAttached", Effect.Allow, null,
            List.of(iam("role/*"))),

    // ----- session logging and KMS grants: only for the functions that may make them -------------------------
    ATTACH_THE_PROJECTS_SESSION_POLICIES(Policy.SESSION_GRANTS, "AttachTheProjectsSessionPolicies", Effect.Allow, """
            Session logging and kms:Decrypt grants: attach only the policies this project creates under
            its path (the planner makes them only for the account's own keys and log groups).""",
            List.of(iam("role/*")),
            new Condition("ArnLike", "iam:PolicyARN", iam("policy/ecs-exec-readiness/*"))),
    SESSION_POLICIES_UNDER_THE_PROJECT_PATH(Policy.SESSION_GRANTS, "SessionPoliciesUnderTheProjectPath",
            Effect.Allow, null, List.of(iam("policy/ecs-exec-readiness/*"))),

    // ----- the ssmmessages endpoint: only for the functions that may create one ------------------------------
    ONLY_SSMMESSAGES_ENDPOINTS_TAGGED_AS_OURS(Policy.ENDPOINT_FIXES, "OnlySsmmessagesEndpointsTaggedAsOurs",
            Effect.Allow, """
            ssmmessages endpoint: ec2:VpceServiceName is evaluated on the vpc-endpoint resource, so
            it gets its own statement; the VPC, subnets and groups it goes into are any of the
            account's, since which VPC is decided per service at run time.""",
            List.of(ec2("vpc-endpoint/*")),
            new Condition("StringEquals", "ec2:VpceServiceName", "com.amazonaws.${AWS::Region}.ssmmessages"),
            new Condition("Null", "aws:RequestTag/ecs-exec-readiness:created-by", "false")),
    ENDPOINT_PLACEMENT(Policy.ENDPOINT_FIXES, "EndpointPlacement", Effect.Allow, null,
            List.of(ec2("vpc/*"), ec2("subnet/*"), ec2("security-group/*"))),
    ENDPOINT_PRIVATE_DNS(Policy.ENDPOINT_FIXES, "EndpointPrivateDns", Effect.Allow, """
            Dependent action of CreateVpcEndpoint with private DNS: EC2 associates the VPC with the
            endpoint's private hosted zone, which AWS manages and whose id cannot be known before.""",
            List.of("arn:${AWS::Partition}:route53:::hostedzone/*")),
    ENDPOINT_SECURITY_GROUP_IN_ANY_VPC(Policy.ENDPOINT_FIXES, "EndpointSecurityGroupInAnyVpc", Effect.Allow, null,
            List.of(ec2("vpc/*"))),
    ONLY_SECURITY_GROUPS_TAGGED_AS_OURS(Policy.ENDPOINT_FIXES, "OnlySecurityGroupsTaggedAsOurs", Effect.Allow, null,
            List.of(ec2("security-group/*")),
            new Condition("Null", "aws:RequestTag/ecs-exec-readiness:created-by", "false")),
    TAG_ONLY_WHAT_IT_CREATES(Policy.ENDPOINT_FIXES, "TagOnlyWhatItCreates", Effect.Allow, null,
            List.of(ec2("vpc-endpoint/*"), ec2("security-group/*")),
            new Condition("StringEquals", "ec2:CreateAction", "CreateVpcEndpoint", "CreateSecurityGroup")),
    INGRESS_ONLY_INTO_GROUPS_IT_CREATED(Policy.ENDPOINT_FIXES, "IngressOnlyIntoGroupsItCreated", Effect.Allow, """
            IAM has no condition key for a rule's port or source: the tag keeps the rules to the
            groups this project created (an existing endpoint's group is its owner's to open).""",
            List.of(ec2("security-group/*")),
            new Condition("StringEquals", "aws:ResourceTag/ecs-exec-readiness:created-by", "ecs-exec-readiness")),
    LOOK_BEFORE_CREATING(Policy.ENDPOINT_FIXES, "LookBeforeCreating", Effect.Allow,
            "EC2 Describe actions have no resource-level permissions", List.of("*")),

    // ----- the exec redeployment and its ledger ----------------------------------------------------------------
    LOOK_BEFORE_REDEPLOYING(Policy.REMEDIATION, "LookBeforeRedeploying", Effect.Allow,
            "the rollout state, read again right before UpdateService", List.of(ecs("service/*/*"))),
    UPDATE_SERVICE_ONLY_TO_TURN_EXEC_ON(Policy.REMEDIATION, "UpdateServiceOnlyToTurnExecOn", Effect.Allow,
            "exec redeploy: only when the call turns exec on",
            List.of(ecs("service/*/*")),
            new Condition("StringEquals", "ecs:enable-execute-command", "true"),
            new Condition("ArnLike", "ecs:cluster", ecs("cluster/*"))),
    NEVER_UPDATE_SERVICE_WITHOUT_THE_EXEC_FLAG(Policy.REMEDIATION, "NeverUpdateServiceWithoutTheExecFlag",
            Effect.Deny, null, List.of(ecs("service/*/*")),
            new Condition("Null", "ecs:enable-execute-command", "true")),
    NEVER_UPDATE_OPTED_OUT_SERVICES(Policy.REMEDIATION, "NeverUpdateOptedOutServices", Effect.Deny, """
            UpdateService authorizes on the service's tags only; the cluster's opt-out tag and the
            protected environments (which a reviewed fix may lift) are enforced by the planner.""",
            List.of(ecs("service/*/*")),
            new Condition("StringEqualsIgnoreCase", "aws:ResourceTag/ecs-exec-readiness:auto-fix", "false")),
    LEDGER_ONLY(Policy.REMEDIATION, "LedgerOnly", Effect.Allow,
            "each part of a TransactWriteItems is authorized as its single-item action",
            List.of(StackResource.LEDGER_TABLE)),

    // ----- Security Hub findings -----------------------------------------------------------------------------
    IMPORT_INTO_OWN_PRODUCT(Policy.FINDINGS, "ImportIntoOwnProduct", Effect.Allow,
            "a custom integration may import only into its account's default product",
            List.of(securityHub("product/${AWS::AccountId}/default"))),
    READ_AND_RESOLVE_ON_OWN_HUB(Policy.FINDINGS, "ReadAndResolveOnOwnHub", Effect.Allow,
            "GetFindings and BatchUpdateFindings authorise on the hub",
            List.of(securityHub("hub/default"))),

    // ----- AWS Config rule -----------------------------------------------------------------------------------
    CONFIG_EVALUATIONS(Policy.CONFIG_RULE, "ConfigEvaluations", Effect.Allow,
            "none of these has resource-level permissions", List.of("*")),
    CONFIG_STALE_EVALUATIONS(Policy.CONFIG_RULE, "ConfigStaleEvaluations", Effect.Allow, """
            the periodic clean-up of deleted services, on any rule of the account: the rule's ARN holds
            an id Config generates and the rule depends on the function (in a member, Config names the
            organization rule's copy)""",
            List.of("arn:${AWS::Partition}:config:${AWS::Region}:${AWS::AccountId}:config-rule/*")),

    // ----- organisation --------------------------------------------------------------------------------------
    ASSUME_ONLY_THE_MEMBER_ROLE(Policy.MEMBER_ACCESS, "AssumeOnlyTheMemberRole", Effect.Allow, """
            the member role trusts this account; this names which role, and, with OrganizationId, that
            it must be in one of the organisation's accounts""",
            List.of("arn:${AWS::Partition}:iam::*:role/${MemberRoleName}"),
            Condition.when(StackResource.HAS_ORGANIZATION_ID, "StringEquals", "aws:ResourceOrgID",
                    StackResource.ORGANIZATION_ID)),
    LIST_THE_WHOLE_ORGANISATION(Policy.ORGANIZATION_LISTING, "ListTheWholeOrganisation", Effect.Allow,
            "no resource-level permissions", List.of("*")),
    WALK_THE_ORGANISATIONAL_UNITS(Policy.ORGANIZATION_LISTING, "WalkTheOrganisationalUnits", Effect.Allow,
            "the roots and OUs of any organisation it belongs to",
            List.of("arn:${AWS::Partition}:organizations::*:root/o-*/r-*",
                    "arn:${AWS::Partition}:organizations::*:ou/o-*/ou-*")),

    // ----- sweep ---------------------------------------------------------------------------------------------
    SEND_TO_THE_SWEEP_QUEUE(Policy.SWEEP_QUEUE, "SendToTheSweepQueue", Effect.Allow,
            "SendMessageBatch is authorized as SendMessage", List.of(StackResource.SWEEP_QUEUE)),

    // ----- the command line's preflight (no stack holds it: the person deploying runs it) --------------------
    PREFLIGHT_READS(Policy.PREFLIGHT, "PreflightReads", Effect.Allow,
            "reads only: Config recorders, the hub, every trail (shadow and organisation trails too)",
            List.of("*")),
    PREFLIGHT_ORGANISATIONAL_UNITS(Policy.PREFLIGHT, "PreflightOrganisationalUnits", Effect.Allow,
            "the roots and OUs given to the sweep",
            List.of("arn:${AWS::Partition}:organizations::*:root/o-*/r-*",
                    "arn:${AWS::Partition}:organizations::*:ou/o-*/ou-*")),

    // ----- the command line's cleanup (run before sam delete: only what the remediator created) --------------
    CLEANUP_FIND(Policy.CLEANUP, "CleanupFind", Effect.Allow,
            "ListPolicies and EC2 Describe actions have no resource-level permissions", List.of("*")),
    CLEANUP_PROJECT_POLICIES(Policy.CLEANUP, "CleanupProjectPolicies", Effect.Allow,
            "the policies under the project's path and the ssmmessages policy `fix` creates without a stack, no other",
            List.of(iam("policy/ecs-exec-readiness/*"), iam("policy/ecs-exec-readiness-ecs-exec-ssmmessages"))),
    CLEANUP_STACK_POLICY_ATTACHMENTS(Policy.CLEANUP, "CleanupStackPolicyAttachments", Effect.Allow,
            "the stacks' ssmmessages policies, under their own path: read where they are attached, never deleted",
            List.of(iam("policy/ecs-exec-readiness-stack/*"))),
    CLEANUP_DETACH_PROJECT_POLICIES(Policy.CLEANUP, "CleanupDetachProjectPolicies", Effect.Allow, null,
            List.of(iam("role/*")),
            new Condition("ArnLike", "iam:PolicyARN", iam("policy/ecs-exec-readiness/*"),
                    iam("policy/ecs-exec-readiness-ecs-exec-ssmmessages"), iam("policy/ecs-exec-readiness-stack/*"))),
    CLEANUP_DELETE_ONLY_WHAT_IS_TAGGED_AS_OURS(Policy.CLEANUP, "CleanupDeleteOnlyWhatIsTaggedAsOurs", Effect.Allow,
            "the endpoints and security groups the remediator tagged on create",
            List.of(ec2("vpc-endpoint/*"), ec2("security-group/*")),
            new Condition("StringEquals", "aws:ResourceTag/ecs-exec-readiness:created-by", "ecs-exec-readiness"));

    /** Resources that each template names in its own terms, written as a whole resource or condition value. */
    public static final class StackResource {
        /** The roles of the stack itself, which the remediator must never change. */
        public static final String OWN_ROLES = "${OwnRoles}";
        /** The customer managed policy with the ssmmessages channel actions that the stack creates for task roles. */
        public static final String SSMMESSAGES_POLICY = "${SsmmessagesPolicy}";
        /** The DynamoDB table of forced deployments. */
        public static final String LEDGER_TABLE = "${LedgerTable}";
        /** The SQS queue of the sweep's items. */
        public static final String SWEEP_QUEUE = "${SweepQueue}";
        /** The organisation the stack's parameter names. */
        public static final String ORGANIZATION_ID = "${OrganizationId}";
        /** The template's condition that the organisation is named (a condition's name, not a value). */
        public static final String HAS_ORGANIZATION_ID = "HasOrganizationId";

        private StackResource() {}
    }

    /** The policies of the stacks, each granted to the functions (or roles) that call what it allows. */
    public enum Policy {
        /** Describe, List and Get of ECS, IAM, EC2 and Route 53: every evaluation, and the command line's scan. */
        READ_ACCOUNT,
        /** The ssmmessages attachment and the exec redeployment, each scoped by conditions, and their ledger. */
        REMEDIATION,
        /**
         * The session logging and KMS policies: only for the reviewed-fix function, and for the automatic ones
         * when FixSessionGrants is true.
         */
        SESSION_GRANTS,
        /**
         * The ssmmessages endpoint, its security group and ingress: only for the reviewed-fix function, and for the
         * automatic ones when FixVpcEndpoints is true.
         */
        ENDPOINT_FIXES,
        /** The account's own Security Hub product and hub. */
        FINDINGS,
        /** The Config rule's evaluations and the reads of its periodic sweep. */
        CONFIG_RULE,
        /** The member role of the organisation's accounts. */
        MEMBER_ACCESS,
        /** The accounts of the organisational units a sweep covers. */
        ORGANIZATION_LISTING,
        /** The items of a sweep. */
        SWEEP_QUEUE,
        /** The command line's {@code preflight}, which no template holds: the reads of the target account. */
        PREFLIGHT,
        /** The command line's {@code cleanup}, which no template holds: it removes what the remediator created. */
        CLEANUP
    }

    /** An IAM policy statement's effect, as the policy writes it. */
    public enum Effect { Allow, Deny }

    /**
     * One condition: {@code operator: {key: values}}.
     *
     * @param onlyIf the template's condition under which the policy holds it ({@code Fn::If}, otherwise no
     *               Condition at all); null when it always does
     */
    public record Condition(String operator, String key, List<String> values, String onlyIf) {
        public Condition(String operator, String key, String... values) {
            this(operator, key, Arrays.asList(values), null);
        }

        public Condition {
            values = List.copyOf(values);
        }

        /** A condition the policy holds only where the template's condition {@code onlyIf} is true. */
        public static Condition when(String onlyIf, String operator, String key, String... values) {
            return new Condition(operator, key, Arrays.asList(values), onlyIf);
        }
    }

    private final Policy policy;
    private final String sid;
    private final Effect effect;
    private final String why;
    private final List<String> resources;
    private final List<Condition> conditions;

    PolicyStatement(Policy policy, String sid, Effect effect, String why, List<String> resources,
                    Condition... conditions) {
        this.policy = policy;
        this.sid = sid;
        this.effect = effect;
        this.why = why;
        this.resources = resources;
        this.conditions = List.of(conditions);
    }

    public Policy policy() {
        return policy;
    }

    public String sid() {
        return sid;
    }

    public Effect effect() {
        return effect;
    }

    /** Why the statement is scoped as it is, for the policy's comment; null when its Sid says it. */
    public String why() {
        return why;
    }

    public List<String> resources() {
        return resources;
    }

    public List<Condition> conditions() {
        return conditions;
    }

    private static String ecs(String resource) {
        return "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:" + resource;
    }

    private static String ec2(String resource) {
        return "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:" + resource;
    }

    private static String securityHub(String resource) {
        return "arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:" + resource;
    }

    private static String iam(String resource) {
        return "arn:${AWS::Partition}:iam::${AWS::AccountId}:" + resource;
    }
}
