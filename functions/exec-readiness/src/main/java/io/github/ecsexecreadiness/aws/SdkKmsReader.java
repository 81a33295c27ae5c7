package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.collect.KmsReader;
import io.github.ecsexecreadiness.model.Kms;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/** {@link KmsReader} over the AWS SDK. */
public final class SdkKmsReader implements KmsReader {
    /** A key has one key policy, and this is its name. */
    private static final String KEY_POLICY_NAME = "default";

    private final KmsClient kms;

    public SdkKmsReader(KmsClient kms) {
        this.kms = Objects.requireNonNull(kms);
    }

    @Override
    public Optional<Kms.Key> key(String keyId) {
        KeyMetadata metadata;
        try {
            metadata = call("KMS.DescribeKey", () -> kms.describeKey(r -> r.keyId(keyId)).keyMetadata());
        } catch (AwsApiException e) {
            if ("NotFoundException".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
        // By ARN: an alias resolves through DescribeKey, and GetKeyPolicy takes only a key id or ARN.
        String policy = call("KMS.GetKeyPolicy",
                () -> kms.getKeyPolicy(r -> r.keyId(metadata.arn()).policyName(KEY_POLICY_NAME)).policy());
        return Optional.of(new Kms.Key(metadata.arn(), metadata.keyStateAsString(), policy));
    }
}
