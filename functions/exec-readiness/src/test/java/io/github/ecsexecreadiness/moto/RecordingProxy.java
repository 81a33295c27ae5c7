package io.github.ecsexecreadiness.moto;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy on a loopback port that forwards every request to moto and records the AWS operation each one
 * asks for, as it appears on the wire: the {@code X-Amz-Target} header (JSON protocols: ECS, Config) or the
 * {@code Action} form parameter (query protocols: IAM, EC2), with the service from the SigV4 credential scope.
 * Point an {@code --endpoint-url} at {@link #endpoint()} to see what a client really sent.
 */
public final class RecordingProxy implements AutoCloseable {
    /** Headers the JDK HTTP client sets itself and refuses to copy. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding");
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([^&]+)");

    private final URI target;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> operations = new CopyOnWriteArrayList<>();

    public RecordingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request so far, in order, as {@code service.Operation}, the service as the credential scope names it. */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            operations.add(operation(exchange, body));
            var request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String operation(HttpExchange exchange, byte[] body) {
        var headers = exchange.getRequestHeaders();
        Matcher scope = SCOPE.matcher(String.valueOf(headers.getFirst("Authorization")));
        String service = scope.find() ? scope.group(1) : "?";
        String amzTarget = headers.getFirst("X-Amz-Target");
        if (amzTarget != null) {
            return service + "." + amzTarget.substring(amzTarget.lastIndexOf('.') + 1);
        }
        String form = new String(body, StandardCharsets.UTF_8) + "&" + exchange.getRequestURI().getRawQuery();
        Matcher action = ACTION.matcher(form);
        return service + "." + (action.find() ? URLDecoder.decode(action.group(1), StandardCharsets.UTF_8)
                : restOperation(exchange.getRequestURI()));
    }

    /** The operation of a REST protocol request (Route 53), named by its path; "?" for one not known here. */
    public static String restOperation(URI uri) {
        return uri.getPath().endsWith("/hostedzonesbyvpc") ? "ListHostedZonesByVPC" : "?";
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
    }
}
