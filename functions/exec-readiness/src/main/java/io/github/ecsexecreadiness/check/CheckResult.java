package io.github.ecsexecreadiness.check;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One check's verdict for one service; {@code reason} is one line naming the concrete values.
 *
 * @param advice the commands, with this service's names filled in, that repair what the reason reports (its
 *               check's {@link Remedy#advice}); empty when none can be given or nothing needs repair
 */
public record CheckResult(CheckMetadata check, Status status, String reason, List<String> advice) {
    /** Line breaks and the blanks around them: a reason is one line. Compiled once (16 results per service). */
    private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : LINE_BREAK.matcher(reason).replaceAll(" ").strip();
        advice = List.copyOf(advice);
    }

    /** A verdict without advice. */
    public CheckResult(CheckMetadata check, Status status, String reason) {
        this(check, status, reason, List.of());
    }

    public String id() {
        return check.id();
    }

    /** The same verdict with these commands as its advice. */
    public CheckResult withAdvice(List<String> commands) {
        return new CheckResult(check, status, reason, commands);
    }
}
