package io.github.ecsexecreadiness.aws;

import static io.github.ecsexecreadiness.aws.AwsCall.call;

import io.github.ecsexecreadiness.collect.OrganizationReader;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;

/**
 * {@link OrganizationReader} over the SDK's {@link OrganizationsClient} and its paginators (for the global
 * endpoint, see {@link AwsClients#organizations()}). Throttling and server errors are retried by the client's
 * retry strategy; every failure leaves as an AwsApiException.
 */
public final class SdkOrganizationsReader implements OrganizationReader {
    /** The largest MaxResults the three list operations accept: Organizations throttles per call, not per item. */
    static final int PAGE_SIZE = 20;

    private final OrganizationsClient organizations;
    private final int pageSize;

    public SdkOrganizationsReader(OrganizationsClient organizations) {
        this(organizations, PAGE_SIZE);
    }

    /** With smaller pages, for tests. */
    SdkOrganizationsReader(OrganizationsClient organizations, int pageSize) {
        this.organizations = Objects.requireNonNull(organizations);
        this.pageSize = pageSize;
    }

    /** In Lambda: the central account's Organizations client, closed with {@code central}. */
    public static SdkOrganizationsReader create(AwsClients central) {
        return new SdkOrganizationsReader(central.organizations());
    }

    @Override
    public List<Account> listAccounts() {
        return call("Organizations.ListAccounts", () -> organizations
                .listAccountsPaginator(r -> r.maxResults(pageSize))
                .stream().flatMap(page -> page.accounts().stream()).map(SdkOrganizationsReader::account).toList());
    }

    @Override
    public List<Account> listAccountsForParent(String parentId) {
        return call("Organizations.ListAccountsForParent", () -> organizations
                .listAccountsForParentPaginator(r -> r.parentId(parentId).maxResults(pageSize))
                .stream().flatMap(page -> page.accounts().stream()).map(SdkOrganizationsReader::account).toList());
    }

    @Override
    public List<String> listOrganizationalUnitsForParent(String parentId) {
        return call("Organizations.ListOrganizationalUnitsForParent", () -> organizations
                .listOrganizationalUnitsForParentPaginator(r -> r.parentId(parentId).maxResults(pageSize))
                .stream().flatMap(page -> page.organizationalUnits().stream()).map(OrganizationalUnit::id).toList());
    }

    /** State where the answer has it, else the Status that AWS retires on 9 September 2026. */
    private static Account account(software.amazon.awssdk.services.organizations.model.Account account) {
        String state = account.stateAsString() != null ? account.stateAsString() : account.statusAsString();
        return new Account(account.id(), account.name(), state);
    }
}
