package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.collect.S3Reader;
import io.github.ecsexecreadiness.model.S3;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link S3Reader} over the AWS SDK; the client follows buckets into their own Region. */
public final class SdkS3Reader implements S3Reader {
    private final S3Client s3;

    public SdkS3Reader(S3Client s3) {
        this.s3 = Objects.requireNonNull(s3);
    }

    @Override
    public Optional<S3.BucketEncryption> bucketEncryption(String bucket) {
        try {
            return Optional.of(call("S3.GetBucketEncryption", () -> new S3.BucketEncryption(bucket,
                    s3.getBucketEncryption(r -> r.bucket(bucket)).serverSideEncryptionConfiguration().rules().stream()
                            .filter(rule -> rule.applyServerSideEncryptionByDefault() != null)
                            .map(rule -> rule.applyServerSideEncryptionByDefault().sseAlgorithmAsString())
                            .toList())));
        } catch (AwsApiException e) {
            return switch (e.errorCode()) {
                case "NoSuchBucket" -> Optional.empty();
                // Buckets made before January 2023 may have no configuration (newer ones always have SSE-S3).
                case "ServerSideEncryptionConfigurationNotFoundError" -> Optional.of(new S3.BucketEncryption(bucket,
                        List.of()));
                default -> throw e;
            };
        }
    }
}
