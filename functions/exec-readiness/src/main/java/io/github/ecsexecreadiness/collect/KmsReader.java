package io.github.ecsexecreadiness.collect;

import static io.github.ecsexecreadiness.iam.PolicyStatement.KMS_KEYS;

import io.github.ecsexecreadiness.iam.CallsAws;
import io.github.ecsexecreadiness.model.Kms;
import java.util.Optional;

/** Read-only AWS KMS operations. Implementations throw {@link AwsApiException} on an AWS error. */
public interface KmsReader {

    /**
     * DescribeKey then GetKeyPolicy of the key a cluster names (key id, key ARN, alias name or alias ARN); empty
     * when the key does not exist.
     */
    @CallsAws(operation = "KMS.DescribeKey", statements = KMS_KEYS)
    @CallsAws(operation = "KMS.GetKeyPolicy", statements = KMS_KEYS)
    Optional<Kms.Key> key(String keyId);
}
