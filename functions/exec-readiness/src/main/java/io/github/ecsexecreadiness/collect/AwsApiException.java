package io.github.ecsexecreadiness.collect;

/**
 * An AWS API call that failed, stripped of SDK types so the collector and the in-memory account share it.
 * {@code errorCode} is AWS's code (AccessDeniedException, ThrottlingException, NoSuchEntity...).
 */
public class AwsApiException extends RuntimeException {
    private final String operation;
    private final String errorCode;

    public AwsApiException(String operation, String errorCode, String message) {
        this(operation, errorCode, message, null);
    }

    /** @param cause the SDK's exception, kept for {@code --debug} and to tell a network failure from another */
    public AwsApiException(String operation, String errorCode, String message, Throwable cause) {
        super(operation + ": " + errorCode + (message == null || message.isBlank() ? "" : " (" + message + ")"),
                cause);
        this.operation = operation;
        this.errorCode = errorCode;
    }

    /** {@code Service.Operation}, e.g. {@code ECS.DescribeServices}. */
    public String operation() {
        return operation;
    }

    public String errorCode() {
        return errorCode;
    }

    public boolean isAccessDenied() {
        return errorCode != null && (errorCode.startsWith("AccessDenied") || errorCode.equals("UnauthorizedOperation")
                || errorCode.equals("UnauthorizedAccess"));
    }
}
