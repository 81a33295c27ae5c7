package io.github.ecsexecreadiness.cli.preflight;

import java.util.List;

/**
 * A name the template derives from the stack name, with AWS's limit on it. {@code PreflightTemplateTest} reads
 * template.yaml and fails when it derives a name that {@link #ALL} does not list, or lists one it no longer has.
 *
 * @param resourceType the CloudFormation (or SAM) type of the resource carrying the name
 * @param property     the property, as a path below Properties
 * @param pattern      the name with {@code ${AWS::StackName}} where the stack name goes
 * @param maxLength    the longest value AWS accepts for that property
 */
public record DerivedName(String resourceType, String property, String pattern, int maxLength) {
    public static final String STACK_NAME = "${AWS::StackName}";

    /** CloudFormation's own limit on a stack name, and its pattern. */
    public static final int STACK_NAME_MAX = 128;
    public static final String STACK_NAME_PATTERN = "[A-Za-z][-A-Za-z0-9]*";

    /** Lambda FunctionName, 64 characters (the name form; an ARN may be longer). */
    private static final int FUNCTION_NAME = 64;
    /** CloudWatch Logs LogGroupName, 512. */
    private static final int LOG_GROUP_NAME = 512;
    /** An IAM path, 512. */
    private static final int IAM_PATH = 512;

    public static final List<DerivedName> ALL = List.of(
            new DerivedName("AWS::IAM::ManagedPolicy", "ManagedPolicyName", "${AWS::StackName}-ecs-exec-ssmmessages", 128),
            new DerivedName("AWS::Events::EventBusPolicy", "StatementId", "${AWS::StackName}-organisation-ecs-events", 64),
            new DerivedName("AWS::Config::ConfigRule", "ConfigRuleName", "${AWS::StackName}", 128),
            new DerivedName("AWS::Config::OrganizationConfigRule", "OrganizationConfigRuleName", "${AWS::StackName}", 64),
            function("config-rule"), function("deployment-events"), function("scheduled-sweep"),
            function("sweep-items"), function("reviewed-fix"),
            logGroup("config-rule"), logGroup("deployment-events"), logGroup("scheduled-sweep"),
            logGroup("sweep-items"), logGroup("reviewed-fix"),
            new DerivedName("AWS::Serverless::Function", "RolePath", "/${AWS::StackName}/", IAM_PATH));

    private static DerivedName function(String suffix) {
        return new DerivedName("AWS::Serverless::Function", "FunctionName", "${AWS::StackName}-" + suffix, FUNCTION_NAME);
    }

    private static DerivedName logGroup(String suffix) {
        return new DerivedName("AWS::Logs::LogGroup", "LogGroupName", "/aws/lambda/${AWS::StackName}-" + suffix,
                LOG_GROUP_NAME);
    }

    /** The name this stack name gives. */
    public String with(String stackName) {
        return pattern.replace(STACK_NAME, stackName);
    }

    /** The longest stack name this name fits. */
    public int longestStackName() {
        return maxLength - (pattern.length() - STACK_NAME.length());
    }
}
