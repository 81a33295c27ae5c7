package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.collect.AccountsInScope;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.collect.CachedServiceControlPolicies;
import io.github.ecsexecreadiness.collect.ServiceControlPolicyReader.PolicySummary;
import io.github.ecsexecreadiness.collect.OrganizationReader.Account;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.wire.ScriptedAws;
import io.github.ecsexecreadiness.wire.ScriptedAws.Fault;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;

/**
 * SdkOrganizationsReader, and SdkServiceControlPolicyReader (an account's path and the SCPs along it), on the SDK
 * client as {@link AwsClients} builds it (retries, call counting, answer
 * checks), against moto's Organizations seen through {@link ScriptedAws} for the faults AWS sends. moto pages
 * the list operations by MaxResults and closes an account straight to SUSPENDED. Each account moto creates costs
 * it a second (it loads the AWS managed policies into the new account's IAM), so one small organisation is
 * seeded for the class and read in pages of {@value #PAGE}.
 */
@StartsEmulator
class SdkOrganizationsReaderMotoTest {
    @RegisterExtension
    static final MotoServer moto = MotoServer.resetPerClass();

    private static final int PAGE = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ScriptedAws aws;
    private static String root;
    private static String prod;
    private static String prodEu;
    private static Map<String, String> ids;
    private static String management;
    private static String noExec;
    private static final String NO_EXEC = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ssmmessages:*","Resource":"*"}]}""";

    private AwsClients clients;
    private SdkOrganizationsReader reader;
    private SdkServiceControlPolicyReader scps;

    /** root: management | prod (SCP no-exec): web | prod/eu: shop, cart, closed (SUSPENDED). */
    @BeforeAll
    static void seed() throws Exception {
        try (var seeding = moto.newClients()) {
            OrganizationsClient organizations = seeding.organizations();
            management = organizations.createOrganization(r -> r.featureSet("ALL")).organization().masterAccountId();
            root = organizations.listRoots(r -> {}).roots().getFirst().id();
            prod = ou(organizations, root, "prod");
            prodEu = ou(organizations, prod, "prod-eu");
            ids = Map.of("web", account(organizations, "web", prod), "shop", account(organizations, "shop", prodEu),
                    "cart", account(organizations, "cart", prodEu), "closed", account(organizations, "closed", prodEu));
            organizations.closeAccount(r -> r.accountId(ids.get("closed")));
            noExec = organizations.createPolicy(r -> r.name("no-exec").description("no exec").content(NO_EXEC)
                    .type(PolicyType.SERVICE_CONTROL_POLICY)).policy().policySummary().id();
            organizations.attachPolicy(r -> r.policyId(noExec).targetId(prod));
        }
        aws = ScriptedAws.inFrontOf(moto.endpoint());
    }

    @BeforeEach
    void open() {
        aws.reset();
        clients = new AwsClients(MotoServer.REGION, MotoServer.CREDENTIALS, aws.endpoint());
        reader = new SdkOrganizationsReader(clients.organizations(), PAGE);
        scps = new SdkServiceControlPolicyReader(clients.organizations());
    }

    @Test
    void readsAnAccountsPathAndTheScpsAttachedAlongIt() throws Exception {
        List<PolicySummary> onProd = scps.listServiceControlPoliciesForTarget(prod);

        assertAll(
                () -> assertEquals(management, scps.managementAccountId()),
                () -> assertEquals(List.of(prodEu), scps.listParents(ids.get("shop"))),
                () -> assertEquals(List.of(prod), scps.listParents(prodEu)),
                () -> assertEquals(List.of(root), scps.listParents(prod)),
                () -> assertTrue(onProd.contains(new PolicySummary(noExec, "no-exec")), onProd.toString()),
                () -> assertEquals(JSON.readTree(NO_EXEC), JSON.readTree(scps.describePolicyContent(noExec))),
                () -> assertEquals(1, aws.attempts("Organizations.ListPoliciesForTarget")));
    }

