package io.github.ecsexecreadiness.check.cluster;

import static io.github.ecsexecreadiness.check.CheckSupport.containers;
import static io.github.ecsexecreadiness.check.CheckSupport.listed;

import io.github.ecsexecreadiness.check.Check;
import io.github.ecsexecreadiness.check.CheckMetadata;
import io.github.ecsexecreadiness.check.CheckResult;
import io.github.ecsexecreadiness.check.FindingType;
import io.github.ecsexecreadiness.check.ServiceFacts;
import io.github.ecsexecreadiness.check.Severity;
import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code cluster.exec-audit}: ECS Exec sessions leave a record of the commands run, not only of who ran them. */
public final class ExecAuditCheck extends Check {
    public static final CheckMetadata METADATA = CheckMetadata.builder("cluster.exec-audit")
            .title("ECS Exec sessions are logged")
            .severity(Severity.MEDIUM)
            .findingType(FindingType.SECURITY_BEST_PRACTICE)
            .rationale("CloudTrail records who called ExecuteCommand, but only session logging records what they "
                    + "typed and what came back. The cluster's executeCommandConfiguration.logging decides it: "
                    + "OVERRIDE sends sessions to its CloudWatch log group or S3 bucket, DEFAULT (also when unset) to "
                    + "each container's awslogs log group, and NONE, or DEFAULT without awslogs, records nothing.")
            .remediation("Run aws ecs update-cluster --cluster <cluster> --configuration "
                    + "'executeCommandConfiguration={logging=OVERRIDE,logConfiguration={cloudWatchLogGroupName=<existing "
                    + "group>}}' (or s3BucketName=<bucket>), or keep DEFAULT and give each container the awslogs log "
                    + "driver; grant the task role the matching logs or S3 permissions.")
            .documentation("https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommandConfiguration.html")
            .stopsSession(false)
            .build();

    static final String AWSLOGS = "awslogs";

    public ExecAuditCheck() {
        super(METADATA);
    }

    @Override
    public CheckResult evaluate(ServiceFacts facts) {
        var cluster = facts.cluster();
        var configuration = Objects.requireNonNullElse(cluster.executeCommandConfiguration(),
                Ecs.ExecuteCommandConfiguration.NONE_SET);
        String logging = Objects.requireNonNullElse(configuration.logging(), "DEFAULT");
        return switch (logging) {
            case "OVERRIDE" -> override(cluster, configuration);
            case "DEFAULT" -> awslogs(facts, cluster);
            case "NONE" -> warn("logging is NONE on cluster %s: sessions leave no record of what was run "
                    + "(CloudTrail still records who called ExecuteCommand)", cluster.name());
            default -> unknown("logging is %s on cluster %s, a value this tool does not know", logging, cluster.name());
        };
    }

    private CheckResult override(Ecs.Cluster cluster, Ecs.ExecuteCommandConfiguration configuration) {
        List<String> destinations = new ArrayList<>();
        if (present(configuration.cloudWatchLogGroupName())) {
            destinations.add("CloudWatch log group " + configuration.cloudWatchLogGroupName());
        }
        if (present(configuration.s3BucketName())) {
            destinations.add("S3 bucket " + configuration.s3BucketName()
                    + (present(configuration.s3KeyPrefix()) ? " prefix " + configuration.s3KeyPrefix() : ""));
        }
        if (destinations.isEmpty()) {
            return warn("logging is OVERRIDE on cluster %s but names no CloudWatch log group or S3 bucket: sessions "
                    + "leave no record of what was run", cluster.name());
        }
        return pass("cluster %s logs sessions to %s", cluster.name(), String.join(" and ", destinations));
    }

    /** DEFAULT: each container's output goes where its awslogs driver sends it, or nowhere. */
    private CheckResult awslogs(ServiceFacts facts, Ecs.Cluster cluster) {
        var definitions = facts.taskDefinitionsInUse();
        var unlogged = containers(definitions, container -> !AWSLOGS.equals(container.logDriver()));
        if (!unlogged.isEmpty()) {
            return warn("logging is DEFAULT on cluster %s but no awslogs log driver on %s: sessions into those "
                    + "containers leave no record of what was run", cluster.name(), listed(unlogged));
        }
        var groups = definitions.stream()
                .flatMap(definition -> definition.containerDefinitions().stream())
                .map(container -> container.logOptions().get("awslogs-group"))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        return pass("logging is DEFAULT on cluster %s: sessions go to the containers' awslogs group %s",
                cluster.name(), listed(groups));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
