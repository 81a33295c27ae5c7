package io.github.ecsexecreadiness.collect;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecsexecreadiness.memory.InMemoryOrganization;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountsInScopeTest {
    private static final String ROOT = "r-abcd";
    private static final String PROD = "ou-abcd-prodprod";
    private static final String PROD_EU = "ou-abcd-prodeu01";
    private static final String SANDBOX = "ou-abcd-sandbox1";
    private static final String EMPTY = "ou-abcd-empty001";

    private static final String LIST_ACCOUNTS = "Organizations.ListAccounts";
    private static final String FOR_PARENT = "Organizations.ListAccountsForParent";
    private static final String OUS = "Organizations.ListOrganizationalUnitsForParent";

    /**
     * root: 111 (management) | prod: 222, 333 suspended | prod/eu: 444, 555 closing | sandbox: 666 | empty.
     */
    private final InMemoryOrganization organization = new InMemoryOrganization(ROOT)
            .ou(PROD, ROOT).ou(PROD_EU, PROD).ou(SANDBOX, ROOT).ou(EMPTY, ROOT)
            .account("111111111111", ROOT)
            .account("222222222222", PROD)
            .account("333333333333", PROD, "SUSPENDED")
            .account("444444444444", PROD_EU)
            .account("555555555555", PROD_EU, "PENDING_CLOSURE")
            .account("666666666666", SANDBOX);

    static Stream<Arguments> scopes() {
        return Stream.of(
                Arguments.of("the root: the whole organisation through one ListAccounts", List.of(ROOT),
                        Set.of("111111111111", "222222222222", "444444444444", "666666666666"),
                        List.of("333333333333", "555555555555"), Map.of(LIST_ACCOUNTS, 1L)),
                Arguments.of("an OU: its accounts and those of its child OUs", List.of(PROD),
                        Set.of("222222222222", "444444444444"), List.of("333333333333", "555555555555"),
                        Map.of(FOR_PARENT, 2L, OUS, 2L)),
                Arguments.of("an OU and its child OU: the child walked once", List.of(PROD_EU, PROD),
                        Set.of("222222222222", "444444444444"), List.of("333333333333", "555555555555"),
                        Map.of(FOR_PARENT, 2L, OUS, 2L)),
                Arguments.of("two OUs side by side", List.of(PROD_EU, SANDBOX),
                        Set.of("444444444444", "666666666666"), List.of("555555555555"),
                        Map.of(FOR_PARENT, 2L, OUS, 2L)),
                Arguments.of("an empty OU", List.of(EMPTY), Set.of(), List.of(), Map.of(FOR_PARENT, 1L, OUS, 1L)),
                Arguments.of("account ids only: taken as given, no call, blanks and duplicates ignored",
                        Arrays.asList("777777777777", " ", "", null, " 777777777777 ", "888888888888"),
                        Set.of("777777777777", "888888888888"), List.of(), Map.of()),
                Arguments.of("a suspended account listed by id is swept as asked", List.of("333333333333", PROD),
                        Set.of("222222222222", "333333333333", "444444444444"), List.of("555555555555"),
                        Map.of(FOR_PARENT, 2L, OUS, 2L)),
                Arguments.of("the root with OUs and an outside account: one ListAccounts covers the OUs",
                        List.of(PROD, ROOT, "999999999999", SANDBOX),
                        Set.of("111111111111", "222222222222", "444444444444", "666666666666", "999999999999"),
                        List.of("333333333333", "555555555555"), Map.of(LIST_ACCOUNTS, 1L)),
                Arguments.of("nothing in scope", List.of(), Set.of(), List.of(), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void resolvesTheAccountsToSweep(String name, List<String> scope, Set<String> accounts, List<String> notActive,
                                    Map<String, Long> calls) {
        var resolved = AccountsInScope.resolve(scope, organization);

        assertAll(
                () -> assertEquals(List.copyOf(new TreeSet<>(accounts)), List.copyOf(resolved.accounts())),
                () -> assertEquals(notActive, resolved.notActive().stream().map(OrganizationReader.Account::id)
                        .toList()),
                () -> assertEquals(calls, organization.apiCalls().snapshot()));
    }

    @Test
    void notActiveAccountsKeepTheirNameAndStateForTheLog() {
        var resolved = AccountsInScope.resolve(List.of(PROD_EU), organization);

        assertEquals(List.of(new OrganizationReader.Account("555555555555", "account 555555555555",
                "PENDING_CLOSURE")), resolved.notActive());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901", "1234567890123", "o-abcdefghij", "r-ab", "ou-abcd-short",
            "OU-ABCD-PRODPROD", "arn:aws:organizations::111111111111:ou/o-abcdefghij/ou-abcd-prodprod",
            "111111111111,222222222222"})
    void aWrongEntryIsRejectedByNameBeforeAnyCall(String entry) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> AccountsInScope.resolve(List.of(ROOT, PROD, entry), organization));

        assertTrue(e.getMessage().contains("'" + entry + "'"), e.getMessage());
        assertEquals(0, organization.apiCalls().total());
    }

    @Test
    void anOuOrganizationsDoesNotKnowFailsWithItsError() {
        var e = assertThrows(AwsApiException.class,
                () -> AccountsInScope.resolve(List.of("ou-abcd-gone0000"), organization));

        assertEquals("ParentNotFoundException", e.errorCode());
    }
}
