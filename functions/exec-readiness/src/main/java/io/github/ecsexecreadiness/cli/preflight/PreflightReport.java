package io.github.ecsexecreadiness.cli.preflight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code preflight} found, one line per question, and the {@code sam deploy} command that follows from it.
 *
 * @param parameterOverrides the template parameters to pass, in the order they were decided
 */
public record PreflightReport(String stackName, String region, String profile, List<Finding> findings,
                              Map<String, String> parameterOverrides) {

    /**
     * OK: nothing to change. ADJUSTED: the deployment works with the override given. WARN: it deploys, but a
     * trigger will stay silent. UNKNOWN: could not be read; the override given is the one that cannot fail.
     * BLOCKED: it would fail, or be inconsistent, whatever the overrides. SKIPPED: does not apply.
     */
    public enum Status { OK, ADJUSTED, WARN, UNKNOWN, BLOCKED, SKIPPED }

    public record Finding(String check, Status status, String detail) {}

    public PreflightReport {
        findings = List.copyOf(findings);
        parameterOverrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameterOverrides));
    }

    public boolean blocked() {
        return findings.stream().anyMatch(f -> f.status() == Status.BLOCKED);
    }

    /** The exact command to deploy with: the stack, Region and profile, and every parameter decided here. */
    public String samDeploy() {
        List<String> words = new ArrayList<>(List.of("sam", "deploy", "--stack-name", stackName, "--region", region));
        if (profile != null) {
            words.addAll(List.of("--profile", profile));
        }
        if (!parameterOverrides.isEmpty()) {
            words.add("--parameter-overrides");
            parameterOverrides.forEach((key, value) -> words.add(key + "=" + value));
        }
        return String.join(" ", words);
    }
}
