package io.github.ecsexecreadiness.report.securityhub;

import io.github.ecsexecreadiness.model.Arns;
import java.util.Set;

/**
 * The services a publication of findings speaks for entirely: an ACTIVE finding of such a service that this
 * publication did not produce is stale (the service or the check is gone) and is archived. A service outside
 * the coverage keeps its findings: not having read it is not having found it gone.
 */
@FunctionalInterface
public interface Coverage {
    boolean covers(String serviceArn);

    /** Some services only (an event, a reviewed fix, a partial sweep): nothing else is archived. */
    Coverage NONE = serviceArn -> false;

    /** A complete sweep of the Region: every service's findings. */
    Coverage WHOLE_REGION = serviceArn -> true;

    /** Services of these clusters (names), every one of whose services was read. */
    static Coverage clusters(Set<String> clusterNames) {
        return serviceArn -> Arns.isServiceArn(serviceArn)
                && Arns.clusterOfService(serviceArn).filter(clusterNames::contains).isPresent();
    }

    /** Services of clusters other than these (names): the Region's list of clusters no longer holds theirs. */
    static Coverage clustersOtherThan(Set<String> clusterNames) {
        return serviceArn -> Arns.isServiceArn(serviceArn)
                && Arns.clusterOfService(serviceArn).filter(name -> !clusterNames.contains(name)).isPresent();
    }

    default Coverage or(Coverage other) {
        return serviceArn -> covers(serviceArn) || other.covers(serviceArn);
    }
}
