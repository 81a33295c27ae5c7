package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ecsexecreadiness.collect.AwsApiException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

class AwsCallTest {

    @Test
    void serviceErrorsKeepAwsErrorCodeAndMessage() {
        var error = assertThrows(AwsApiException.class, () -> AwsCall.call("IAM.GetRole", () -> {
            throw NoSuchEntityException.builder().statusCode(404).awsErrorDetails(AwsErrorDetails.builder()
                    .errorCode("NoSuchEntity").errorMessage("The role with name x cannot be found.").build()).build();
        }));

        assertEquals("IAM.GetRole", error.operation());
        assertEquals("NoSuchEntity", error.errorCode());
        assertEquals("IAM.GetRole: NoSuchEntity (The role with name x cannot be found.)", error.getMessage());
    }

    @Test
    void clientErrorsBecomeClientError() {
        var error = assertThrows(AwsApiException.class, () -> AwsCall.call("EC2.DescribeSubnets", () -> {
            throw SdkClientException.create("Unable to execute HTTP request: connect timed out");
        }));

        assertEquals("EC2.DescribeSubnets", error.operation());
        assertEquals("ClientError", error.errorCode());
    }

    @Test
    void serviceErrorsWithoutDetailsUseTheHttpStatus() {
        var error = assertThrows(AwsApiException.class, () -> AwsCall.call("ECS.ListClusters", () -> {
            throw software.amazon.awssdk.services.ecs.model.EcsException.builder().statusCode(503).build();
        }));

        assertEquals("HTTP 503", error.errorCode());
    }
}
