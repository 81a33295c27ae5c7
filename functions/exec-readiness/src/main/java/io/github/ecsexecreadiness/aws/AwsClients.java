package io.github.ecsexecreadiness.aws;

import io.github.ecsexecreadiness.collect.ApiCalls;
import io.github.ecsexecreadiness.iam.CallsAws;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53resolver.Route53ResolverClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The SDK clients of one account and Region, configured once: one HTTP client, adaptive retries (ECS and
 * IAM throttle under bulk reads), bounded call times, and every API call counted in {@link #apiCalls()}.
 * Create it at init (outside the Lambda handler) and reuse it; {@link #close()} releases everything.
 */
public final class AwsClients implements AutoCloseable {
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /** Two more than the SDK's 3: a bulk scan meets throttling in bursts and should ride them out, not fail. */
    private static final int MAX_ATTEMPTS = 5;

    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final URI endpointOverride;
    private final ApiCalls apiCalls = new ApiCalls();
    private final ExecutionInterceptor callCounter = new CallCounter(apiCalls);
    private final ExecutionInterceptor answerShape = new AnswerShape();
    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(ATTEMPT_TIMEOUT)
            .build();
    private final List<SdkAutoCloseable> built = new CopyOnWriteArrayList<>();
    private EcsClient ecs;
    private IamClient iam;
    private Ec2Client ec2;
    private Route53Client route53;
    private Route53ResolverClient route53Resolver;
    private KmsClient kms;
    private CloudWatchLogsClient logs;
    private S3Client s3;

    /**
     * @param profile          a named profile of the shared config files, or null for the default chain
     *                         (environment, web identity, container and instance credentials: SnapStart needs
     *                         the container provider, so never pin the environment provider)
     * @param endpointOverride one endpoint for every service (moto, LocalStack), or null for AWS
     */
    public static AwsClients create(Region region, String profile, URI endpointOverride) {
        return new AwsClients(region, credentialsProvider(profile), endpointOverride);
    }

    /** The named profile's credentials, or the default chain's when {@code profile} is null (see above). */
    public static AwsCredentialsProvider credentialsProvider(String profile) {
        return profile == null ? DefaultCredentialsProvider.builder().build() : ProfileCredentialsProvider.create(profile);
    }

    public AwsClients(Region region, AwsCredentialsProvider credentials, URI endpointOverride) {
        this.region = region;
        this.credentials = credentials;
        this.endpointOverride = endpointOverride;
    }

    // Built on first use, so that a function builds only the clients its role calls (the sweep's scheduler
    // none of these); a handler that reads the account asks for them at init, for SnapStart to snapshot.

    public synchronized EcsClient ecs() {
        if (ecs == null) {
            ecs = build(EcsClient.builder());
        }
        return ecs;
    }

    public synchronized IamClient iam() {
        if (iam == null) {
            // IAM is global: its endpoint lives in the partition's global region, unless everything is overridden.
            iam = build(IamClient.builder(), endpointOverride == null ? globalRegion(region) : region);
        }
        return iam;
    }

    public synchronized Ec2Client ec2() {
        if (ec2 == null) {
            ec2 = build(Ec2Client.builder());
        }
        return ec2;
    }

    public synchronized Route53Client route53() {
        if (route53 == null) {
            // Route 53 is global like IAM.
            route53 = build(Route53Client.builder(), endpointOverride == null ? globalRegion(region) : region);
        }
        return route53;
    }

    public synchronized Route53ResolverClient route53Resolver() {
        if (route53Resolver == null) {
            route53Resolver = build(Route53ResolverClient.builder());
        }
        return route53Resolver;
    }

    public synchronized KmsClient kms() {
        if (kms == null) {
            kms = build(KmsClient.builder());
        }
        return kms;
    }

    public synchronized CloudWatchLogsClient logs() {
        if (logs == null) {
            logs = build(CloudWatchLogsClient.builder());
        }
        return logs;
    }

    /**
     * S3 with cross-Region access: a session log bucket may be in any Region, and the client follows the
     * redirect to it. Path-style addressing against an overriding endpoint (moto has no bucket host names).
     */
    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = build(S3Client.builder().crossRegionAccessEnabled(true).forcePathStyle(endpointOverride != null));
        }
        return s3;
    }

    /** The account the credentials belong to: STS GetCallerIdentity, which no IAM policy can deny. */
    @CallsAws(operation = "STS.GetCallerIdentity", statements = {})
    public String accountId() {
        return AwsCall.call("STS.GetCallerIdentity", () -> build(StsClient.builder()).getCallerIdentity().account());
    }

    /** The service names of the clients built so far (ecs, sqs...): a function builds only those its role calls. */
    public Set<String> servicesBuilt() {
        return built.stream().filter(SdkClient.class::isInstance).map(c -> ((SdkClient) c).serviceName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Calls made so far by every client built here. */
    public ApiCalls apiCalls() {
        return apiCalls;
    }

    public Region region() {
        return region;
    }

    /** The credentials every client here signs with (the central account's, for {@link MemberAccounts}). */
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /**
     * Builds any other SDK client of this Region with the same settings (e.g.
     * {@code build(ConfigClient.builder())}). The client is closed with this object.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C build(B builder) {
        return build(builder, region, http);
    }

    /**
     * An Organizations client, closed with this object. Organizations is global like IAM, but its SDK endpoint
     * rules already send every Region of a partition to the partition's one endpoint (us-east-1,
     * cn-northwest-1, us-gov-west-1) and sign for it, so it is built for this Region.
     */
    public OrganizationsClient organizations() {
        return build(OrganizationsClient.builder());
    }

    /**
     * A Security Hub client on its own Apache HTTP client: BatchUpdateFindings is an HTTP PATCH, which the
     * URLConnection client used by the others cannot send. Closed with this object.
     */
    public SecurityHubClient securityHub() {
        SdkHttpClient apache = ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(ATTEMPT_TIMEOUT)
                .build();
        built.add(apache);
        return build(SecurityHubClient.builder(), region, apache);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C build(
            B builder, Region clientRegion) {
        return build(builder, clientRegion, http);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C build(
            B builder, Region clientRegion, SdkHttpClient httpClient) {
        builder.region(clientRegion)
                .httpClient(httpClient)
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.ADAPTIVE_V2)
                        .retryStrategy(retry -> retry.maxAttempts(MAX_ATTEMPTS))
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT)
                        .addExecutionInterceptor(callCounter)
                        .addExecutionInterceptor(answerShape)
                        .build());
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        C client = builder.build();
        built.add(client);
        return client;
    }

    @Override
    public void close() {
        // Clients before the HTTP clients they use: the list holds them in that order.
        built.reversed().forEach(SdkAutoCloseable::close);
        http.close();
    }

    /** aws-global, aws-cn-global or aws-us-gov-global: where IAM's endpoint is for the Region's partition. */
    static Region globalRegion(Region region) {
        return switch (partition(region)) {
            case "aws" -> Region.AWS_GLOBAL;
            case "aws-cn" -> Region.AWS_CN_GLOBAL;
            case "aws-us-gov" -> Region.AWS_US_GOV_GLOBAL;
            default -> region;
        };
    }

    /** aws, aws-cn, aws-us-gov...: the partition of a Region ("aws" for one the SDK does not know). */
    public static String partition(Region region) {
        var metadata = region.metadata();
        return metadata == null ? "aws" : metadata.partition().id();
    }

    /** Counts each API call once, before the first attempt, so retries do not inflate it. */
    private record CallCounter(ApiCalls apiCalls) implements ExecutionInterceptor {
        private static final Map<String, String> SERVICE_NAMES = Map.of("ecs", "ECS", "iam", "IAM", "ec2", "EC2",
                "dynamodb", "DynamoDB", "sqs", "SQS", "sts", "STS", "kms", "KMS");

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            apiCalls.record(SERVICE_NAMES.getOrDefault(service.toLowerCase(Locale.ROOT), service) + "."
                    + operation);
        }
    }
}
