package io.github.ecsexecreadiness.collect;

import static io.github.ecsexecreadiness.iam.PolicyStatement.LIST_THE_WHOLE_ORGANISATION;
import static io.github.ecsexecreadiness.iam.PolicyStatement.WALK_THE_ORGANISATIONAL_UNITS;

import io.github.ecsexecreadiness.iam.CallsAws;
import java.util.List;

/**
 * Read-only AWS Organizations operations of an organisation-wide sweep, one method per API operation, each
 * following every page. Implementations throw {@link AwsApiException} on an AWS error (AccessDeniedException
 * outside the management or a delegated administrator account, AWSOrganizationsNotInUseException...).
 */
public interface OrganizationReader {
    /** ListAccounts, every page: every account of the organisation, whatever its OU. */
    @CallsAws(operation = "Organizations.ListAccounts", statements = LIST_THE_WHOLE_ORGANISATION)
    List<Account> listAccounts();

    /** ListAccountsForParent, every page: the accounts directly in this root or OU, not those of its child OUs. */
    @CallsAws(operation = "Organizations.ListAccountsForParent", statements = WALK_THE_ORGANISATIONAL_UNITS)
    List<Account> listAccountsForParent(String parentId);

    /** ListOrganizationalUnitsForParent, every page: the ids of the OUs directly under this root or OU. */
    @CallsAws(operation = "Organizations.ListOrganizationalUnitsForParent", statements = WALK_THE_ORGANISATIONAL_UNITS)
    List<String> listOrganizationalUnitsForParent(String parentId);

    /**
     * An account as Organizations lists it. {@code state} is the account's {@code State} (PENDING_ACTIVATION,
     * ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED), or its {@code Status} where an answer has no State: AWS
     * retires Status on 9 September 2026.
     */
    record Account(String id, String name, String state) {
        public static final String ACTIVE = "ACTIVE";

        /** Only an active account can be read: a suspended or closing one denies every call. */
        public boolean isActive() {
            return ACTIVE.equals(state);
        }
    }
}