    @Test
    void theScpCacheAsksOncePerTargetAndPolicy() {
        var cached = new CachedServiceControlPolicies(scps);

        for (int i = 0; i < 3; i++) {
            cached.listParents(prodEu);
            cached.listServiceControlPoliciesForTarget(prod);
            cached.describePolicyContent(noExec);
        }

        assertAll(
                () -> assertEquals(1, aws.attempts("Organizations.ListParents")),
                () -> assertEquals(1, aws.attempts("Organizations.ListPoliciesForTarget")),
                () -> assertEquals(1, aws.attempts("Organizations.DescribePolicy")));
    }

    @Test
    void aRefusedScpReadNamesTheOperation() {
        aws.on("Organizations.ListParents").answer(Fault.accessDenied());

        var e = assertThrows(AwsApiException.class, () -> scps.listParents(ids.get("web")));

        assertEquals("Organizations.ListParents", e.operation());
        assertTrue(e.isAccessDenied(), e.getMessage());
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void theRootIsEveryActiveAccountOfTheOrganizationPageByPage() {
        var resolved = AccountsInScope.resolve(List.of(root), reader);

        assertAll(
                () -> assertEquals(Set.of(MotoServer.ACCOUNT_ID, ids.get("web"), ids.get("shop"), ids.get("cart")),
                        resolved.accounts()),
                () -> assertEquals(List.of(new Account(ids.get("closed"), "closed", "SUSPENDED")),
                        resolved.notActive()),
                () -> assertEquals(Map.of("Organizations.ListAccounts", 3L), clients.apiCalls().snapshot(),
                        "5 accounts in pages of 2"));
    }

    @Test
    void anOuIsEveryAccountBeneathItThroughItsChildOus() {
        var resolved = AccountsInScope.resolve(List.of(prod), reader);

        assertAll(
                () -> assertEquals(Set.of(ids.get("web"), ids.get("shop"), ids.get("cart")), resolved.accounts()),
                () -> assertEquals(List.of(ids.get("closed")), resolved.notActive().stream().map(Account::id).toList()),
                () -> assertEquals(Map.of("Organizations.ListAccountsForParent", 3L,
                        "Organizations.ListOrganizationalUnitsForParent", 2L), clients.apiCalls().snapshot(),
                        "prod in one page, its 3 accounts of prod/eu in two"));
    }

    @Test
    void listsAnOusAccountsAndChildOusFollowingNextToken() throws Exception {
        assertAll(
                () -> assertEquals(List.of(ids.get("shop"), ids.get("cart"), ids.get("closed")),
                        reader.listAccountsForParent(prodEu).stream().map(Account::id).toList(), "both pages, in order"),
                () -> assertEquals(List.of(prodEu), reader.listOrganizationalUnitsForParent(prod)),
                () -> assertEquals(List.of(), reader.listOrganizationalUnitsForParent(prodEu)));
        List<JsonNode> pages = aws.requests("Organizations.ListAccountsForParent").stream()
                .map(request -> parse(request.body())).toList();
        assertAll(
                () -> assertEquals(2, pages.size()),
                () -> assertEquals(prodEu, pages.get(0).path("ParentId").asText()),
                () -> assertEquals(PAGE, pages.get(0).path("MaxResults").asInt()),
                () -> assertTrue(pages.get(0).path("NextToken").isMissingNode(), pages.get(0).toString()),
                () -> assertTrue(pages.get(1).path("NextToken").isTextual(), "the second page asks for the token"));
    }

    @Test
    void theDefaultPageIsTheLargestOrganizationsAccepts() {
        new SdkOrganizationsReader(clients.organizations()).listAccounts();

        assertEquals(20, parse(aws.requests("Organizations.ListAccounts").getFirst().body()).path("MaxResults").asInt());
    }

    @Test
    void theStateOfAnAccountWinsOverItsRetiringStatus() {
        aws.on("Organizations.ListAccounts").answer(Fault.status(200, "application/x-amz-json-1.1", """
                {"Accounts":[{"Id":"111111111111","Name":"a","Status":"ACTIVE"},
                             {"Id":"222222222222","Name":"b","Status":"ACTIVE","State":"SUSPENDED"}]}"""));

        assertEquals(List.of(new Account("111111111111", "a", "ACTIVE"), new Account("222222222222", "b", "SUSPENDED")),
                reader.listAccounts());
    }

    static Stream<Arguments> transientFaults() {
        return Stream.of(
                Arguments.of("throttled", Fault.throttling()),
                Arguments.of("internal error", Fault.error(500, "ServiceException", "try again")),
                Arguments.of("unavailable, no body", Fault.status(503, "text/plain", "")),
                Arguments.of("connection reset", Fault.connectionReset()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientFaults")
    void ridesOutWhatIsTransientAndCountsEachPageOnce(String name, Fault fault) {
        aws.on("Organizations.ListAccounts").times(2).answer(fault);

        List<Account> accounts = reader.listAccounts();

        assertAll(
                () -> assertEquals(5, accounts.size()),
                () -> assertEquals(3 + 2, aws.attempts("Organizations.ListAccounts"), "3 pages, 2 retried"),
                () -> assertEquals(3L, clients.apiCalls().total(), "a retry is not another call"));
    }

    @Test
    void givesUpAfterTheSdksFiveAttempts() {
        aws.on("Organizations.ListAccounts").answer(Fault.error(500, "ServiceException", "still failing"));

        var e = assertThrows(AwsApiException.class, () -> reader.listAccounts());

        assertAll(
                () -> assertEquals("Organizations.ListAccounts: ServiceException (still failing)", e.getMessage()),
                () -> assertEquals(5, aws.attempts("Organizations.ListAccounts")),
                () -> assertEquals(1L, clients.apiCalls().total()));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(Fault.accessDenied(), "AccessDeniedException", true),
                Arguments.of(Fault.error(400, "AWSOrganizationsNotInUseException",
                        "Your account is not a member of an organization."), "AWSOrganizationsNotInUseException",
                        false));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusals")
    void failsAtOnceWhenRefused(Fault fault, String code, boolean accessDenied) {
        aws.on("Organizations.ListOrganizationalUnitsForParent").answer(fault);

        var e = assertThrows(AwsApiException.class, () -> AccountsInScope.resolve(List.of(prod), reader));

        assertAll(
                () -> assertEquals("Organizations.ListOrganizationalUnitsForParent", e.operation()),
                () -> assertEquals(code, e.errorCode()),
                () -> assertEquals(accessDenied, e.isAccessDenied()),
                () -> assertEquals(1, aws.attempts("Organizations.ListOrganizationalUnitsForParent"), "not retried"));
    }

    @Test
    void anUnknownParentFailsWithTheAwsErrorAtOnce() {
        var e = assertThrows(AwsApiException.class, () -> reader.listAccountsForParent("ou-abcd-gone0000"));

        assertAll(
                () -> assertEquals("ParentNotFoundException", e.errorCode()),
                () -> assertEquals("Organizations.ListAccountsForParent", e.operation()),
                () -> assertEquals(1, aws.attempts("Organizations.ListAccountsForParent")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty body     | application/x-amz-json-1.1 |
            a portal page  | text/html                  | <html>Sign in to continue</html>
            """)
    void aPageThatIsNotJsonIsAnErrorNotAnEmptyOrganization(String name, String contentType, String body) {
        aws.on("Organizations.ListAccounts").answer(Fault.status(200, contentType, body == null ? "" : body));

        var e = assertThrows(AwsApiException.class, () -> reader.listAccounts());

        assertAll(
                () -> assertEquals("ClientError", e.errorCode()),
                () -> assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage()));
    }

    private static String ou(OrganizationsClient organizations, String parent, String name) {
        return organizations.createOrganizationalUnit(r -> r.parentId(parent).name(name)).organizationalUnit().id();
    }

    /** Creates the account (moto completes it at once, AWS asynchronously) and moves it under {@code parent}. */
    private static String account(OrganizationsClient organizations, String name, String parent) {
        String id = organizations.createAccount(r -> r.email(name + "@example.com").accountName(name))
                .createAccountStatus().accountId();
        if (!parent.equals(root)) {
            organizations.moveAccount(r -> r.accountId(id).sourceParentId(root).destinationParentId(parent));
        }
        return id;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
