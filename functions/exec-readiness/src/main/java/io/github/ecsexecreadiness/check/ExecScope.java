package io.github.ecsexecreadiness.check;

import io.github.ecsexecreadiness.model.Ecs;
import java.util.Arrays;

/**
 * Which services should have ECS Exec. Some teams turn it off on purpose: with {@link #TAGGED}, only services
 * tagged {@code ecs-exec-readiness:expected=true} are expected to have it; for the others
 * {@code exec.service-flag} is NOT_APPLICABLE, and while their flag is off every check is (nothing is planned,
 * so nothing turns exec on for them).
 */
public enum ExecScope {
    /** Every service should have ECS Exec (the default). */
    EVERY_SERVICE("every-service"),
    /** Only services tagged {@link #EXPECTED_TAG}{@code =true}. */
    TAGGED("tagged");

    /** The tag that marks a service as expected to have ECS Exec in {@link #TAGGED} mode (value {@code true}). */
    public static final String EXPECTED_TAG = "ecs-exec-readiness:expected";

    private final String value;

    ExecScope(String value) {
        this.value = value;
    }

    /** As the template's ExecExpected parameter and the command line spell it. */
    public String value() {
        return value;
    }

    /** @throws IllegalArgumentException for any other spelling */
    public static ExecScope named(String value) {
        return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(value + " is not one of every-service, tagged"));
    }

    /** Tag keys are case-sensitive in AWS; the value {@code true} is read in any case. */
    public boolean expects(Ecs.Service service) {
        return this == EVERY_SERVICE || "true".equalsIgnoreCase(service.tags().get(EXPECTED_TAG));
    }
}
