package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.collect.AccountsInScope;
import io.github.ecsexecreadiness.collect.ApiCalls;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.collect.OrganizationReader.Account;
import io.github.ecsexecreadiness.moto.MotoServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * SdkOrganizationsReader against moto's Organizations, seeded through the same signed JSON path. moto pages the
 * list operations by MaxResults, accepts any signature (SdkOrganizationsReaderTest checks the signature) and
 * closes an account straight to SUSPENDED. Each account moto creates costs it a second (it loads the AWS
 * managed policies into the new account's IAM), so one small organisation is seeded for the class and read in
 * pages of {@value #PAGE}.
 */
@StartsEmulator
class SdkOrganizationsReaderMotoTest {
    @RegisterExtension
    static final MotoServer moto = MotoServer.resetPerClass();

    private static final int PAGE = 2;

    private static String root;
    private static String prod;
    private static String prodEu;
    private static Map<String, String> ids;

    private final ApiCalls apiCalls = new ApiCalls();
    private SdkOrganizationsReader reader;

    /** root: management | prod: web | prod/eu: shop, cart, closed (SUSPENDED). */
    @BeforeAll
    static void seed() {
        try (var seeder = reader(new ApiCalls())) {
            seeder.call("CreateOrganization", object().put("FeatureSet", "ALL"));
            root = seeder.call("ListRoots", object()).path("Roots").get(0).path("Id").asText();
            prod = ou(seeder, root, "prod");
            prodEu = ou(seeder, prod, "prod-eu");
            ids = Map.of("web", account(seeder, "web", prod), "shop", account(seeder, "shop", prodEu),
                    "cart", account(seeder, "cart", prodEu), "closed", account(seeder, "closed", prodEu));
            seeder.call("CloseAccount", object().put("AccountId", ids.get("closed")));
        }
    }

    @BeforeEach
    void open() {
        reader = reader(apiCalls);
    }

    @AfterEach
    void close() {
        reader.close();
    }

    @Test
    void theRootIsEveryActiveAccountOfTheOrganizationPageByPage() {
        var resolved = AccountsInScope.resolve(List.of(root), reader);

        assertAll(
                () -> assertEquals(Set.of(MotoServer.ACCOUNT_ID, ids.get("web"), ids.get("shop"), ids.get("cart")),
                        resolved.accounts()),
                () -> assertEquals(List.of(new Account(ids.get("closed"), "closed", "SUSPENDED")),
                        resolved.notActive()),
                () -> assertEquals(Map.of("Organizations.ListAccounts", 3L), apiCalls.snapshot(),
                        "5 accounts in pages of 2"));
    }

    @Test
    void anOuIsEveryAccountBeneathItThroughItsChildOus() {
        var resolved = AccountsInScope.resolve(List.of(prod), reader);

        assertAll(
                () -> assertEquals(Set.of(ids.get("web"), ids.get("shop"), ids.get("cart")), resolved.accounts()),
                () -> assertEquals(List.of(ids.get("closed")), resolved.notActive().stream().map(Account::id).toList()),
                () -> assertEquals(Map.of("Organizations.ListAccountsForParent", 3L,
                        "Organizations.ListOrganizationalUnitsForParent", 2L), apiCalls.snapshot(),
                        "prod in one page, its 3 accounts of prod/eu in two"));
    }

    @Test
    void listsAnOusAccountsAndChildOus() {
        assertAll(
                () -> assertEquals(List.of(ids.get("shop"), ids.get("cart"), ids.get("closed")),
                        reader.listAccountsForParent(prodEu).stream().map(Account::id).toList(), "both pages, in order"),
                () -> assertEquals(List.of(prodEu), reader.listOrganizationalUnitsForParent(prod)),
                () -> assertEquals(List.of(), reader.listOrganizationalUnitsForParent(prodEu)));
    }

    @Test
    void anUnknownParentFailsWithTheAwsErrorAtOnce() {
        var e = assertThrows(AwsApiException.class, () -> reader.listAccountsForParent("ou-abcd-gone0000"));

        assertAll(
                () -> assertEquals("ParentNotFoundException", e.errorCode()),
                () -> assertEquals("Organizations.ListAccountsForParent", e.operation()));
    }

    private static SdkOrganizationsReader reader(ApiCalls calls) {
        SdkHttpClient http = ApacheHttpClient.create();
        var endpoint = SdkOrganizationsReader.Endpoint.of(MotoServer.REGION, moto.endpoint());
        return new SdkOrganizationsReader(endpoint, MotoServer.CREDENTIALS, http, calls,
                delay -> Thread.sleep(delay.toMillis()), PAGE);
    }

    private static String ou(SdkOrganizationsReader seeder, String parent, String name) {
        return seeder.call("CreateOrganizationalUnit", object().put("ParentId", parent).put("Name", name))
                .path("OrganizationalUnit").path("Id").asText();
    }

    /** Creates the account (moto completes it at once, AWS asynchronously) and moves it under {@code parent}. */
    private static String account(SdkOrganizationsReader seeder, String name, String parent) {
        String id = seeder.call("CreateAccount", object().put("Email", name + "@example.com").put("AccountName", name))
                .path("CreateAccountStatus").path("AccountId").asText();
        if (!parent.equals(root)) {
            seeder.call("MoveAccount", object().put("AccountId", id).put("SourceParentId", root)
                    .put("DestinationParentId", parent));
        }
        return id;
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
