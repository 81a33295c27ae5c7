package io.github.ecsexecreadiness.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One cold start of a Lambda handler, as the Java runtime does it: load the class, call its public no-argument
 * constructor (the init phase), hand it one event. Not a test: {@code bin/cold-start} runs it in a fresh JVM per
 * sample against moto (the handler's SDK clients find it through {@code AWS_ENDPOINT_URL}) and takes the
 * median. Prints one line on standard error:
 * {@code cold-start handled-at-epoch-ns=... cpu-ms=... init-ms=... handle-ms=... result=...}, where cpu-ms is the
 * CPU time the JVM has used by then (all its threads: less sensitive than wall time to other processes on a
 * shared machine); the handler's own log lines go to standard output, as in Lambda.
 */
public final class ColdStart {
    private ColdStart() {}

    /** @param args the handler's class name and the event file */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ColdStart <handler class> <event file>");
        }
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        long start = System.nanoTime();
        var handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
        long initialised = System.nanoTime();
        var result = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), result, context());
        long handled = System.nanoTime();
        Instant now = Instant.now();
        Duration cpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
        System.err.printf("cold-start handled-at-epoch-ns=%d cpu-ms=%d init-ms=%.1f handle-ms=%.1f result=%s%n",
                now.getEpochSecond() * 1_000_000_000L + now.getNano(), cpu.toMillis(), (initialised - start) / 1e6,
                (handled - initialised) / 1e6, result.toString(StandardCharsets.UTF_8));
    }

    /** A Context with a full 15 minutes left and no names: handlers only ask it for the time left. */
    private static Context context() {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, methodArgs) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> 900_000;
                    case "getMemoryLimitInMB" -> 1024;
                    case "getAwsRequestId" -> "cold-start";
                    case "toString" -> "ColdStart context";
                    default -> null;
                });
    }
}
