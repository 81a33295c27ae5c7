package io.github.ecsexecreadiness.cli;

import io.github.ecsexecreadiness.collect.Scope;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/** The options of {@code scan}, parsed strictly: anything unexpected is a {@link UsageException}. */
public record ScanOptions(String region, String profile, URI endpointUrl, List<String> clusters, String service,
                          Output output, boolean stats) {

    public enum Output { TABLE, JSON }

    static final String USAGE = """
            Usage: ecs-exec-readiness scan [options]
              --region REGION        AWS Region (default: AWS_REGION, then the profile's region)
              --profile NAME         named profile from the AWS config files
              --endpoint-url URL     send API calls to this endpoint (moto, LocalStack)
              --cluster NAME|ARN     scan only this cluster (repeatable)
              --service NAME|ARN     scan only this service (a name needs exactly one --cluster)
              --output table|json    output format (default: table)
              --stats                print the API calls made and the time taken
            Exit code: 0 every service is ready, 1 at least one is not, 2 error.""";

    public ScanOptions {
        clusters = List.copyOf(clusters);
    }

    public Scope scope() {
        return new Scope(clusters, service);
    }

    public static ScanOptions parse(List<String> args) {
        String region = null;
        String profile = null;
        URI endpoint = null;
        List<String> clusters = new ArrayList<>();
        String service = null;
        Output output = Output.TABLE;
        boolean stats = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--region" -> region = value(args, ++i, arg);
                case "--profile" -> profile = value(args, ++i, arg);
                case "--endpoint-url" -> endpoint = uri(value(args, ++i, arg));
                case "--cluster" -> clusters.add(value(args, ++i, arg));
                case "--service" -> {
                    if (service != null) {
                        throw new UsageException("--service may be given once");
                    }
                    service = value(args, ++i, arg);
                }
                case "--output" -> output = switch (value(args, ++i, arg)) {
                    case "table" -> Output.TABLE;
                    case "json" -> Output.JSON;
                    default -> throw new UsageException("--output must be table or json, not " + args.get(i));
                };
                case "--stats" -> stats = true;
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        if (service != null && !service.startsWith("arn:") && clusters.size() != 1) {
            throw new UsageException("--service " + service + " needs exactly one --cluster (or pass the service ARN)");
        }
        return new ScanOptions(region, profile, endpoint, clusters, service, output, stats);
    }

    static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--") || args.get(index).isBlank()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

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
