package io.github.ecsexecreadiness.check;

import java.util.Objects;
import java.util.regex.Pattern;

/** One check's verdict for one service; {@code reason} is one line naming the concrete values. */
public record CheckResult(CheckMetadata check, Status status, String reason) {
    /** Line breaks and the blanks around them: a reason is one line. Compiled once (16 results per service). */
    private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : LINE_BREAK.matcher(reason).replaceAll(" ").strip();
    }

    public String id() {
        return check.id();
    }
}
