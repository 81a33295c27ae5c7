package io.github.ecsexecreadiness.wire;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.ecsexecreadiness.moto.RecordingProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripting HTTP proxy in front of an AWS endpoint (a moto server): it forwards every request unchanged,
 * except those a script matches, which get a fault written as the real service writes it (ECS's and
 * Organizations' JSON 1.1 errors, IAM's and EC2's query-protocol XML errors). Every request is recorded with its
 * operation and the SDK's attempt number, so tests can assert what was retried.
 *
 * <pre>
 * try (var aws = ScriptedAws.inFrontOf(moto.endpoint())) {
 *     aws.on("ECS.DescribeTasks").matching("cluster/blue").times(2).answer(Fault.throttling());
 *     try (var clients = new AwsClients(region, credentials, aws.endpoint())) { ... }
 *     aws.attempts("ECS.DescribeTasks");   // 3: two throttled, one forwarded
 * }
 * </pre>
 *
 * Operations are named {@code Service.Operation} as {@code ApiCalls} names them (ECS.DescribeTasks,
 * IAM.GetRole, EC2.DescribeSubnets, Organizations.ListAccounts). The service is read from {@code X-Amz-Target} (JSON protocols) or from
 * the SigV4 credential scope (query protocols); the operation from the target or the {@code Action} parameter.
 * Scripts apply in the order they were added; the first one that matches and has answers left answers.
 *
 * <p>Writes go through like reads, so a remediation test can script {@code on("ECS.UpdateService")} or
 * {@code on("IAM.PutRolePolicy")}, read the outcome from moto directly (not through the proxy), and assert on
 * the request bodies recorded here. Add a service to {@link Service} (with its error shape) to script it.
 */
public final class ScriptedAws implements AutoCloseable {
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/");
    private static final Pattern ATTEMPT = Pattern.compile("attempt=(\\d+)");
    /** Hop-by-hop headers and those java.net.http sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "date", "from", "via", "warning", "transfer-encoding", "keep-alive", "server");

    private final URI upstream;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-aws");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Script> scripts = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private ScriptedAws(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a proxy on a free loopback port that forwards to {@code upstream}. Close it. */
    public static ScriptedAws inFrontOf(URI upstream) throws IOException {
        return new ScriptedAws(upstream);
    }

    /** http://127.0.0.1:port: give it to {@code AwsClients} as the endpoint override. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Starts a script for one operation, e.g. {@code on("IAM.GetRole")}; it acts once {@link Script#answer} is called. */
    public Script on(String operation) {
        return new Script(operation);
    }

    /** Every request received so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests (attempts included) for one operation. */
    public List<Request> requests(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).toList();
    }

    /** How many HTTP requests (attempts, not calls) reached this operation. */
    public int attempts(String operation) {
        return requests(operation).size();
    }

    /** Drops every script and the request log; the proxy keeps running. */
    public void reset() {
        scripts.clear();
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        http.close();
    }

    /**
     * One request as received: {@code attempt} is the SDK's {@code amz-sdk-request} attempt (1 first, 0 unknown),
     * {@code status} what the client got ({@link #NO_ANSWER} when the connection was dropped), {@code at} when
     * it arrived.
     */
    public record Request(String operation, int attempt, String body, int status, Instant at) {}

    /** The status recorded for a request whose connection was dropped without an answer. */
    public static final int NO_ANSWER = -1;

    /** What the proxy sends back. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A request as the fault sees it: which service (and so which protocol), and how to reach the real answer. */
    public interface Call {
        Service service();

        String operation();

        /** Sends the request to the upstream endpoint and returns its answer. */
        Response forward() throws IOException, InterruptedException;
    }

    /** The services the scan and the sweep talk to, with their error shapes. */
    public enum Service {
        ECS("ECS"), IAM("IAM"), EC2("EC2"), ORGANIZATIONS("Organizations"), ROUTE53("Route53"),
        ROUTE53RESOLVER("Route53Resolver");

        /** As {@code ApiCalls} names the service. */
        private final String label;

        Service(String label) {
            this.label = label;
        }

        /** The error body and content type the service sends with {@code code} and {@code message}. */
        Response error(int status, String code, String message) {
            String requestId = UUID.randomUUID().toString();
            return switch (this) {
                case ECS, ROUTE53RESOLVER -> new Response(status, Map.of("Content-Type",
                        List.of("application/x-amz-json-1.1"), "x-amzn-RequestId", List.of(requestId)),
                        "{\"__type\":\"%s\",\"message\":\"%s\"}".formatted(code, message).getBytes(StandardCharsets.UTF_8));
                case ORGANIZATIONS -> new Response(status, Map.of("Content-Type",
                        List.of("application/x-amz-json-1.1"), "x-amzn-RequestId", List.of(requestId)),
                        "{\"__type\":\"%s\",\"Message\":\"%s\"}".formatted(code, message).getBytes(StandardCharsets.UTF_8));
                case IAM, ROUTE53 -> xml(status, """
                        <ErrorResponse xmlns="https://%s">
                          <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
                          <RequestId>%s</RequestId>
                        </ErrorResponse>
                        """.formatted(this == IAM ? "iam.amazonaws.com/doc/2010-05-08/"
                                : "route53.amazonaws.com/doc/2013-04-01/", code, message, requestId));
                case EC2 -> xml(status, """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors>\
                        <RequestID>%s</RequestID></Response>
                        """.formatted(code, message, requestId));
            };
        }

        private static Response xml(int status, String body) {
            return new Response(status, Map.of("Content-Type", List.of("text/xml")), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An answer in place of (or around) the real one. The factories write what AWS writes. */
    @FunctionalInterface
    public interface Fault {
        Response answer(Call call) throws IOException, InterruptedException;

        /** The service's own error: ECS {@code {"__type":code,...}}, IAM {@code <ErrorResponse>}, EC2 {@code <Response><Errors>}. */
        static Fault error(int status, String code, String message) {
            return call -> call.service().error(status, code, message);
        }

        /** What each service sends when its request rate is exceeded. */
        static Fault throttling() {
            return call -> switch (call.service()) {
                case ECS, ROUTE53RESOLVER -> call.service().error(400, "ThrottlingException", "Rate exceeded");
                case IAM, ROUTE53 -> call.service().error(400, "Throttling", "Rate exceeded");
                case EC2 -> call.service().error(503, "RequestLimitExceeded", "Request limit exceeded.");
                case ORGANIZATIONS -> call.service().error(400, "TooManyRequestsException", "Rate exceeded");
            };
        }

        /** What each service sends when the caller's policy does not allow the action. */
        static Fault accessDenied() {
            return call -> {
                String message = "User: arn:aws:sts::123456789012:assumed-role/scanner/s is not authorized to perform: "
                        + call.operation().toLowerCase(Locale.ROOT).replace('.', ':');
                return switch (call.service()) {
                    case ECS, ROUTE53RESOLVER -> call.service().error(400, "AccessDeniedException", message);
                    case IAM, ROUTE53 -> call.service().error(403, "AccessDenied", message);
                    case EC2 -> call.service().error(403, "UnauthorizedOperation",
                            "You are not authorized to perform this operation.");
                    case ORGANIZATIONS -> call.service().error(400, "AccessDeniedException",
                            "You don't have permissions to access this resource.");
                };
            };
        }

        /** A bare status and body, as a load balancer or proxy in the way sends them (e.g. 502 with HTML). */
        static Fault status(int status, String contentType, String body) {
            return call -> new Response(status, Map.of("Content-Type", List.of(contentType)),
                    body.getBytes(StandardCharsets.UTF_8));
        }

        /** The real answer cut in half: a 200 whose JSON or XML does not parse. */
        static Fault truncated() {
            return call -> {
                Response real = call.forward();
                return new Response(real.status(), real.headers(), Arrays.copyOf(real.body(), real.body().length / 2));
            };
        }

        /** The real answer, after {@code delay} (keep it under the SDK's attempt timeout to test slowness, not timeouts). */
        static Fault slow(Duration delay) {
            return call -> {
                Thread.sleep(delay);
                return call.forward();
            };
        }

        /** No answer at all: the connection is closed before the request reaches the service. */
        static Fault connectionReset() {
            return call -> {
                throw new IOException("connection reset by the script");
            };
        }

        /**
         * The request reaches the service (a write takes effect) but the answer is lost: the connection is closed
         * instead. What a remediation must survive: did my call apply or not?
         */
        static Fault lostAnswer() {
            return call -> {
                call.forward();
                throw new IOException("answer lost by the script");
            };
        }

        /** This answer with one more header, e.g. {@code throttling().withHeader("Retry-After", "1")}. */
        default Fault withHeader(String name, String value) {
            return call -> {
                Response response = answer(call);
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                headers.putAll(response.headers());
                headers.put(name, List.of(value));
                return new Response(response.status(), headers, response.body());
            };
        }
    }

    /** Which requests of one operation get a fault, and how many times. */
    public final class Script {
        private final String operation;
        private String bodyFragment;
        private int remaining = Integer.MAX_VALUE;
        private Fault fault;

        private Script(String operation) {
            this.operation = operation;
        }

        /** Only requests whose body (URL-decoded for the query protocols) contains {@code fragment}, e.g. a cluster ARN. */
        public Script matching(String fragment) {
            this.bodyFragment = fragment;
            return this;
        }

        /** Answers the first {@code n} matching requests, then lets the next ones through. Default: every one. */
        public Script times(int n) {
            this.remaining = n;
            return this;
        }

        /** Activates the script. */
        public void answer(Fault fault) {
            this.fault = fault;
            scripts.add(this);
        }

        private synchronized boolean claim(String op, String body) {
            if (!operation.equals(op) || remaining == 0 || (bodyFragment != null && !body.contains(bodyFragment))) {
                return false;
            }
            remaining--;
            return true;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String text = new String(body, StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            Service service = service(target, exchange.getRequestHeaders().getFirst("Authorization"));
            Map<String, String> form = target == null ? form(text) : Map.of();
            String operation = service.label + "." + (target != null ? target.substring(target.indexOf('.') + 1)
                    : form.getOrDefault("Action", RecordingProxy.restOperation(exchange.getRequestURI())));
            String searchable = target == null ? URLDecoder.decode(text, StandardCharsets.UTF_8) : text;

            Call call = new Call() {
                @Override
                public Service service() {
                    return service;
                }

                @Override
                public String operation() {
                    return operation;
                }

                @Override
                public Response forward() throws IOException, InterruptedException {
                    return ScriptedAws.this.forward(exchange, body);
                }
            };
            Fault fault = scripts.stream().filter(s -> s.claim(operation, searchable)).findFirst()
                    .map(s -> s.fault).orElse(null);
            Instant at = Instant.now();
            Response response;
            try {
                response = fault == null ? call.forward() : fault.answer(call);
            } catch (IOException e) {
                // Thrown out of the handler, it makes the server drop the connection: the client sees it reset.
                requests.add(new Request(operation, attempt(exchange), text, NO_ANSWER, at));
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            requests.add(new Request(operation, attempt(exchange), text, response.status(), at));
            response.headers().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            exchange.getResponseBody().write(response.body());
        }
    }

    private Response forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(30));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(response.statusCode(), response.headers().map(), response.body());
    }

    private static Service service(String target, String authorization) {
        if (target != null && target.startsWith("AmazonEC2ContainerService")) {
            return Service.ECS;
        }
        Matcher scope = CREDENTIAL_SCOPE.matcher(authorization == null ? "" : authorization);
        String name = scope.find() ? scope.group(1).toUpperCase(Locale.ROOT) : "";
        return Arrays.stream(Service.values()).filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a service the proxy knows: " + name
                        + " (X-Amz-Target " + target + ")"));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new TreeMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static int attempt(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("amz-sdk-request");
        Matcher matcher = ATTEMPT.matcher(header == null ? "" : header);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
