package io.github.ecsexecreadiness.handler;

import com.amazonaws.services.lambda.runtime.events.ConfigEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.check.ReadinessEngine;
import io.github.ecsexecreadiness.collect.AccountSnapshot;
import io.github.ecsexecreadiness.collect.NetworkSnapshot;
import io.github.ecsexecreadiness.collect.Readings;
import io.github.ecsexecreadiness.collect.SessionResources;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.report.Telemetry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots a published version, run the code every invocation runs (event
 * parsing, every check, logging and metrics) on a made-up service, so the restored JVM has it loaded. It calls
 * no AWS API at all, so it can never change anything; the SDK clients themselves were built during init.
 */
final class Priming implements Resource {
    /** CRaC holds resources weakly: this reference keeps the registration alive. */
    private static final Priming INSTANCE = new Priming();

    private Priming() {}

    static void register() {
        Core.getGlobalContext().register(INSTANCE);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        run(new PrintStream(OutputStream.nullOutputStream()));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing is unique per environment here: no random seeds or ids are created during init.
    }

    /** Primes the handlers' code path; {@code out} receives the log lines it writes (discarded in Lambda). */
    static void run(PrintStream out) {
        Telemetry telemetry = new Telemetry("Priming", "priming", Clock.systemUTC(), out);
        EcsServiceEvent.parse(Invocation.JSON.createObjectNode()
                .put("source", "aws.ecs").put("detail-type", EcsServiceEvent.DEPLOYMENT_STATE_CHANGE)
                .set("resources", Invocation.JSON.createArrayNode().add(SERVICE_ARN)));
        // The runtime's serializers of the library's event types: their mixins and Jackson's binding code.
        read("{\"resultToken\":\"priming\",\"eventLeftScope\":false}", ConfigEvent.class);
        read("{\"detail-type\":\"Scheduled Event\",\"time\":\"2026-01-01T00:00:00Z\",\"detail\":{}}",
                ScheduledEvent.class);
        read("{\"Records\":[{\"messageId\":\"priming\",\"body\":\"{}\"}]}", SQSEvent.class);
        new ReadinessEngine(Checks.ALL).evaluate(snapshot()).forEach(report -> telemetry.serviceEvaluated(report, 0));
        telemetry.flush();
    }

    private static void read(String event, Class<?> type) {
        try {
            Invocation.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String SERVICE_ARN = "arn:aws:ecs:us-east-1:000000000000:service/priming/priming";

    /** One service whose every other resource is unreadable: each check runs up to its first lookup. */
    private static AccountSnapshot snapshot() {
        Ecs.Service service = new Ecs.Service(SERVICE_ARN, "priming", "arn:aws:ecs:us-east-1:000000000000:cluster/priming",
                "ACTIVE", false, "FARGATE", List.of(), "LATEST", "Linux",
                "arn:aws:ecs:us-east-1:000000000000:task-definition/priming:1", "ECS", List.of(), null, Map.of(), 0, 0, null);
        return new AccountSnapshot("000000000000", "us-east-1", List.of(service), none(),
                Readings.<String, List<Ecs.Task>>builder().found(SERVICE_ARN, List.of()).build(),
                none(), none(), none(), new NetworkSnapshot(none(), none(), none(), none(), none(), none()), SessionResources.NONE_READ,
                List.of());
    }

    private static <K, V> Readings<K, V> none() {
        return Readings.<K, V>builder().build();
    }
}
