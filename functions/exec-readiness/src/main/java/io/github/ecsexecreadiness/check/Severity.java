package io.github.ecsexecreadiness.check;

/** How much a failing check matters, in Security Hub's severity labels. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL
}
