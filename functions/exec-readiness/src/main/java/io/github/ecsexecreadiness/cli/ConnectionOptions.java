package io.github.ecsexecreadiness.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Option;

/** Where to connect: the options every command that calls AWS shares, spelled as the AWS CLI spells them. */
public final class ConnectionOptions {
    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS Region (default: `AWS_REGION`, then the profile's region)")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "named profile from the AWS config files")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "send every API call to this endpoint (moto, LocalStack)")
    String endpointUrl;

    /** The options checked as the old parser did; a blank value is a missing one. */
    Connection connection() {
        return new Connection(Values.required(region, "--region"), Values.required(profile, "--profile"),
                endpointUrl == null ? null : uri(Values.required(endpointUrl, "--endpoint-url")));
    }

    /** Where to connect, checked: a Region and profile (null for the SDK's defaults) and an endpoint or null. */
    public record Connection(String region, String profile, URI endpointUrl) {}

    private static URI uri(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new UsageException("--endpoint-url must be an http(s) URL, not " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--endpoint-url is not a URL: " + text);
        }
    }
}
