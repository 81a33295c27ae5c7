package io.github.ecsexecreadiness.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.collect.OrganizationReader;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.memory.InMemoryOrganization;
import io.github.ecsexecreadiness.memory.InMemorySecurityHub;
import io.github.ecsexecreadiness.memory.InMemorySweepQueue;
import io.github.ecsexecreadiness.report.securityhub.Finding.RecordState;
import io.github.ecsexecreadiness.sweep.RegionSweep;
import io.github.ecsexecreadiness.sweep.SweepFanOut.ItemsNotQueuedException;
import io.github.ecsexecreadiness.sweep.SweepItem;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An organisation of three accounts in two Regions, swept from the central account: the schedule queues one
 * item per account and Region, each item is swept in its own account through that account's role and reports
 * to its own hub, a member whose role cannot be assumed fails alone, and a sweep near the timeout continues
 * where it stopped.
 */
@ReadsRepositoryFiles
class OrganizationSweepTest {
    private static final String CENTRAL = Organization.CENTRAL;
    private static final String MEMBER = Organization.MEMBER;
    private static final String OTHER_MEMBER = Organization.OTHER_MEMBER;
    private static final String HOME = Organization.REGION;
    private static final String OTHER_REGION = "us-east-1";
    private static final String ROLE = Organization.ROLE;
    private static final String SCHEDULE = HandlerFixture.sample("scheduled-sweep.json");
    private static final String SUSPENDED = "999999999999";
    private static final String WORKLOADS = "ou-abcd-11111111";

    /** Every account in two Regions, each service with ECS Exec off, so that each has findings of its own. */
    private final Organization org = new Organization(HOME, OTHER_REGION);
    /**
     * The central account under the root; the workloads OU holds a member and a child OU with the other member
     * and a suspended account.
     */
    private final InMemoryOrganization organization = new InMemoryOrganization("r-abcd")
            .account(CENTRAL, "r-abcd")
            .ou(WORKLOADS, "r-abcd").account(MEMBER, WORKLOADS)
            .ou("ou-abcd-22222222", WORKLOADS).account(OTHER_MEMBER, "ou-abcd-22222222")
            .account(SUSPENDED, "ou-abcd-22222222", "SUSPENDED");
    private final InMemorySweepQueue queue = new InMemorySweepQueue();
    private boolean withMembers = true;
    private List<String> scope = List.of(CENTRAL, WORKLOADS);
    private List<String> regions = List.of(HOME, OTHER_REGION);
    private int clustersPerBatch = RegionSweep.CLUSTERS_PER_BATCH;

    OrganizationSweepTest() {
        for (String account : List.of(CENTRAL, MEMBER, OTHER_MEMBER)) {
            org.execOff(account, HOME).execOff(account, OTHER_REGION);
        }
    }

    private InMemoryAccount account(String account, String region) {
        return org.account(account, region);
    }

    private Wiring.Sweeping sweepWiring() {
        return new Wiring.Sweeping(queue, scope, organization, regions, clustersPerBatch);
    }

    private JsonNode schedule() throws IOException {
        return Organization.invoke(new ScheduledSweepHandler(org.wiring(withMembers).with(sweepWiring())), SCHEDULE,
                null);
    }

    /** Delivers every queued item (continuations included) as its own SQS event, with no deadline. */
    private Map<SweepItem, JsonNode> deliverAll() throws IOException {
        Map<SweepItem, JsonNode> responses = new LinkedHashMap<>();
        for (var item = queue.receive(); item.isPresent(); item = queue.receive()) {
            responses.put(item.get(), deliver(item.get(), RegionSweep.Deadline.NONE));
        }
        return responses;
    }

    private JsonNode deliver(SweepItem item, RegionSweep.Deadline deadline) throws IOException {
        return Organization.invoke(new SweepItemHandler(org.wiring(withMembers).with(sweepWiring())),
                HandlerFixture.sqsEvent(item), new FakeContext(deadline));
    }

    private List<JsonNode> logLines(String level, String message) {
        return org.logLines(level, message);
    }

    @Test
    void theScheduleQueuesOneItemPerAccountAndRegionAndReadsNothing() throws IOException {
        JsonNode result = schedule();

        assertEquals("queued", result.path("status").asText(), result.toString());
        assertEquals(6, result.path("items").asInt());
        List<String> queued = queue.sent().stream().map(i -> i.account() + "/" + i.region() + "/" + i.part()).toList();
        assertEquals(List.of(CENTRAL + "/" + HOME + "/1", CENTRAL + "/" + OTHER_REGION + "/1", MEMBER + "/" + HOME + "/1",
                MEMBER + "/" + OTHER_REGION + "/1", OTHER_MEMBER + "/" + HOME + "/1", OTHER_MEMBER + "/" + OTHER_REGION + "/1"),
                queued);
        assertEquals(1, queue.calls, "six items fit one SendMessageBatch");
        assertTrue(queue.sent().stream().allMatch(i -> i.sweepId().equals("2026-11-21T06:00:00Z")));
        assertTrue(org.opened.isEmpty(), "no role assumed by the schedule");
        org.accounts.values().forEach(a -> assertEquals(0, a.apiCalls().total()));
    }

