package io.github.ecsexecreadiness.check;

import java.util.Objects;

/** One check's verdict for one service; {@code reason} is one line naming the concrete values. */
public record CheckResult(CheckMetadata check, Status status, String reason) {
    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    public String id() {
        return check.id();
    }
}
