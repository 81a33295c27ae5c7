package io.github.ecsexecreadiness.handler;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.ReadinessScan;
import io.github.ecsexecreadiness.apply.InMemoryRemediationLedger;
import io.github.ecsexecreadiness.flow.Accounts.MemberAccessException;
import io.github.ecsexecreadiness.check.Checks;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.flow.Remediator;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.memory.InMemorySecurityHub;
import io.github.ecsexecreadiness.plan.RemediationSettings;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.config.FakeConfigRuleApi;
import io.github.ecsexecreadiness.report.securityhub.FindingMapper;
import io.github.ecsexecreadiness.report.securityhub.FindingsReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * An organisation in memory, seen from the central account's functions: the central account and two members,
 * in one or more Regions, each account and Region with its own resources (one ready Fargate service,
 * {@code shop/web}, whose ARNs name that account and Region), its own Security Hub and its own AWS Config. The
 * opener records which account and Region it opened and refuses the accounts in {@link #denied}, as a member
 * role that does not trust the central account would. The functions' home is the central account in
 * {@link #REGION}.
 */
final class Organization {
    static final String CENTRAL = Scenario.ACCOUNT;
    static final String MEMBER = "444455556666";
    static final String OTHER_MEMBER = "777788889999";
    static final String ROLE = "ecs-exec-readiness-member";
    static final String REGION = Scenario.REGION;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keyed by {@code account/region}. */
    final Map<String, InMemoryAccount> accounts = new LinkedHashMap<>();
    final Map<String, InMemorySecurityHub> hubs = new LinkedHashMap<>();
    final Map<String, FakeConfigRuleApi> configs = new LinkedHashMap<>();
    /** Security Hub ignores an import that is not newer than what it holds: move it on between sweeps. */
    Clock clock = Clock.fixed(HandlerFixture.NOW, ZoneOffset.UTC);
    /** Accounts whose member role does not trust the central account (yet). */
    final Set<String> denied = new HashSet<>();
    final List<String> opened = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Optional<Remediator> remediation = Optional.empty();

    Organization() {
        this(REGION);
    }

    Organization(String... regions) {
        for (String account : List.of(CENTRAL, MEMBER, OTHER_MEMBER)) {
            for (String region : regions) {
                InMemoryAccount memory = new InMemoryAccount(account, region);
                memory.putReadyFargateService("shop", "web", memory.taskDefinitionArn("web:3"), 1);
                accounts.put(key(account, region), memory);
                hubs.put(key(account, region), new InMemorySecurityHub(mapper(account, region).productArn()));
                FakeConfigRuleApi config = new FakeConfigRuleApi();
                config.recorded.put(memory.serviceArn("shop", "web"), memory.serviceArn("shop", "web") + "|"
                        + memory.clusterArn("shop"));
                configs.put(key(account, region), config);
            }
        }
    }

    private static String key(String account, String region) {
        return account + "/" + region;
    }

    InMemoryAccount account(String account) {
        return account(account, REGION);
    }

    InMemoryAccount account(String account, String region) {
        return accounts.get(key(account, region));
    }

    InMemorySecurityHub hub(String account) {
        return hub(account, REGION);
    }

    InMemorySecurityHub hub(String account, String region) {
        return hubs.get(key(account, region));
    }

    FakeConfigRuleApi config(String account) {
        return configs.get(key(account, REGION));
    }

    static String serviceArn(String account) {
        return "arn:aws:ecs:" + REGION + ":" + account + ":service/shop/web";
    }

    static String clusterArn(String account) {
        return "arn:aws:ecs:" + REGION + ":" + account + ":cluster/shop";
    }

    /** Config's resource id of an ECS service. */
    static String resourceId(String account) {
        return serviceArn(account) + "|" + clusterArn(account);
    }

    static String roleArn(String account) {
        return "arn:aws:iam::" + account + ":role/" + ROLE;
    }

    static FindingMapper mapper(String account) {
        return mapper(account, REGION);
    }

    static FindingMapper mapper(String account, String region) {
        return new FindingMapper(account, region, "aws", Checks::automaticallyFixable);
    }

    Organization execOff(String account) {
        return execOff(account, REGION);
    }

    Organization execOff(String account, String region) {
        InMemoryAccount memory = account(account, region);
        memory.setEnableExecuteCommand(memory.serviceArn("shop", "web"), false);
        return this;
    }

    boolean execEnabled(String account) {
        return execEnabled(account, REGION);
    }

    boolean execEnabled(String account, String region) {
        InMemoryAccount memory = account(account, region);
        return memory.describeService(memory.clusterArn("shop"), memory.serviceArn("shop", "web")).orElseThrow()
                .enableExecuteCommand();
    }

    long calls(String account, String operation) {
        return account(account).apiCalls().snapshot().getOrDefault(operation, 0L);
    }

    /** The functions remediate with the default guardrails, one ledger for the organisation. */
    Organization remediating() {
        remediation = Optional.of(new Remediator(account(CENTRAL).writers(), new InMemoryRemediationLedger(),
                RemediationSettings.defaults("arn:aws:iam::" + CENTRAL + ":policy/stack-ecs-exec-ssmmessages"),
                "/stack/", clock));
        return this;
    }

    /** What a sweep in each account would have published: every account's findings in its own hub. */
    Organization findingsPublished() {
        accounts.forEach((key, memory) -> findings(memory.accountId(), memory.readers().region())
                .publish(new ReadinessScan(memory.readers()).scan(Scope.wholeRegion()).services(), true,
                        new Telemetry(HandlerFixture.NAMESPACE, "test", clock,
                                new PrintStream(OutputStream.nullOutputStream()))));
        return this;
    }

    private FindingsReport findings(String account, String region) {
        return new FindingsReport(hub(account, region), mapper(account, region), clock, duration -> {});
    }

    /** The test double for "open account X in Region R through its member role". */
    private Wiring.Target open(String account, String region) {
        opened.add(account + "/" + region);
        if (denied.contains(account)) {
            throw new MemberAccessException(account, roleArn(account), (StsException) StsException.builder()
                    .statusCode(403).message("not authorized to perform sts:AssumeRole")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build()).build());
        }
        InMemoryAccount member = account(account, region);
        return new Wiring.Target(member.readers(), findings(account, region),
                remediation.map(r -> r.inMember(member.writers(), account, "aws", ROLE)),
                () -> configs.get(key(account, region)));
    }

    /** The central account's wiring; {@code withMembers} false: no MEMBER_ROLE_NAME, other accounts unreachable. */
    Wiring wiring(boolean withMembers) {
        return new Wiring(CENTRAL, REGION, new Wiring.Target(account(CENTRAL).readers(), findings(CENTRAL, REGION),
                remediation, () -> config(CENTRAL)), withMembers ? Optional.of(this::open) : Optional.empty(),
                new Wiring.Logs(HandlerFixture.NAMESPACE, Telemetry.Level.INFO, clock, new PrintStream(out, true, UTF_8)),
                Optional.empty());
    }

    JsonNode invoke(Function<Wiring, RequestStreamHandler> handler, String event, boolean withMembers)
            throws IOException {
        return invoke(handler.apply(wiring(withMembers)), event, null);
    }

    static JsonNode invoke(RequestStreamHandler handler, String event, Context context) throws IOException {
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(UTF_8)), result, context);
        return JSON.readTree(result.toByteArray());
    }

    List<JsonNode> logLines(String level, String message) {
        return HandlerFixture.logLines(out, level, message);
    }
}
