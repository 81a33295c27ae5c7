package io.github.ecsexecreadiness.collect;

import static io.github.ecsexecreadiness.iam.PolicyStatement.S3_BUCKET_ENCRYPTION;

import io.github.ecsexecreadiness.iam.CallsAws;
import io.github.ecsexecreadiness.model.S3;
import java.util.Optional;

/** Read-only Amazon S3 operations. Implementations throw {@link AwsApiException} on an AWS error. */
public interface S3Reader {

    /**
     * GetBucketEncryption of a bucket in any Region; an answer without rules when the bucket has no encryption
     * configuration, empty when the bucket does not exist.
     */
    @CallsAws(operation = "S3.GetBucketEncryption", action = "s3:GetEncryptionConfiguration",
            statements = S3_BUCKET_ENCRYPTION)
    Optional<S3.BucketEncryption> bucketEncryption(String bucket);
}
