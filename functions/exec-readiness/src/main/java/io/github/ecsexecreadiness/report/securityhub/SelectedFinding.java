package io.github.ecsexecreadiness.report.securityhub;

import io.github.ecsexecreadiness.model.Arns;
import java.util.Optional;

/**
 * One selected finding, as far as this tool needs it; a field is null where the finding lacks it.
 * {@code accountId} and {@code region} (ASFF AwsAccountId and Region) say where it was produced: a delegated
 * administrator's console shows the member accounts' findings too.
 */
public record SelectedFinding(String id, String productArn, String generatorId, String checkId,
                              String serviceArn, String cluster, String accountId, String region) {

    /**
     * Why this tool does not act on it; empty when it is one of its own findings about an ECS service of the
     * finding's account. {@code ownProductArn} is that account's product in that Region: only the account
     * itself can import into it, so a finding there cannot speak for another account.
     */
    public Optional<String> foreignBecause(String ownProductArn) {
        if (id == null) {
            return Optional.of("the finding has no Id");
        }
        if (!ownProductArn.equals(productArn)) {
            return Optional.of("ProductArn " + productArn + " is not its account's and Region's " + ownProductArn);
        }
        if (generatorId == null || !generatorId.startsWith(FindingMapper.GENERATOR_PREFIX) || checkId == null) {
            return Optional.of("GeneratorId " + generatorId + " is not a check of this tool");
        }
        if (!Arns.isServiceArn(serviceArn)) {
            return Optional.of("Resources[0].Id " + serviceArn + " is not an ECS service ARN");
        }
        if (cluster == null) {
            return Optional.of("cannot tell the cluster of old-format service ARN " + serviceArn);
        }
        if (accountId != null && !Arns.account(serviceArn).orElse("").equals(accountId)) {
            return Optional.of("Resources[0].Id " + serviceArn + " is not a service of account " + accountId);
        }
        return Optional.empty();
    }
}
