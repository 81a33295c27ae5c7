package io.github.ecsexecreadiness.flow;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a request can be carried out, the one place that decides it: the function's own account and Region
 * directly; any other account, or its own account in another Region (the stack's policies are scoped to its
 * Region), through the member role; nowhere when no member role is set.
 *
 * @param <A> what the caller acts on in one account and Region (its readers, reports, writers)
 */
public final class Accounts<A> {
    /** The environment variable naming the member role; unset or empty for a single account. */
    public static final String MEMBER_ROLE_NAME = "MEMBER_ROLE_NAME";
    /** Why an account or Region other than the function's own cannot be acted on: logged wherever that happens. */
    public static final String UNREACHABLE = MEMBER_ROLE_NAME
            + " is not set: no role reaches another account or Region";

    /**
     * Opens an account of the organisation in a Region through its member role.
     * Throws {@link MemberAccessException} when the role cannot be assumed.
     */
    @FunctionalInterface
    public interface Opener<A> {
        A open(String accountId, String region);
    }

    private final String ownAccount;
    private final String ownRegion;
    private final A own;
    private final Optional<Opener<A>> members;

    /** @param ownAccount the function's own account id; null where it is not known (then every event is its own) */
    public Accounts(String ownAccount, String ownRegion, A own, Optional<Opener<A>> members) {
        this.ownAccount = ownAccount;
        this.ownRegion = Objects.requireNonNull(ownRegion, "ownRegion");
        this.own = Objects.requireNonNull(own, "own");
        this.members = members;
    }

    /**
     * {@code account} in {@code region} (null parts: the function's own): the own one, a member opened through
     * its role, or empty when no role reaches it ({@link #UNREACHABLE}). A role that cannot be assumed throws.
     */
    public Optional<A> reach(String account, String region) {
        boolean ownAccount = account == null || this.ownAccount == null || account.equals(this.ownAccount);
        boolean ownRegion = region == null || region.equals(this.ownRegion);
        if (ownAccount && ownRegion) {
            return Optional.of(own);
        }
        return members.map(opener -> opener.open(ownAccount ? this.ownAccount : account,
                ownRegion ? this.ownRegion : region));
    }

    /** True where a member role is set: other accounts and Regions can be reached. */
    public boolean reachesMembers() {
        return members.isPresent();
    }

    public A own() {
        return own;
    }

    public String ownAccount() {
        return ownAccount;
    }

    public String ownRegion() {
        return ownRegion;
    }

    /** The member role could not be assumed: the StackSet did not reach the account, or its trust is wrong. */
    public static final class MemberAccessException extends RuntimeException {
        private final String accountId;

        public MemberAccessException(String accountId, String roleArn, RuntimeException cause) {
            super("cannot assume " + roleArn + " in member account " + accountId + ": " + cause.getMessage(), cause);
            this.accountId = accountId;
        }

        public String accountId() {
            return accountId;
        }
    }
}
