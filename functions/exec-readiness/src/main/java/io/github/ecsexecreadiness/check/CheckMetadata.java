package io.github.ecsexecreadiness.check;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a check declares about itself, once: reports, findings and documentation all read it. Built with
 * {@link #builder}, every field named; {@link #build} refuses incomplete metadata.
 *
 * @param id            public, stable identifier ({@code exec.service-flag}); Security Hub finding ids and
 *                      suppressions depend on it, so it never changes
 * @param title         what must hold, as a short sentence
 * @param severity      how bad a FAIL is
 * @param findingType   the Security Hub finding type of its findings
 * @param rationale     why ECS Exec needs it
 * @param remediation   what a person does to fix it, in general terms ({@code <cluster>}); the commands with the
 *                      service's real names are its remedy's advice
 * @param documentation the AWS page that states the requirement
 * @param stopsSession  whether what this check tests can stop an ECS Exec session (not only lose its log or weaken
 *                      security): an UNKNOWN of such a check leaves the service's readiness
 *                      {@link Readiness#UNDETERMINED}, an UNKNOWN of any other check does not
 */
public record CheckMetadata(String id, String title, Severity severity, FindingType findingType, String rationale,
                            String remediation, URI documentation, boolean stopsSession) {
    private static final Pattern ID = Pattern.compile("[a-z]+\\.[a-z0-9]+(-[a-z0-9]+)*");

    public static final String ECS_EXEC_DOC = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html";

    public CheckMetadata {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("check id must look like area.name: " + id);
        }
        Objects.requireNonNull(severity, "check " + id + " lacks a severity");
        Objects.requireNonNull(findingType, "check " + id + " lacks a finding type");
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

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Named setters for the record's fields; {@link #build} validates them all. */
    public static final class Builder {
        private final String id;
        private String title;
        private Severity severity;
        private FindingType findingType;
        private String rationale;
        private String remediation;
        private URI documentation;
        private Boolean stopsSession;

        private Builder(String id) {
            this.id = id;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        public Builder findingType(FindingType findingType) {
            this.findingType = findingType;
            return this;
        }

        public Builder rationale(String rationale) {
            this.rationale = rationale;
            return this;
        }

        public Builder remediation(String remediation) {
            this.remediation = remediation;
            return this;
        }

        public Builder documentation(String url) {
            this.documentation = URI.create(url);
            return this;
        }

        /** Whether the check tests something that can stop a session; every check must say so. */
        public Builder stopsSession(boolean stopsSession) {
            this.stopsSession = stopsSession;
            return this;
        }

        public CheckMetadata build() {
            if (stopsSession == null) {
                throw new IllegalArgumentException("check " + id + " must say whether it can stop a session");
            }
            return new CheckMetadata(id, title, severity, findingType, rationale, remediation, documentation,
                    stopsSession);
        }
    }
}
