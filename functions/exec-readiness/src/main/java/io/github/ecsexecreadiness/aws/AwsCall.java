package io.github.ecsexecreadiness.aws;

import io.github.ecsexecreadiness.collect.AwsApiException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Runs one AWS operation and turns SDK exceptions into {@link AwsApiException}, the collector's only error type. */
final class AwsCall {
    private AwsCall() {}

    /**
     * {@code body} must finish the whole operation, paginators included (they are lazy): an exception
     * thrown while iterating outside would escape untranslated.
     */
    static <T> T call(String operation, Supplier<T> body) {
        try {
            return body.get();
        } catch (AwsServiceException e) {
            var details = e.awsErrorDetails();
            String code = details == null || details.errorCode() == null ? "HTTP " + e.statusCode() : details.errorCode();
            String message = details == null ? e.getMessage() : details.errorMessage();
            throw new AwsApiException(operation, code, message, e);
        } catch (SdkClientException e) {
            throw new AwsApiException(operation, "ClientError", e.getMessage(), e);
        }
    }
}
