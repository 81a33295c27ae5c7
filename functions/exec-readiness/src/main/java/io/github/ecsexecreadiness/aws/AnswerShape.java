package io.github.ecsexecreadiness.aws;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Rejects a successful HTTP answer that is not the operation's answer: an empty body, or a 200 page from a
 * proxy or portal in the way. The SDK parses those into an empty response (no tasks, no roles, no subnets),
 * which the collector would take for "nothing there" and turn into wrong verdicts (and the sweep for "no
 * account in scope"). Every ECS and Organizations answer (JSON 1.1) is a JSON object; every IAM and EC2
 * answer (query protocol) is XML whose root is {@code <OperationResponse>}. A rejected answer fails the call
 * with an {@link SdkClientException} (a ClientError for the collector). Only the first bytes are looked at; the
 * SDK reads the rest as usual.
 */
final class AnswerShape implements ExecutionInterceptor {
    private static final int PEEK = 512;

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(Locale.ROOT);
        boolean json = service.equals("ecs") || service.equals("organizations");
        boolean query = service.equals("iam") || service.equals("ec2");
        if (!context.httpResponse().isSuccessful() || !(json || query)) {
            return body;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        var buffered = new BufferedInputStream(body.orElse(InputStream.nullInputStream()), PEEK);
        String start = peek(buffered).stripLeading().replaceFirst("^\uFEFF", "");
        boolean expected = json ? start.startsWith("{") : rootElement(start).equals(operation + "Response");
        if (!expected) {
            String firstLine = start.lines().findFirst().orElse("");
            String shown = start.isEmpty() ? "an empty body"
                    : "\"" + firstLine.substring(0, Math.min(60, firstLine.length())) + "\"";
            throw SdkClientException.create("HTTP " + context.httpResponse().statusCode() + " with " + shown
                    + ", not " + (json ? "a JSON object" : "<" + operation + "Response>"));
        }
        return Optional.of(buffered);
    }

    /** The first bytes, leaving {@code in} where it was. A read error is a client error, as the SDK's own. */
    private static String peek(BufferedInputStream in) {
        try {
            in.mark(PEEK);
            byte[] bytes = in.readNBytes(PEEK);
            in.reset();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SdkClientException.create("reading the answer failed: " + e.getMessage(), e);
        }
    }

    /** The name of the first element, after an optional XML declaration; "" when there is none. */
    static String rootElement(String xml) {
        String rest = xml.startsWith("<?") ? xml.substring(Math.max(0, xml.indexOf("?>") + 2)).stripLeading() : xml;
        if (!rest.startsWith("<")) {
            return "";
        }
        int end = 1;
        while (end < rest.length() && !Character.isWhitespace(rest.charAt(end)) && "/>".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        return rest.substring(1, end);
    }
}
