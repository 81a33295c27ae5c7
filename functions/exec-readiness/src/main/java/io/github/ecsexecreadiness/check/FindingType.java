package io.github.ecsexecreadiness.check;

/**
 * The Security Hub finding type (ASFF {@code Types}, namespace/category) a check's findings carry. Checks about
 * auditing and credentials follow AWS security best practice; the others are about whether ECS Exec works, a
 * configuration question, so they carry the namespace alone (ASFF allows partial paths).
 */
public enum FindingType {
    CONFIGURATION("Software and Configuration Checks"),
    SECURITY_BEST_PRACTICE("Software and Configuration Checks/AWS Security Best Practices");

    private final String asff;

    FindingType(String asff) {
        this.asff = asff;
    }

    /** The type as ASFF spells it. */
    public String asff() {
        return asff;
    }
}
