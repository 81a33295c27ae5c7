package io.github.ecsexecreadiness.collect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The accounts an organisation-wide sweep reads, from the central stack's scope: each entry is an account id
 * (taken as given, without asking Organizations), an OU id (every account beneath it, through every level of
 * child OUs) or a root id (the whole organisation: an organisation has one root, so one ListAccounts).
 * Accounts found through Organizations that are not ACTIVE are left out: their calls would all be denied.
 */
public final class AccountsInScope {
    // The patterns of AWS Organizations' AccountId, OrganizationalUnitId and RootId shapes.
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern OU = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}");
    private static final Pattern ROOT = Pattern.compile("r-[0-9a-z]{4,32}");

    private AccountsInScope() {}

    /**
     * @param accounts  the ids to sweep, sorted
     * @param notActive accounts found through Organizations but left out (suspended, closing...), sorted by id,
     *                  for the caller to log; none of them is in {@code accounts}
     */
    public record Resolved(SortedSet<String> accounts, List<OrganizationReader.Account> notActive) {
        public Resolved {
            accounts = Collections.unmodifiableSortedSet(new TreeSet<>(accounts));
            notActive = List.copyOf(notActive);
        }
    }

    /**
     * Resolves the scope. Blank entries are ignored and duplicates count once; an entry of any other form is
     * a wrong stack parameter and fails before any call.
     *
     * @throws IllegalArgumentException naming the first entry that is no account, OU or root id
     * @throws AwsApiException          when Organizations cannot be read
     */
    public static Resolved resolve(Collection<String> scope, OrganizationReader organization) {
        SortedSet<String> accounts = new TreeSet<>();
        Set<String> ous = new TreeSet<>();
        boolean wholeOrganization = false;
        for (String raw : scope) {
            String entry = raw == null ? "" : raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (ACCOUNT.matcher(entry).matches()) {
                accounts.add(entry);
            } else if (OU.matcher(entry).matches()) {
                ous.add(entry);
            } else if (ROOT.matcher(entry).matches()) {
                wholeOrganization = true;
            } else {
                throw new IllegalArgumentException("scope entry '" + entry + "' is neither a 12-digit account id,"
                        + " an OU id (ou-xxxx-xxxxxxxx) nor a root id (r-xxxx)");
            }
        }
        // The whole organisation holds every OU: one ListAccounts replaces their walks.
        List<OrganizationReader.Account> found = wholeOrganization ? organization.listAccounts()
                : ous.isEmpty() ? List.of() : beneath(ous, organization);
        Map<String, OrganizationReader.Account> notActive = new TreeMap<>();
        for (var account : found) {
            if (account.isActive()) {
                accounts.add(account.id());
            } else {
                notActive.put(account.id(), account);
            }
        }
        notActive.keySet().removeAll(accounts);
        return new Resolved(accounts, List.copyOf(notActive.values()));
    }

    /** Every account under these OUs, each OU walked once even when it is also beneath another listed one. */
    private static List<OrganizationReader.Account> beneath(Set<String> ous, OrganizationReader organization) {
        List<OrganizationReader.Account> found = new ArrayList<>();
        Set<String> seen = new HashSet<>(ous);
        var pending = new ArrayDeque<>(ous);
        while (!pending.isEmpty()) {
            String ou = pending.removeFirst();
            found.addAll(organization.listAccountsForParent(ou));
            for (String child : organization.listOrganizationalUnitsForParent(ou)) {
                if (seen.add(child)) {
                    pending.addLast(child);
                }
            }
        }
        return found;
    }
}
