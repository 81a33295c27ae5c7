package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.apply.IamWriter;
import io.github.ecsexecreadiness.collect.AwsApiException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Tag;

/** {@link IamWriter} over the AWS SDK. */
public final class SdkIamWriter implements IamWriter {
    private final IamClient iam;

    public SdkIamWriter(IamClient iam) {
        this.iam = Objects.requireNonNull(iam);
    }

    @Override
    public List<String> listAttachedRolePolicies(String roleName) {
        return call("IAM.ListAttachedRolePolicies", () -> iam.listAttachedRolePoliciesPaginator(r -> r.roleName(roleName))
                .attachedPolicies().stream().map(AttachedPolicy::policyArn).toList());
    }

    @Override
    public boolean policyExists(String policyArn) {
        try {
            call("IAM.GetPolicy", () -> iam.getPolicy(r -> r.policyArn(policyArn)));
            return true;
        } catch (AwsApiException e) {
            if ("NoSuchEntity".equals(e.errorCode())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public String createPolicy(String path, String policyName, String description, String document,
                               Map<String, String> tags) {
        return call("IAM.CreatePolicy", () -> iam.createPolicy(r -> r.path(path).policyName(policyName)
                .description(description).policyDocument(document)
                .tags(tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                        .toList())).policy().arn());
    }

    @Override
    public void attachRolePolicyTo(String roleName, String policyArn) {
        call("IAM.AttachRolePolicy", () -> iam.attachRolePolicy(r -> r.roleName(roleName).policyArn(policyArn)));
    }
}
