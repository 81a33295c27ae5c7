package io.github.ecsexecreadiness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.cli.preflight.DeploymentTarget;
import io.github.ecsexecreadiness.cli.preflight.Preflight;
import io.github.ecsexecreadiness.cli.preflight.PreflightReport;
import io.github.ecsexecreadiness.cli.preflight.PreflightSettings;
import java.io.PrintStream;

/** {@code preflight}: runs the questions and prints the findings and the {@code sam deploy} line. */
final class PreflightAction {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeploymentTarget target;
    private final PrintStream out;

    PreflightAction(DeploymentTarget target, PrintStream out) {
        this.target = target;
        this.out = out;
    }

    int run(PreflightSettings settings, boolean json) {
        PreflightReport report = new Preflight(target).run(settings);
        if (json) {
            var root = JSON.createObjectNode().put("stackName", report.stackName()).put("region", report.region())
                    .put("blocked", report.blocked());
            var findings = root.putArray("findings");
            report.findings().forEach(f -> findings.addObject().put("check", f.check())
                    .put("status", f.status().name()).put("detail", f.detail()));
            var overrides = root.putObject("parameterOverrides");
            report.parameterOverrides().forEach(overrides::put);
            root.put("samDeploy", report.samDeploy());
            out.println(root);
        } else {
            out.printf("%-16s %-8s %s%n", "CHECK", "STATUS", "FINDING");
            report.findings().forEach(f -> out.printf("%-16s %-8s %s%n", f.check(), f.status(), f.detail()));
            out.println();
            out.println(report.blocked() ? "Something blocks the deployment (BLOCKED above); once it is fixed:"
                    : "Deploy with:");
            out.println("  " + report.samDeploy());
        }
        return report.blocked() ? ExitCode.NOT_READY : ExitCode.READY;
    }
}
