package io.github.ecsexecreadiness.cli.preflight;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * AWS's limit on a name: its longest length and, where AWS narrows it, its pattern. {@link #STACK_NAME} is what
 * {@code preflight} checks a stack name against; {@link #DERIVED} holds the limit of every name the templates
 * derive from the stack or from a parameter, by resource type and property ({@code DerivedNamesTest} fails on a
 * derived name it does not list, and checks each at the longest stack name {@link #STACK_NAME} accepts).
 */
public record NameLimit(int maxLength, Pattern pattern) {
    /** CloudFormation's stack name: a letter, then letters, digits and hyphens; 128 characters. */
    public static final NameLimit STACK_NAME = of(128, "[A-Za-z][-A-Za-z0-9]*");

    public static final Map<String, NameLimit> DERIVED = Map.ofEntries(
            Map.entry("AWS::Serverless::Function FunctionName", of(64, "[a-zA-Z0-9-_]+")),
            Map.entry("AWS::Serverless::Function RolePath", of(512, "/|/[\\x21-\\x7E]*/")),
            Map.entry("AWS::Logs::LogGroup LogGroupName", of(512, "[.\\-_/#A-Za-z0-9]+")),
            Map.entry("AWS::Config::ConfigRule ConfigRuleName", of(128, ".+")),
            Map.entry("AWS::Config::OrganizationConfigRule OrganizationConfigRuleName", of(64, ".+")),
            Map.entry("AWS::Events::EventBusPolicy StatementId", of(64, "[a-zA-Z0-9-_]+")),
            Map.entry("AWS::SecurityHub::ActionTarget Id", of(20, "[A-Za-z0-9]+")),
            Map.entry("AWS::IAM::Role RoleName", of(64, "[\\w+=,.@-]+")),
            Map.entry("AWS::IAM::ManagedPolicy ManagedPolicyName", of(128, "[\\w+=,.@-]+")),
            Map.entry("AWS::IAM::ManagedPolicy Path", of(512, "/|/[\\x21-\\x7E]*/")));

    private static NameLimit of(int maxLength, String pattern) {
        return new NameLimit(maxLength, Pattern.compile(pattern));
    }

    /** The limit on a resource type's name property, or null when {@link #DERIVED} does not list it. */
    public static NameLimit of(String resourceType, String property) {
        return DERIVED.get(resourceType + " " + property);
    }

    public boolean accepts(String name) {
        return name.length() <= maxLength && pattern.matcher(name).matches();
    }
}