    @Test
    void theRootStandsForEveryActiveAccountOfTheOrganisation() throws IOException {
        scope = List.of("r-abcd");

        schedule();

        assertEquals(List.of(CENTRAL, MEMBER, OTHER_MEMBER), queue.sent().stream().map(SweepItem::account).distinct()
                .toList());
        JsonNode left = logLines("INFO", "account not swept: not ACTIVE in the organisation").get(0);
        assertEquals(SUSPENDED, left.path("account").asText());
        assertEquals("SUSPENDED", left.path("state").asText());
        assertEquals(1, organization.apiCalls().total(), "one ListAccounts: " + organization.apiCalls().snapshot());
    }

    @Test
    void anOrganisationThatCannotBeReadQueuesNothing() {
        scope = List.of(WORKLOADS);
        OrganizationReader denied = new OrganizationReader() {
            @Override public List<Account> listAccounts() {
                throw new AwsApiException("Organizations.ListAccounts", "AccessDeniedException", "not a delegated administrator");
            }
            @Override public List<Account> listAccountsForParent(String parentId) {
                throw new AwsApiException("Organizations.ListAccountsForParent", "AccessDeniedException",
                        "You don't have permissions to access this resource.");
            }
            @Override public List<String> listOrganizationalUnitsForParent(String parentId) {
                throw new AssertionError("not reached");
            }
        };

        AwsApiException error = assertThrows(AwsApiException.class, () -> Organization.invoke(
                new ScheduledSweepHandler(org.wiring(true).with(new Wiring.Sweeping(queue, scope, denied, regions,
                        clustersPerBatch))), SCHEDULE,
                null));

        assertEquals("Organizations.ListAccountsForParent", error.operation());
        assertTrue(queue.sent().isEmpty(), "failed before anything was queued: the schedule's retry starts clean");
    }

    @Test
    void everyAccountAndRegionIsSweptInItsOwnAccountAndReportsToItsOwnHub() throws IOException {
        schedule();

        Map<SweepItem, JsonNode> responses = deliverAll();

        assertEquals(6, responses.size());
        responses.values().forEach(r -> assertEquals(0, r.path("batchItemFailures").size(), r.toString()));
        // The central account's home Region with its own readers; everything else through the member role,
        // the central account in another Region too (its stack's policies are scoped to its Region).
        assertEquals(List.of(CENTRAL + "/" + OTHER_REGION, MEMBER + "/" + HOME, MEMBER + "/" + OTHER_REGION,
                OTHER_MEMBER + "/" + HOME, OTHER_MEMBER + "/" + OTHER_REGION), org.opened);
        org.accounts.forEach((key, account) -> {
            assertTrue(account.apiCalls().total() > 0, key + " was read");
            var findings = org.hubs.get(key).all().values();
            assertFalse(findings.isEmpty(), key + " has its findings");
            findings.forEach(stored -> {
                assertEquals(account.accountId(), stored.finding().awsAccountId(), key);
                assertEquals(account.serviceArn("shop", "web"), stored.finding().resource().id(), "only its own service");
            });
        });
        assertEquals(6, logLines("INFO", "sweep item swept").size());
    }

    @Test
    void aMemberWhoseRoleCannotBeAssumedFailsAloneAndIsReceivedAgain() throws IOException {
        org.denied.add(MEMBER);
        schedule();

        Map<SweepItem, JsonNode> responses = deliverAll();

        responses.forEach((item, response) -> {
            List<String> failed = response.path("batchItemFailures").findValuesAsText("itemIdentifier");
            assertEquals(item.account().equals(MEMBER) ? List.of("msg-" + MEMBER + "-1") : List.of(), failed,
                    item + ": " + response);
        });
        List<JsonNode> errors = logLines("ERROR", "sweep item failed, to be received again");
        assertEquals(2, errors.size(), "the member's two Regions");
        errors.forEach(e -> {
            assertEquals(MEMBER, e.path("account").asText());
            assertTrue(e.path("reason").asText().contains("arn:aws:iam::" + MEMBER + ":role/" + ROLE), e.toString());
        });
        assertEquals(4, logLines("INFO", "sweep item swept").size(), "the others finished");
        assertTrue(org.hub(OTHER_MEMBER, HOME).all().size() > 0);
        assertTrue(org.hub(MEMBER, HOME).all().isEmpty());
    }

