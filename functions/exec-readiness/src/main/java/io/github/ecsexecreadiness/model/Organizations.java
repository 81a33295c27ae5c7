package io.github.ecsexecreadiness.model;

import java.util.List;
import java.util.Objects;

/** What the snapshot keeps of AWS Organizations: the service control policies that bind the account. */
public final class Organizations {
    private Organizations() {}

    /** A service control policy as DescribePolicy returns it: its id, name and JSON content. */
    public record Policy(String id, String name, String content) {}

    /**
     * The SCPs attached directly to one target on the account's path: the account itself, an OU ({@code ou-...}) or
     * the root ({@code r-...}). A request must be allowed at every level, and a Deny at any level wins.
     */
    public record Level(String targetId, List<Policy> policies) {
        public Level {
            policies = List.copyOf(policies);
        }
    }

    /** Whether the account's SCPs are known, and why not. */
    public enum State {
        /** Read along the account's path: {@code levels} bind it. */
        READ,
        /** The account is the organisation's management account: SCPs do not apply to it. */
        MANAGEMENT_ACCOUNT,
        /** Not read, and no read was attempted: outside organisation mode. */
        NOT_READ,
        /** A read was refused or failed: an SCP could deny anything. */
        UNREADABLE
    }

    /**
     * The service control policies of one account, from the root down to the account.
     *
     * @param why for every state but READ, one line saying why none are evaluated (with the operation and error
     *            when UNREADABLE)
     */
    public record ServiceControlPolicies(State state, List<Level> levels, String why) {
        public ServiceControlPolicies {
            Objects.requireNonNull(state, "state");
            levels = List.copyOf(levels);
        }

        public static ServiceControlPolicies read(List<Level> levels) {
            return new ServiceControlPolicies(State.READ, levels, null);
        }

        public static ServiceControlPolicies notRead(String why) {
            return new ServiceControlPolicies(State.NOT_READ, List.of(), why);
        }

        public static ServiceControlPolicies managementAccount(String accountId) {
            return new ServiceControlPolicies(State.MANAGEMENT_ACCOUNT, List.of(), "account " + accountId
                    + " is the organisation's management account, to which service control policies do not apply");
        }

        public static ServiceControlPolicies unreadable(String why) {
            return new ServiceControlPolicies(State.UNREADABLE, List.of(), why);
        }
    }
}
