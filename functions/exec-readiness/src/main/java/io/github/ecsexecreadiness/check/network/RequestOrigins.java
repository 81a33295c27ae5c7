package io.github.ecsexecreadiness.check.network;

import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Status;
import io.github.ecsexecreadiness.iam.RequestContext;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The request contexts of the calls a service's agents make to one AWS endpoint, as the network path that
 * {@code network.ssmmessages} computes decides them: one per placement of its tasks. Through an interface
 * endpoint a call carries {@code aws:SourceVpce} and {@code aws:SourceVpc}; through a NAT gateway or a public IP
 * it carries neither; where the path is not decided (a proxy, a path resolved in another VPC, unreadable data, no
 * path at all) only {@code aws:RequestedRegion} is known.
 */
public final class RequestOrigins {
    private RequestOrigins() {}

    /** The distinct contexts of calls to {@code name} ({@code ssmmessages}, {@code kms}) from the service's tasks. */
    public static List<RequestContext> of(ServiceFacts facts, String name) {
        Destination destination = Destination.of(name, facts.region(), false);
        RequestContext undecided = RequestContext.inRegion(facts.region(), "in " + facts.region());
        if (proxied(facts, destination)) {
            return List.of(RequestContext.inRegion(facts.region(), "through a proxy, in " + facts.region()));
        }
        SsmmessagesPath path = new SsmmessagesPath(facts, destination);
        LinkedHashSet<RequestContext> contexts = new LinkedHashSet<>();
        for (Placements.Located located : Placements.of(facts)) {
            Verdict verdict = switch (located) {
                case Placements.Placement placement -> path.evaluate(placement);
                case Verdict without -> without;
            };
            Verdict.Egress egress = verdict.egress();
            contexts.add(verdict.status() == Status.PASS && egress != null
                    ? RequestContext.fromVpc(facts.region(), egress.vpcEndpointId(), egress.vpcId(),
                            "for " + verdict.where() + " " + egress.how())
                    : undecided);
        }
        return contexts.isEmpty() ? List.of(undecided) : List.copyOf(contexts);
    }

    /** A container whose agent reaches the endpoint through an HTTPS proxy: the VPC path is not the one used. */
    private static boolean proxied(ServiceFacts facts, Destination destination) {
        for (Ecs.TaskDefinition taskDefinition : facts.taskDefinitionsInUse()) {
            for (Ecs.ContainerDefinition container : taskDefinition.containerDefinitions()) {
                if (Proxies.httpsProxyFor(container, destination.host()).isPresent()
                        || Proxies.set(container, Proxies.HTTPS_PROXY).isEmpty()
                        && Proxies.fromSecret(container, Proxies.HTTPS_PROXY).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }
}