    @Test
    void anAccessDeniedInsideAMemberFailsThatItemOnly() throws IOException {
        account(OTHER_MEMBER, OTHER_REGION).fail("ECS.ListClusters", "AccessDeniedException");
        schedule();

        Map<SweepItem, JsonNode> responses = deliverAll();

        long failed = responses.values().stream().filter(r -> r.path("batchItemFailures").size() == 1).count();
        assertEquals(1, failed);
        JsonNode error = logLines("ERROR", "sweep item failed, to be received again").get(0);
        assertEquals(OTHER_MEMBER, error.path("account").asText());
        assertEquals(OTHER_REGION, error.path("region").asText());
        assertTrue(error.path("reason").asText().contains("AccessDeniedException"), error.toString());
    }

    @Test
    void withoutAMemberRoleASweepOfOtherAccountsIsAConfigurationError() {
        withMembers = false;

        IllegalStateException error = assertThrows(IllegalStateException.class, this::schedule);

        assertTrue(error.getMessage().contains("MEMBER_ROLE_NAME is not set"), error.getMessage());
        assertTrue(queue.sent().isEmpty(), "nothing half-queued");
    }

    @Test
    void withoutAScopeTheOwnAccountAndRegionIsOneItem() throws IOException {
        withMembers = false;
        scope = List.of();
        regions = List.of();

        schedule();

        assertEquals(List.of(SweepItem.first(CENTRAL, HOME, "2026-11-21T06:00:00Z")), queue.sent());
    }

    @Test
    void entriesTheQueueRefusesAreSentOnceMoreThenNamed() throws IOException {
        queue.failEntries(MEMBER, 1);
        schedule();
        assertEquals(6, queue.sent().size(), "the refused entry went with the second call");
        assertEquals(2, queue.calls);

        InMemorySweepQueue refusing = new InMemorySweepQueue().failEntries(MEMBER, 4);
        ItemsNotQueuedException error = assertThrows(ItemsNotQueuedException.class, () -> Organization.invoke(
                new ScheduledSweepHandler(org.wiring(true).with(new Wiring.Sweeping(refusing, scope, organization,
                        regions, clustersPerBatch))),
                SCHEDULE, null));
        assertTrue(error.getMessage().startsWith("2 sweep items could not be queued: " + MEMBER + "/" + HOME),
                error.getMessage());
        assertEquals(4, refusing.sent().size(), "every other item was queued");
    }

    @Test
    void aLargeAccountNearTheTimeoutContinuesWhereItStopped() throws IOException {
        InMemoryAccount member = account(MEMBER, HOME);
        for (String cluster : List.of("c1", "c2", "c3", "c4")) {
            member.putReadyFargateService(cluster, "api", member.taskDefinitionArn("web:3"), 1);
        }
        clustersPerBatch = 2; // five clusters: c1 c2 | c3 c4 | shop
        SweepItem first = SweepItem.first(MEMBER, HOME, "sweep-1");
        // Enough time before the second batch, then less than the reserve before the third.
        Deque<Long> remaining = new ArrayDeque<>(List.of(600_000L, 1_000L));

        JsonNode response = deliver(first, remaining::pop);

        assertEquals(0, response.path("batchItemFailures").size(), response.toString());
        SweepItem continuation = queue.receive().orElseThrow();
        assertEquals(first.after(member.clusterArn("c4")), continuation);
        assertEquals(2, continuation.part());
        JsonNode part1 = logLines("INFO", "sweep item swept").get(0);
        assertEquals("continued", part1.path("status").asText());
        assertEquals(4, part1.path("clusters").asInt());

        deliver(continuation, RegionSweep.Deadline.NONE);

        JsonNode part2 = logLines("INFO", "sweep item swept").get(1);
        assertEquals("done", part2.path("status").asText());
        assertEquals(1, part2.path("clusters").asInt(), "only what was left");
        List<String> evaluated = logLines("INFO", "service evaluated").stream()
                .map(l -> l.path("serviceArn").asText()).toList();
        assertEquals(List.of("c1", "c2", "c3", "c4", "shop").stream()
                .map(c -> member.serviceArn(c, c.equals("shop") ? "web" : "api")).toList(), evaluated,
                "every service once, in cluster order, across the two parts");
        assertTrue(queue.receive().isEmpty());
    }

