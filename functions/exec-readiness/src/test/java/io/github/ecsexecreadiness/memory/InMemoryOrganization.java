package io.github.ecsexecreadiness.memory;

import io.github.ecsexecreadiness.collect.ApiCalls;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.collect.OrganizationReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An AWS organisation in memory: one root, OUs nested under it, accounts each in one parent. Every call is
 * counted in {@link #apiCalls()} as {@code Organizations.<Operation>}; an unknown parent fails as Organizations
 * does, with ParentNotFoundException.
 */
public final class InMemoryOrganization implements OrganizationReader {
    private final String rootId;
    private final Map<String, String> ouParents = new LinkedHashMap<>();
    private final Map<String, String> accountParents = new LinkedHashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final ApiCalls calls = new ApiCalls();

    public InMemoryOrganization(String rootId) {
        this.rootId = rootId;
    }

    public InMemoryOrganization ou(String ouId, String parentId) {
        requireParent("CreateOrganizationalUnit", parentId);
        ouParents.put(ouId, parentId);
        return this;
    }

    public InMemoryOrganization account(String accountId, String parentId) {
        return account(accountId, parentId, Account.ACTIVE);
    }

    public InMemoryOrganization account(String accountId, String parentId, String state) {
        requireParent("MoveAccount", parentId);
        accountParents.put(accountId, parentId);
        accounts.put(accountId, new Account(accountId, "account " + accountId, state));
        return this;
    }

    public ApiCalls apiCalls() {
        return calls;
    }

    @Override
    public List<Account> listAccounts() {
        calls.record("Organizations.ListAccounts");
        return List.copyOf(accounts.values());
    }

    @Override
    public List<Account> listAccountsForParent(String parentId) {
        calls.record("Organizations.ListAccountsForParent");
        requireParent("ListAccountsForParent", parentId);
        return accounts.values().stream().filter(a -> accountParents.get(a.id()).equals(parentId)).toList();
    }

    @Override
    public List<String> listOrganizationalUnitsForParent(String parentId) {
        calls.record("Organizations.ListOrganizationalUnitsForParent");
        requireParent("ListOrganizationalUnitsForParent", parentId);
        return ouParents.entrySet().stream().filter(e -> e.getValue().equals(parentId)).map(Map.Entry::getKey)
                .toList();
    }

    private void requireParent(String operation, String parentId) {
        if (!parentId.equals(rootId) && !ouParents.containsKey(parentId)) {
            throw new AwsApiException("Organizations." + operation, "ParentNotFoundException",
                    "You specified parent that doesn't exist.");
        }
    }
}
