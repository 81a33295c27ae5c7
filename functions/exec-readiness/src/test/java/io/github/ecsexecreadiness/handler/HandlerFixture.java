package io.github.ecsexecreadiness.handler;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.events.EventSample;
import io.github.ecsexecreadiness.flow.Remediator;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.memory.InMemoryOrganization;
import io.github.ecsexecreadiness.memory.InMemorySecurityHub;
import io.github.ecsexecreadiness.memory.InMemorySweepQueue;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.config.FakeConfigRuleApi;
import io.github.ecsexecreadiness.report.securityhub.FindingMapper;
import io.github.ecsexecreadiness.report.securityhub.FindingsReport;
import io.github.ecsexecreadiness.sweep.RegionSweep;
import io.github.ecsexecreadiness.sweep.SweepItem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One Lambda execution environment in a test: the handlers built on an in-memory account, a fake AWS Config,
 * a fixed clock and a captured standard output, read back as JSON lines.
 */
final class HandlerFixture {
    static final Instant NOW = Instant.parse("2026-11-21T06:00:05Z");
    static final String NAMESPACE = "EcsExecReadinessTest";
    static final String RESOURCE_ID = Scenario.SERVICE_ARN + "|" + Scenario.CLUSTER_ARN;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The Lambda functions of template.yaml. */
    enum Lambda {
        CONFIG_RULE(f -> new ConfigRuleHandler(f.wiring())),
        DEPLOYMENT_EVENT(f -> new DeploymentEventHandler(f.wiring())),
        SCHEDULED_SWEEP(f -> new ScheduledSweepHandler(f.wiring())),
        SWEEP_ITEM(f -> new SweepItemHandler(f.wiring())),
        SECURITY_HUB_ACTION(f -> new SecurityHubActionHandler(f.wiring()));

        private final Function<HandlerFixture, RequestStreamHandler> create;

        Lambda(Function<HandlerFixture, RequestStreamHandler> create) {
            this.create = create;
        }
    }

    final InMemoryAccount account = new InMemoryAccount();
    final FakeConfigRuleApi config = new FakeConfigRuleApi();
    final InMemorySweepQueue queue = new InMemorySweepQueue();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Set to make the deployment-event and sweep handlers remediate, as the template configures them. */
    Optional<Remediator> remediation = Optional.empty();
    /** Set by {@link #securityHub()}. */
    private FindingsReport findings = FindingsReport.disabled();

    /** The function's own account and Region only, as without any sweep scope. */
    Wiring wiring() {
        return new Wiring(Scenario.ACCOUNT, Scenario.REGION, new Wiring.Target(readers(), findings, remediation,
                () -> config), Optional.empty(), new Wiring.Logs(NAMESPACE, Telemetry.Level.INFO, clock(),
                new PrintStream(out, true, UTF_8)), Optional.of(new Wiring.Sweeping(queue, List.of(),
                new InMemoryOrganization("r-root"), List.of(), RegionSweep.CLUSTERS_PER_BATCH)));
    }

    private AccountReaders readers() {
        return account.readers();
    }

    private static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** The handlers remediate with these settings, with a fresh ledger, as the template configures them. */
    void remediate(RemediationSettings settings, String remediatorRolePath) {
        remediation = Optional.of(new Remediator(account.writers(), new InMemoryRemediationLedger(), settings,
                remediatorRolePath, clock()));
    }

    /** Turns findings on, to the account's own product in this in-memory hub. */
    InMemorySecurityHub securityHub() {
        FindingMapper mapper = mapper();
        InMemorySecurityHub hub = new InMemorySecurityHub(mapper.productArn());
        findings = new FindingsReport(hub, mapper, clock(), duration -> {});
        return hub;
    }

    static FindingMapper mapper() {
        return new FindingMapper(Scenario.ACCOUNT, Scenario.REGION, "aws", io.github.ecsexecreadiness.check.Checks::automaticallyFixable);
    }

    /** What a sweep would have published: the findings of every service as the account stands now. */
    void publishFindings() {
        List<ServiceReport> reports = new ReadinessScan(readers()).scan(Scope.wholeRegion()).services();
        findings.publish(reports, true, new Telemetry(NAMESPACE, "test", clock(),
                new PrintStream(OutputStream.nullOutputStream())));
    }

    /** Invokes a fresh handler with {@code event}; returns what it wrote as its result. */
    JsonNode invoke(Lambda function, String event) throws IOException {
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        function.create.apply(this).handleRequest(new ByteArrayInputStream(event.getBytes(UTF_8)), result, null);
        return JSON.readTree(result.toByteArray());
    }

    /**
     * A whole sweep: the schedule's fan-out, then every item it queued (and every continuation) delivered as
     * its own SQS event, as the template's event source mapping (batch size 1) does. Returns each item's
     * partial batch response.
     */
    List<JsonNode> sweep(String scheduledEvent) throws IOException {
        invoke(Lambda.SCHEDULED_SWEEP, scheduledEvent);
        List<JsonNode> responses = new ArrayList<>();
        for (var item = queue.receive(); item.isPresent(); item = queue.receive()) {
            responses.add(invoke(Lambda.SWEEP_ITEM, sqsEvent(item.get())));
        }
        return responses;
    }

    /** An SQS event of one message carrying {@code item}, as the event source mapping sends it. */
    static String sqsEvent(SweepItem item) {
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").addObject().put("messageId", "msg-" + item.account() + "-" + item.part())
                .put("body", item.toJson()).put("eventSource", "aws:sqs")
                .put("eventSourceARN", "arn:aws:sqs:" + Scenario.REGION + ":" + Scenario.ACCOUNT + ":sweep");
        return event.toString();
    }

    /** Every line written to standard output, each parsed (they must all be JSON objects). */
    List<JsonNode> lines() {
        return lines(out);
    }

    List<JsonNode> logLines(String level, String message) {
        return logLines(out, level, message);
    }

    /** Every line a handler wrote to {@code out}, each parsed (they must all be JSON objects). */
    static List<JsonNode> lines(ByteArrayOutputStream out) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("log line is not JSON: " + line, e);
                }
            }
        }
        return lines;
    }

    /** The log lines of {@code out} at this level with this message. */
    static List<JsonNode> logLines(ByteArrayOutputStream out, String level, String message) {
        return lines(out).stream().filter(l -> level.equals(l.path("level").asText())
                && message.equals(l.path("message").asText())).toList();
    }

    /** The EMF documents: the lines carrying an {@code _aws} directive. */
    List<JsonNode> metricDocuments() {
        return lines().stream().filter(l -> l.has("_aws")).toList();
    }

    /** The value of {@code metric} in the document with no dimension but the trigger; 0 when not emitted. */
    long metric(String metric) {
        return metricDocuments().stream().filter(d -> !d.has("CheckId") && d.has(metric))
                .mapToLong(d -> d.get(metric).asLong()).sum();
    }

    /** A sample of events/, by file name (see {@link EventSample}). */
    static String sample(String file) {
        return EventSample.of(file).text();
    }

    /** A sample with some fields changed (a JSON tree edit, then written back). */
    static String sample(String file, Consumer<ObjectNode> change) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(sample(file));
            change.accept(event);
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Config sample with some fields of its invokingEvent (a JSON string inside the event) changed. */
    static String configSample(String file, Consumer<ObjectNode> changeInvokingEvent) {
        return sample(file, event -> {
            try {
                ObjectNode invoking = (ObjectNode) JSON.readTree(event.get("invokingEvent").asText());
                changeInvokingEvent.accept(invoking);
                event.put("invokingEvent", invoking.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static ObjectMapper json() {
        return JSON;
    }
}