    @Test
    void findingsOfClustersAndServicesThatAreGoneAreArchivedOnlyOnceTheirClusterWasRead() throws IOException {
        InMemoryAccount member = account(MEMBER, HOME);
        member.putReadyFargateService("c1", "api", member.taskDefinitionArn("web:3"), 1);
        member.putReadyFargateService("c2", "api", member.taskDefinitionArn("web:3"), 1);
        member.setEnableExecuteCommand(member.serviceArn("c1", "api"), false);
        member.setEnableExecuteCommand(member.serviceArn("c2", "api"), false);
        SweepItem first = SweepItem.first(MEMBER, HOME, "sweep-1");
        deliver(first, RegionSweep.Deadline.NONE);
        InMemorySecurityHub hub = org.hub(MEMBER, HOME);
        assertTrue(active(hub, member.serviceArn("c1", "api")) > 0);
        assertTrue(active(hub, member.serviceArn("c2", "api")) > 0);
        long live = active(hub, member.serviceArn("shop", "web"));
        assertTrue(live > 0, "the service that stays has open findings too");

        // c1's service is deleted, cluster c2 is deleted; the next sweep stops after the first batch (c1).
        org.clock = Clock.offset(org.clock, Duration.ofHours(1));
        member.deleteService(member.serviceArn("c1", "api"));
        member.deleteCluster(member.clusterArn("c2"));
        clustersPerBatch = 1; // c1 | shop
        Deque<Long> remaining = new ArrayDeque<>(List.of(1_000L));
        deliver(SweepItem.first(MEMBER, HOME, "sweep-2"), remaining::pop);

        assertEquals(0, active(hub, member.serviceArn("c1", "api")), "c1 was read entirely: its service is gone");
        assertTrue(active(hub, member.serviceArn("c2", "api")) > 0,
                "c2 is not listed any more, but the last part has not run yet");

        deliver(queue.receive().orElseThrow(), RegionSweep.Deadline.NONE);

        assertEquals(0, active(hub, member.serviceArn("c2", "api")), "the last part archives what no cluster holds");
        assertEquals(live, active(hub, member.serviceArn("shop", "web")), "the live service's findings stay open");
    }

    @Test
    void aMembersDriftIsRepairedInThatMember() throws IOException {
        org.remediating();
        InMemoryAccount member = account(MEMBER, OTHER_REGION);
        member.setEnableExecuteCommand(member.serviceArn("shop", "web"), false);

        deliver(SweepItem.first(MEMBER, OTHER_REGION, "sweep-1"), RegionSweep.Deadline.NONE);

        assertTrue(member.describeService(member.clusterArn("shop"), member.serviceArn("shop", "web")).orElseThrow()
                .enableExecuteCommand(), "repaired in the member, in that Region");
        JsonNode swept = logLines("INFO", "sweep item swept").get(0);
        assertEquals(0, swept.path("notReady").asInt(), "reported as it stands after the fix: " + swept);
    }

    @Test
    void aMessageThatIsNotASweepItemIsDroppedWithAnError() throws IOException {
        String event = HandlerFixture.sqsEvent(SweepItem.first(MEMBER, HOME, "s")).replace(MEMBER, "not-an-account");

        clustersPerBatch = 1;
        JsonNode response = Organization.invoke(new SweepItemHandler(org.wiring(true).with(sweepWiring())), event,
                null);

        assertEquals(0, response.path("batchItemFailures").size(), "receiving it again cannot fix it");
        JsonNode error = logLines("ERROR", "malformed sweep item, dropped").get(0);
        assertTrue(error.path("reason").asText().startsWith("account is not a 12-digit account id"), error.toString());
        assertTrue(org.opened.isEmpty());
    }

    private static long active(InMemorySecurityHub hub, String serviceArn) {
        return hub.all().values().stream().filter(s -> s.finding().resource().id().equals(serviceArn)
                && s.finding().recordState() == RecordState.ACTIVE).count();
    }

    /** Only the remaining time matters to the sweep. */
    private record FakeContext(RegionSweep.Deadline deadline) implements com.amazonaws.services.lambda.runtime.Context {
        @Override public int getRemainingTimeInMillis() {
            return (int) Math.min(Integer.MAX_VALUE, deadline.remainingMillis());
        }
        @Override public String getAwsRequestId() { return "request"; }
        @Override public String getLogGroupName() { return null; }
        @Override public String getLogStreamName() { return null; }
        @Override public String getFunctionName() { return "sweep-items"; }
        @Override public String getFunctionVersion() { return "1"; }
        @Override public String getInvokedFunctionArn() { return null; }
        @Override public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() { return null; }
        @Override public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() { return null; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() { return null; }
    }
}
