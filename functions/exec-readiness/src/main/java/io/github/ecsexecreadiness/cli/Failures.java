package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.collect.AwsApiException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * An error that stops a command, as one line a person can act on (exit code 2): no credentials, an expired or
 * rejected token, access denied (naming the IAM action), an endpoint that cannot be reached. The SDK's own text,
 * such as its 1,500-character dump of the credential provider chain, is kept for {@code --debug}, which prints
 * the full cause after the line.
 */
final class Failures {
    /** How AWS says the session token is past its expiry: JSON protocols, query protocols, EC2 (aws-sdk-go #253). */
    private static final Set<String> EXPIRED = Set.of("ExpiredTokenException", "ExpiredToken", "RequestExpired");
    private static final Set<String> REJECTED = Set.of("InvalidClientTokenId", "UnrecognizedClientException",
            "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature", "AuthFailure",
            "InvalidAccessKeyId");
    /** The IAM prefix of each service as {@code ApiCalls} names it. */
    private static final Map<String, String> IAM_PREFIX = Map.of("ECS", "ecs", "IAM", "iam", "EC2", "ec2",
            "DynamoDB", "dynamodb", "Config", "config", "SecurityHub", "securityhub", "CloudTrail", "cloudtrail",
            "Organizations", "organizations", "STS", "sts");
    static final String WAYS_TO_SIGN_IN = "pass --profile NAME (a profile of ~/.aws/config), set AWS_PROFILE, "
            + "export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or run "
            + "`aws sso login --profile NAME` for an IAM Identity Center profile";

    /** The SDK's words for a named profile that is missing or holds no credentials. */
    private static final Pattern PROFILE = Pattern.compile("(?:no credentials for profile|No profile named|"
            + "profile file contained no credentials for profile) '?([^' :]+)");

    private Failures() {}

    /** Prints the line (and with {@code debug} the stack trace); returns exit code 2. */
    static int report(Exception e, boolean debug, PrintStream err, String command) {
        err.println("error: " + line(e, command));
        if (debug) {
            e.printStackTrace(err);
        }
        return ExitCode.ERROR;
    }

    static String line(Exception e, String command) {
        if (e instanceof AwsApiException api) {
            String code = api.errorCode();
            if (EXPIRED.contains(code)) {
                return api.operation() + ": the session token has expired (" + code + "): get new credentials ("
                        + "`aws sso login --profile NAME`, or new temporary keys) and run again";
            }
            if (REJECTED.contains(code)) {
                return api.operation() + ": AWS rejected the credentials (" + code + "): check the access key, "
                        + "secret and session token of the profile or environment in use";
            }
            if (api.isAccessDenied()) {
                return api.getMessage() + " - the credentials need " + action(api.operation())
                        + ": attach a policy allowing it (the README lists every action `" + command + "` calls)";
            }
            if (api.getCause() instanceof SdkClientException client) {
                return api.operation() + ": " + clientLine(client);
            }
            return api.getMessage();
        }
        if (e instanceof SdkClientException client) {
            return clientLine(client);
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** {@code ECS.ListClusters} is {@code ecs:ListClusters}. */
    static String action(String operation) {
        int dot = operation.indexOf('.');
        String service = operation.substring(0, dot);
        return IAM_PREFIX.getOrDefault(service, service.toLowerCase(Locale.ROOT)) + ":" + operation.substring(dot + 1);
    }

    /** A failure before AWS answered: credentials not found, or the endpoint not reached. */
    private static String clientLine(SdkClientException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Unable to load credentials")) {
            return "no AWS credentials found: " + WAYS_TO_SIGN_IN;
        }
        Matcher profile = PROFILE.matcher(message);
        if (profile.find()) {
            return "profile " + profile.group(1) + " has no credentials in ~/.aws/config or ~/.aws/credentials: "
                    + WAYS_TO_SIGN_IN;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException unknown) {
                return "cannot reach AWS: the host " + unknown.getMessage() + " is not known (no network or DNS, a "
                        + "mistyped Region or --endpoint-url)";
            }
            if (cause instanceof ConnectException refused) {
                return "cannot reach AWS: " + refused.getMessage() + " (is --endpoint-url right and the server up?)";
            }
            if (cause instanceof SocketTimeoutException || cause instanceof ApiCallTimeoutException) {
                return "cannot reach AWS: no answer in time (a proxy or firewall in the way, or --endpoint-url wrong)";
            }
        }
        return firstSentence(message);
    }

    private static String firstSentence(String message) {
        int end = message.indexOf(". ");
        return end < 0 ? message : message.substring(0, end);
    }
}
