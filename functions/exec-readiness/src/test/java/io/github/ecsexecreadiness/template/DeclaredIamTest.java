package io.github.ecsexecreadiness.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.aws.MemberAccounts;
import io.github.ecsexecreadiness.aws.SdkEcsReader;
import io.github.ecsexecreadiness.aws.SdkIamReader;
import io.github.ecsexecreadiness.iam.CallsAws;
import io.github.ecsexecreadiness.iam.PolicyStatement;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;

/**
 * Every AWS call the code makes is declared with the IAM it needs ({@link CallsAws}), read from the compiled
 * classes rather than from their source: a call added without its declaration, or a declaration left behind
 * without its call, fails here; the policies are generated from the declarations (GeneratedIamTest).
 */
class DeclaredIamTest {

    @Test
    void everyClassCallsExactlyTheOperationsItDeclares() {
        assertEquals(List.of(), IamDeclarations.ofMainClasses().violations());
    }

    /** The scan sees every call, however it is written: paginators, lambdas, credentials providers. */
    @Test
    void theScanSeesEveryCallOfAClass() {
        var calls = IamDeclarations.ofMainClasses().calls();
        assertEquals(Set.of("ecs.ListClusters", "ecs.DescribeClusters", "ecs.ListServices", "ecs.DescribeServices",
                "ecs.ListTasks", "ecs.DescribeTasks", "ecs.DescribeTaskDefinition", "ecs.ListContainerInstances",
                "ecs.DescribeContainerInstances"),
                calls.get(SdkEcsReader.class.getName()));
        assertEquals(Set.of("iam.GetAccountAuthorizationDetails", "iam.GetRole", "iam.ListRolePolicies",
                "iam.GetRolePolicy", "iam.ListAttachedRolePolicies", "iam.GetPolicy", "iam.GetPolicyVersion"),
                calls.get(SdkIamReader.class.getName()));
        assertEquals(Set.of("sts.AssumeRole"), calls.get(MemberAccounts.class.getName()));
    }

    @Test
    void aCallWithoutItsDeclarationAndADeclarationWithoutItsCallAreCaught() {
        assertEquals(List.of(
                CallsWhatItDoesNotDeclare.class.getName() + " calls ecs.ListClusters without declaring it"
                        + " (@CallsAws on the method or its interface)",
                CallsWhatItDoesNotDeclare.class.getName() + " declares ecs.DescribeClusters but never calls it"),
                IamDeclarations.of(CallsWhatItDoesNotDeclare.class).violations());
        assertEquals(List.of(), IamDeclarations.of(DeclaresWhatItCalls.class).violations());
        assertEquals(Set.of("ecs.ListClusters", "ecs.DescribeClusters"),
                IamDeclarations.of(DeclaresWhatItCalls.class).calls().get(DeclaresWhatItCalls.class.getName()));
    }

    /** A waiter sends Describe calls the scan cannot name: such SDK helpers must be taught to it first. */
    @Test
    void anSdkHelperThatCallsAwsOnItsOwnIsCaught() {
        List<String> violations = IamDeclarations.of(WaitsWithTheSdk.class).violations();
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.getFirst().contains("software/amazon/awssdk/services/ecs/waiters/EcsWaiter"),
                violations.getFirst());
    }

    @Test
    void everyStatementNamesAnActionAndEveryActionItsOperationsService() {
        List<IamDeclarations.Declaration> declarations = IamDeclarations.ofMainClasses().declarations();
        Set<PolicyStatement> named = EnumSet.noneOf(PolicyStatement.class);
        declarations.forEach(d -> named.addAll(d.statements()));
        assertEquals(EnumSet.allOf(PolicyStatement.class), named, "a statement no declaration names");
        declarations.forEach(d -> assertTrue(d.action().startsWith(
                iamPrefix(d.operation().substring(0, d.operation().indexOf('.'))) + ":")
                || DEPENDENT_ACTIONS.contains(d.operation() + " -> " + d.action()), d.toString()));
    }

    /** The IAM service prefix of an SDK service: its name in lower case, but logs for CloudWatchLogs. */
    private static String iamPrefix(String sdkService) {
        String lower = sdkService.toLowerCase(Locale.ROOT);
        return lower.equals("cloudwatchlogs") ? "logs" : lower;
    }

    /** Actions of another service that AWS lists as dependent actions of an operation (Service Authorization Reference). */
    private static final Set<String> DEPENDENT_ACTIONS = Set.of(
            "EC2.CreateVpcEndpoint -> route53:AssociateVPCWithHostedZone");

    // ----- classes the scan is tried on ----------------------------------------------------------------------

    interface Lister {
        @CallsAws(operation = "ECS.DescribeClusters", statements = PolicyStatement.ECS_DESCRIBE)
        List<String> clusters();
    }

    static final class CallsWhatItDoesNotDeclare implements Lister {
        private final EcsClient ecs;

        CallsWhatItDoesNotDeclare(EcsClient ecs) {
            this.ecs = ecs;
        }

        @Override
        public List<String> clusters() {
            return ecs.listClustersPaginator(r -> r.maxResults(10)).clusterArns().stream().toList();
        }
    }

    static final class DeclaresWhatItCalls {
        private final EcsClient ecs;

        DeclaresWhatItCalls(EcsClient ecs) {
            this.ecs = ecs;
        }

        @CallsAws(operation = "ECS.ListClusters", statements = PolicyStatement.ECS_LIST_AND_TASK_DEFINITIONS)
        @CallsAws(operation = "ECS.DescribeClusters", statements = PolicyStatement.ECS_DESCRIBE)
        List<String> clusters() {
            Supplier<ListClustersResponse> list = ecs::listClusters; // a method reference
            return ecs.describeClusters(r -> r.clusters(list.get().clusterArns())).clusters().stream()
                    .map(c -> c.clusterName()).toList();
        }
    }

    static final class WaitsWithTheSdk {
        void waitFor(EcsClient ecs) {
            ecs.waiter().waitUntilServicesStable(r -> r.cluster("c").services("s"));
        }
    }
}
