package io.github.ecsexecreadiness.check;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a check declares about itself, once: reports, findings and documentation all read it.
 *
 * @param id            public, stable identifier ({@code exec.service-flag}); Security Hub finding ids and
 *                      suppressions depend on it, so it never changes
 * @param title         what must hold, as a short sentence
 * @param severity      how bad a FAIL is
 * @param rationale     why ECS Exec needs it
 * @param remediation   what a person does to fix it
 * @param documentation the AWS page that states the requirement
 */
public record CheckMetadata(String id, String title, Severity severity, String rationale, String remediation,
                            URI documentation) {
    private static final Pattern ID = Pattern.compile("[a-z]+\\.[a-z0-9]+(-[a-z0-9]+)*");

    public CheckMetadata {
        Objects.requireNonNull(severity, "severity");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("check id must look like area.name: " + id);
        }
        for (String text : new String[] {title, rationale, remediation}) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("check " + id + " lacks title, rationale or remediation");
            }
        }
        if (documentation == null || !"https".equals(documentation.getScheme())
                || !documentation.getHost().endsWith("aws.amazon.com")) {
            throw new IllegalArgumentException("check " + id + " must link AWS documentation: " + documentation);
        }
    }

    public static final String ECS_EXEC_DOC = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html";
}
