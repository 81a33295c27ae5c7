package io.github.ecsexecreadiness.bench;

import io.github.ecsexecreadiness.check.ReadinessEngine;
import io.github.ecsexecreadiness.check.Scenario;
import io.github.ecsexecreadiness.check.ServiceReport;
import io.github.ecsexecreadiness.collect.AccountReaders;
import io.github.ecsexecreadiness.collect.AccountSnapshot;
import io.github.ecsexecreadiness.collect.CachedServiceControlPolicies;
import io.github.ecsexecreadiness.collect.DnsReader;
import io.github.ecsexecreadiness.collect.Ec2Reader;
import io.github.ecsexecreadiness.collect.EcsReader;
import io.github.ecsexecreadiness.collect.IamReader;
import io.github.ecsexecreadiness.collect.Scope;
import io.github.ecsexecreadiness.collect.SnapshotCollector;
import io.github.ecsexecreadiness.flow.ReadinessFlow;
import io.github.ecsexecreadiness.memory.InMemoryAccount;
import io.github.ecsexecreadiness.memory.InMemorySweepQueue;
import io.github.ecsexecreadiness.model.Ec2;
import io.github.ecsexecreadiness.model.Ecs;
import io.github.ecsexecreadiness.model.Kms;
import io.github.ecsexecreadiness.model.Logs;
import io.github.ecsexecreadiness.model.S3;
import io.github.ecsexecreadiness.report.Telemetry;
import io.github.ecsexecreadiness.report.securityhub.FindingsReport;
import io.github.ecsexecreadiness.report.securityhub.FindingsSink;
import io.github.ecsexecreadiness.sweep.RegionSweep;
import io.github.ecsexecreadiness.sweep.SweepItem;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scans a generated in-memory account of 1,000 services (20 clusters, 50 task roles, 10 VPCs with NAT,
 * endpoint or no egress, a few EC2 bridge-mode services, three teams' tag-based exec grants) and prints the API
 * calls per operation and the time spent per phase. Not a test: run it with {@code bin/benchmark}. In-memory reads cost nothing, so the
 * times measure the collector's and the engine's own work; against AWS the call count dominates.
 */
public final class ScanBenchmark {
    private static final int SERVICES = 1_000;
    private static final int CLUSTERS = 20;
    private static final int ROLES = 50;
    private static final int VPCS = 10;
    /** Every EC2_EVERY-th service runs on EC2 container instances in bridge mode (prime: spread over clusters). */
    private static final int EC2_EVERY = 97;
    private static final int WARM_UPS = 3;
    private static final int RUNS = 5;
    private static final String ACCOUNT = Scenario.ACCOUNT;
    private static final String REGION = Scenario.REGION;
    /** ECS read actions: 20 requests per second sustained per account and Region (reference section 5). */
    private static final int AWS_READS_PER_SECOND = 20;
    private static final String AWS_MANAGED = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy";
    /** Teams whose developers open sessions through tag-based grants on the tag team. */
    private static final List<String> TEAMS = List.of("payments", "orders", "search");

    private ScanBenchmark() {}

    public static void main(String[] args) {
        InMemoryAccount account = generate();
        Timed timed = new Timed(account);

        for (int i = 0; i < WARM_UPS; i++) {
            scan(new SnapshotCollector(timed.readers(account)));
        }
        timed.reset();
        Map<String, Long> callsBefore = account.apiCalls().snapshot();
        long collectNanos = 0;
        long evaluateNanos = 0;
        int services = 0;
        long notReady = 0;
        for (int i = 0; i < RUNS; i++) {
            SnapshotCollector cold = new SnapshotCollector(timed.readers(account));
            long start = System.nanoTime();
            AccountSnapshot snapshot = cold.collect(Scope.wholeRegion());
            long collected = System.nanoTime();
            List<ServiceReport> reports = new ReadinessEngine().evaluate(snapshot);
            collectNanos += collected - start;
            evaluateNanos += System.nanoTime() - collected;
            services = snapshot.services().size();
            notReady = reports.stream().filter(r -> !r.ready()).count();
        }
        Map<String, Long> perScan = perRun(callsBefore, account.apiCalls().snapshot(), RUNS);

        // A warm function keeps its collector and its SCP cache.
        AccountReaders warmReaders = account.readers().withServiceControlPolicies(
                new CachedServiceControlPolicies(account));
        SnapshotCollector warm = new SnapshotCollector(warmReaders);
        warm.collect(Scope.wholeRegion());
        Map<String, Long> beforeWarm = account.apiCalls().snapshot();
        warm.collect(Scope.wholeRegion());
        Map<String, Long> warmScan = perRun(beforeWarm, account.apiCalls().snapshot(), 1);

        print(services, notReady, perScan, warmScan, timed, collectNanos, evaluateNanos);
        printBatchedSweep(account, services);
        printOneService(account);
    }

    /**
     * The deployment-event function's way: one service, cold then warm. Besides its own reads it pages every role
     * of the account once for the tag-based exec grants, kept 15 minutes.
     */
    private static void printOneService(InMemoryAccount account) {
        SnapshotCollector collector = new SnapshotCollector(account.readers());
        Scope one = new Scope(List.of(clusterName(1)), "svc-0001");
        long[] calls = new long[2];
        long[] authorizationDetails = new long[2];
        for (int run = 0; run < 2; run++) {
            Map<String, Long> before = account.apiCalls().snapshot();
            collector.collect(one);
            Map<String, Long> delta = perRun(before, account.apiCalls().snapshot(), 1);
            calls[run] = delta.values().stream().mapToLong(Long::longValue).sum();
            authorizationDetails[run] = delta.getOrDefault("IAM.GetAccountAuthorizationDetails", 0L);
        }
        System.out.printf("one service (deployment event): %d calls cold, %d warm; of which "
                + "GetAccountAuthorizationDetails pages for the tag-based exec grants: %d cold, %d warm%n",
                calls[0], calls[1], authorizationDetails[0], authorizationDetails[1]);
    }

    /**
     * The sweep-items function's way: the same account as one sweep item, collected ten clusters at a time so that
     * a continuation can cut in between; each batch reads the account's IAM and the VPCs of its tasks again.
     */
    private static void printBatchedSweep(InMemoryAccount account, int services) {
        Map<String, Long> before = account.apiCalls().snapshot();
        AccountReaders readers = account.readers().withServiceControlPolicies(new CachedServiceControlPolicies(account));
        RegionSweep.Outcome outcome = new RegionSweep(account, new ReadinessFlow(readers, Optional.empty()),
                List.of(FindingsSink.of(FindingsReport.disabled())), RegionSweep.CLUSTERS_PER_BATCH, "benchmark")
                .run(SweepItem.first(ACCOUNT, REGION, "benchmark"), RegionSweep.Deadline.NONE,
                        new InMemorySweepQueue(), new Telemetry("benchmark", "benchmark", Clock.systemUTC(),
                                new PrintStream(OutputStream.nullOutputStream())));
        long total = perRun(before, account.apiCalls().snapshot(), 1).values().stream().mapToLong(Long::longValue)
                .sum();
        System.out.printf("sweep item in batches of %d clusters (%d services): %d calls cold, %.2f per service%n",
                RegionSweep.CLUSTERS_PER_BATCH, outcome.services(), total, (double) total / services);
    }

    private static void scan(SnapshotCollector collector) {
        new ReadinessEngine().evaluate(collector.collect(Scope.wholeRegion()));
    }

    private static Map<String, Long> perRun(Map<String, Long> before, Map<String, Long> after, int runs) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((op, n) -> {
            long d = (n - before.getOrDefault(op, 0L)) / runs;
            if (d > 0) {
                delta.put(op, d);
            }
        });
        return delta;
    }

    private static void print(int services, long notReady, Map<String, Long> cold, Map<String, Long> warm, Timed timed,
                              long collectNanos, long evaluateNanos) {
        long coldTotal = cold.values().stream().mapToLong(Long::longValue).sum();
        long warmTotal = warm.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("services: %d in %d clusters, %d task roles, %d VPCs (%d not ready)%n",
                services, CLUSTERS, ROLES, VPCS, notReady);
        System.out.printf("%-40s %8s %8s%n", "API calls per scan", "cold", "warm");
        cold.forEach((op, n) -> System.out.printf("  %-38s %8d %8d%n", op, n, warm.getOrDefault(op, 0L)));
        System.out.printf("  %-38s %8d %8d%n", "total", coldTotal, warmTotal);
        long sessionReads = cold.entrySet().stream().filter(e -> e.getKey().startsWith("KMS.")
                || e.getKey().startsWith("CloudWatchLogs.") || e.getKey().startsWith("S3.")).mapToLong(Map.Entry::getValue)
                .sum();
        System.out.printf("  %-38s %8d            (%.3f per service: KMS keys, encrypted log groups, buckets)%n",
                "of which session destination reads", sessionReads, (double) sessionReads / services);
        long scpReads = cold.entrySet().stream().filter(e -> e.getKey().startsWith("Organizations."))
                .mapToLong(Map.Entry::getValue).sum();
        System.out.printf("  %-38s %8d %8d   (%.3f per service cold: the account's path and its SCPs, organisation "
                + "mode)%n", "of which service control policy reads", scpReads, warm.entrySet().stream()
                .filter(e -> e.getKey().startsWith("Organizations.")).mapToLong(Map.Entry::getValue).sum(),
                (double) scpReads / services);
        System.out.printf("  %-38s %8.2f %8.2f   (target <= 1.3)%n", "calls per service",
                (double) coldTotal / services, (double) warmTotal / services);
        long nameResolution = cold.entrySet().stream().filter(e -> e.getKey().startsWith("Route53"))
                .mapToLong(Map.Entry::getValue).sum();
        System.out.printf("  %-38s %8d %8.3f per service (per VPC and per account, included above)%n",
                "of which name resolution (Route 53)", nameResolution, (double) nameResolution / services);
        long networkAcls = cold.getOrDefault("EC2.DescribeNetworkAcls", 0L);
        System.out.printf("  %-38s %8d %8.3f per service (one per %d VPCs, included above)%n",
                "of which network ACLs", networkAcls, (double) networkAcls / services, Ec2Reader.MAX_FILTER_VALUES);
        System.out.printf("wall time per scan (mean of %d cold scans, after %d warm-ups):%n", RUNS, WARM_UPS);
        long reads = timed.ecsNanos + timed.iamNanos + timed.ec2Nanos + timed.dnsNanos;
        System.out.printf("  %-38s %8.1f ms%n", "ECS reads (in memory)", ms(timed.ecsNanos));
        System.out.printf("  %-38s %8.1f ms%n", "IAM reads (in memory)", ms(timed.iamNanos));
        System.out.printf("  %-38s %8.1f ms%n", "EC2 reads (in memory)", ms(timed.ec2Nanos));
        System.out.printf("  %-38s %8.1f ms%n", "Route 53 reads (in memory)", ms(timed.dnsNanos));
        System.out.printf("  %-38s %8.1f ms%n", "collector's own work", ms(collectNanos - reads));
        System.out.printf("  %-38s %8.1f ms%n", "collect, total", ms(collectNanos));
        System.out.printf("  %-38s %8.1f ms%n", "evaluate (ReadinessEngine)", ms(evaluateNanos));
        System.out.printf("against AWS, paced at the ECS read throttle (%d/s sustained): ~%d s cold, ~%d s warm%n",
                AWS_READS_PER_SECOND, coldTotal / AWS_READS_PER_SECOND, warmTotal / AWS_READS_PER_SECOND);
    }

    private static double ms(long totalNanos) {
        return totalNanos / 1e6 / RUNS;
    }

    /** Wraps the readers to add up the time spent in each service's calls. */
    private static final class Timed {
        final EcsReader ecs;
        final IamReader iam;
        final Ec2Reader ec2;
        final DnsReader dns;
        long ecsNanos;
        long iamNanos;
        long ec2Nanos;
        long dnsNanos;

        Timed(InMemoryAccount account) {
            ecs = timed(EcsReader.class, account, 0);
            iam = timed(IamReader.class, account, 1);
            ec2 = timed(Ec2Reader.class, account, 2);
            dns = timed(DnsReader.class, account, 3);
        }

        void reset() {
            ecsNanos = iamNanos = ec2Nanos = dnsNanos = 0;
        }

        /**
         * The timed ECS, IAM, EC2 and Route 53 readers; KMS, logs, S3 and the SCPs untimed (a few calls per
         * cluster or per account). The SCPs are read uncached, as by a function's first evaluation.
         */
        AccountReaders readers(InMemoryAccount account) {
            return new AccountReaders(REGION, ecs, iam, ec2, dns, account, account, account, account.apiCalls())
                    .withServiceControlPolicies(account);
        }

        private <T> T timed(Class<T> type, T target, int counter) {
            Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
                long start = System.nanoTime();
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                } finally {
                    long spent = System.nanoTime() - start;
                    switch (counter) {
                        case 0 -> ecsNanos += spent;
                        case 1 -> iamNanos += spent;
                        case 2 -> ec2Nanos += spent;
                        default -> dnsNanos += spent;
                    }
                }
            });
            return type.cast(proxy);
        }
    }

    // ---- the generated account -----------------------------------------------------------------------------

    private enum Egress { NAT, ENDPOINT, NONE }

    static InMemoryAccount generate() {
        InMemoryAccount account = new InMemoryAccount(ACCOUNT, REGION);
        account.putPolicy(AWS_MANAGED, "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
        String customer = account.policyArn("exec-logs");
        account.putPolicy(customer, Scenario.READY_TASK_ROLE_POLICY);
        List<String> roles = new ArrayList<>();
        for (int r = 0; r < ROLES; r++) {
            List<String> attached = r % 5 == 0 ? List.of(AWS_MANAGED, customer) : List.of();
            roles.add(account.putRole("task-role-" + r, Map.of("exec", Scenario.READY_TASK_ROLE_POLICY), attached,
                    null));
        }
        // Each team's developers may exec on any cluster, and on tasks tagged with their team only.
        for (String team : TEAMS) {
            String onTeamTasks = """
                    {"Version":"2012-10-17","Statement":[
                    {"Effect":"Allow","Action":"ecs:ExecuteCommand","Resource":"arn:aws:ecs:*:*:cluster/*"},
                    {"Effect":"Allow","Action":"ecs:ExecuteCommand","Resource":"arn:aws:ecs:*:*:task/*",
                    "Condition":{"StringEquals":{"ecs:ResourceTag/team":"%s"}}}]}""".formatted(team);
            account.putRole("developers-" + team, Map.of("exec", onTeamTasks), List.of(), null);
        }
        for (int v = 0; v < VPCS; v++) {
            putVpc(account, v, Egress.values()[v % 3]);
        }
        // Organisation mode: the account sits in an OU under the root, FullAWSAccess on each and an SCP on the OU.
        String fullAccess = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\"}]}";
        account.inOrganisation("999988887777").putParent(ACCOUNT, "ou-apps").putParent("ou-apps", "r-root");
        for (String target : List.of("r-root", "ou-apps", ACCOUNT)) {
            account.attachServiceControlPolicy(target, "p-FullAWSAccess", "FullAWSAccess", fullAccess);
        }
        account.attachServiceControlPolicy("ou-apps", "p-guardrails", "guardrails", "{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"organizations:LeaveOrganization\",\"Resource\":\"*\"}]}");
        // Half the clusters encrypt sessions with one shared key and log them encrypted, each to its own group and
        // bucket: the KMS, CloudWatch Logs and S3 reads a scan adds.
        String key = "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/benchmark";
        account.putKmsKey(new Kms.Key(key, "Enabled", Scenario.DEFAULT_KEY_POLICY));
        for (int c = 0; c < CLUSTERS; c++) {
            if (c % 2 == 0) {
                String group = "/exec/" + clusterName(c);
                account.putLogGroup(new Logs.LogGroup(group, key));
                account.putBucket(new S3.BucketEncryption("exec-" + clusterName(c), List.of("aws:kms")));
                account.putCluster(new Ecs.Cluster(account.clusterArn(clusterName(c)), clusterName(c),
                        new Ecs.ExecuteCommandConfiguration(key, "OVERRIDE", group, true, "exec-" + clusterName(c),
                                true, null), Map.of()));
            } else {
                account.putCluster(clusterName(c));
            }
        }
        int task = 0;
        for (int s = 0; s < SERVICES; s++) {
            int c = s % CLUSTERS;
            int v = s % VPCS;
            boolean onEc2 = s % EC2_EVERY == 0;
            String cluster = clusterName(c);
            String clusterArn = account.clusterArn(cluster);
            String name = String.format("svc-%04d", s);
            String taskDefinitionArn = account.taskDefinitionArn(name + ":1");
            String subnet = subnet(v, s % 2);
            account.putTaskDefinition(new Ecs.TaskDefinition(taskDefinitionArn, roles.get(s % ROLES),
                    onEc2 ? "bridge" : "awsvpc", null, "LINUX", List.of(Scenario.container(name))));
            Ecs.AwsVpcConfiguration awsvpc = onEc2 ? null
                    : new Ecs.AwsVpcConfiguration(List.of(subnet(v, 0), subnet(v, 1)), List.of(sg(v)), false);
            int running = 1 + s % 2;
            // Every service carries its team's tag; every other one propagates it to its tasks.
            Map<String, String> tags = Map.of("team", TEAMS.get(s % TEAMS.size()));
            boolean propagated = s % 2 == 0;
            account.putService(new Ecs.Service(account.serviceArn(cluster, name), name, clusterArn, "ACTIVE", true,
                    onEc2 ? "EC2" : "FARGATE", List.of(), onEc2 ? null : "LATEST", onEc2 ? null : "Linux",
                    taskDefinitionArn, "ECS",
                    List.of(new Ecs.Deployment("ecs-svc/" + s, "PRIMARY", "COMPLETED", taskDefinitionArn)),
                    awsvpc, tags, running, running, propagated ? "SERVICE" : null));
            for (int t = 0; t < running; t++, task++) {
                String id = String.format("%032x", task);
                String containerInstance = null;
                Ecs.NetworkInterfaceAttachment eni = null;
                if (onEc2) {
                    containerInstance = putHost(account, clusterArn, cluster, v);
                } else {
                    eni = new Ecs.NetworkInterfaceAttachment("eni-" + id.substring(15), subnet, ip(task));
                    account.putNetworkInterface(new Ec2.NetworkInterface(eni.networkInterfaceId(), subnet, vpc(v),
                            List.of(sg(v)), null, ip(task)));
                }
                account.putTask(new Ecs.Task("arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":task/" + cluster + "/" + id,
                        clusterArn, "service:" + name, taskDefinitionArn, "RUNNING", "RUNNING",
                        onEc2 ? "EC2" : "FARGATE", onEc2 ? null : "1.4.0", onEc2 ? null : "Linux", true, null,
                        containerInstance, eni, List.of(new Ecs.Container(name, List.of(
                                new Ecs.ManagedAgent("ExecuteCommandAgent", "RUNNING", null)))),
                        propagated ? tags : Map.of()));
            }
        }
        return account;
    }

    /** One container instance per cluster, on an instance in the cluster's VPC's public subnet. */
    private static String putHost(InMemoryAccount account, String clusterArn, String cluster, int v) {
        String arn = "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":container-instance/" + cluster + "/host";
        String instanceId = "i-0" + cluster;
        account.putContainerInstance(clusterArn, new Ecs.ContainerInstance(arn, instanceId, "1.89.0", true, "ACTIVE",
                Set.of("ecs.capability.execute-command"), null, "linux"));
        account.putInstance(new Ec2.Instance(instanceId, subnet(v, 2), vpc(v), List.of(sg(v)), "203.0.113." + v,
                "10." + v + ".2.10"));
        return arn;
    }

    /** Two private subnets (0, 1) and a public one (2); egress decided by {@code egress}. */
    private static void putVpc(InMemoryAccount account, int v, Egress egress) {
        String vpc = vpc(v);
        account.putVpc(new Ec2.Vpc(vpc, ACCOUNT, "10." + v + ".0.0/16", true, egress == Egress.ENDPOINT));
        for (int s = 0; s < 3; s++) {
            account.putSubnet(new Ec2.Subnet(subnet(v, s), vpc, REGION + (s == 1 ? "b" : "a"), ACCOUNT,
                    "10." + v + "." + s + ".0/24", false));
        }
        Ec2.Route local = new Ec2.Route("10." + v + ".0.0/16", null, "local", "active");
        String igw = "igw-0" + v;
        String nat = "nat-0" + v;
        account.putInternetGateway(new Ec2.InternetGateway(igw, vpc, "available"));
        account.putRouteTable(new Ec2.RouteTable("rtb-0public" + v, vpc, false, List.of(subnet(v, 2)),
                List.of(local, new Ec2.Route("0.0.0.0/0", null, igw, "active"))));
        List<Ec2.Route> privateRoutes = egress == Egress.NAT
                ? List.of(local, new Ec2.Route("0.0.0.0/0", null, nat, "active")) : List.of(local);
        account.putRouteTable(new Ec2.RouteTable("rtb-0private" + v, vpc, false, List.of(subnet(v, 0), subnet(v, 1)),
                privateRoutes));
        account.putRouteTable(new Ec2.RouteTable("rtb-0main" + v, vpc, true, List.of(), List.of(local)));
        if (egress == Egress.NAT) {
            account.putNatGateway(new Ec2.NatGateway(nat, vpc, subnet(v, 2), "available", "public"));
        }
        Ec2.SecurityGroupRule allOut = new Ec2.SecurityGroupRule("-1", null, null, List.of("0.0.0.0/0"), List.of(),
                List.of());
        account.putSecurityGroup(new Ec2.SecurityGroup(sg(v), vpc, List.of(), List.of(allOut)));
        if (egress == Egress.ENDPOINT) {
            String endpointSg = "sg-0vpce" + v;
            account.putSecurityGroup(new Ec2.SecurityGroup(endpointSg, vpc, List.of(new Ec2.SecurityGroupRule("tcp",
                    443, 443, List.of(), List.of(sg(v)), List.of())), List.of()));
            account.putVpcEndpoint(new Ec2.VpcEndpoint("vpce-0" + v, vpc, "com.amazonaws." + REGION + ".ssmmessages",
                    "Interface", "available", true, List.of(endpointSg), List.of(subnet(v, 0), subnet(v, 1))));
        }
    }

    private static String clusterName(int c) {
        return String.format("cluster-%02d", c);
    }

    private static String vpc(int v) {
        return "vpc-0" + v;
    }

    private static String subnet(int v, int s) {
        return "subnet-0" + v + "x" + s;
    }

    private static String sg(int v) {
        return "sg-0task" + v;
    }

    private static String ip(int task) {
        return "10.0." + (task / 250) + "." + (task % 250 + 4);
    }
}
