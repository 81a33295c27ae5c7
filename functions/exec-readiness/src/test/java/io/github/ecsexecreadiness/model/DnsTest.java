package io.github.ecsexecreadiness.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnsTest {
    private static final String HOST = "ssmmessages.eu-west-1.amazonaws.com";

    @ParameterizedTest(name = "zone {0} -> resolved elsewhere: {1}")
    @CsvSource({
        "ssmmessages.eu-west-1.amazonaws.com.,  true",
        "SSMMESSAGES.eu-west-1.amazonaws.com,   true",
        "eu-west-1.amazonaws.com.,              true",
        "amazonaws.com.,                        true",
        "messages.eu-west-1.amazonaws.com.,     false",
        "kms.eu-west-1.amazonaws.com.,          false",
        "ssmmessages.eu-west-1.amazonaws.com.cn., false",
    })
    void aZoneCoversItsNameAndEverythingBelow(String zone, boolean covers) {
        var resolution = new Dns.VpcResolution(List.of(new Dns.PrivateHostedZone("Z1", zone)), List.of());

        assertEquals(covers, resolution.resolvedElsewhere(HOST).isPresent());
    }

    @ParameterizedTest(name = "{0} {1} and {2} {3} -> {4}")
    @CsvSource({
        "amazonaws.com., FORWARD, ssmmessages.eu-west-1.amazonaws.com., SYSTEM,  ''",
        "amazonaws.com., SYSTEM,  ssmmessages.eu-west-1.amazonaws.com., FORWARD, rslvr-rr-2",
        "., FORWARD,              example.com.,                         SYSTEM,  rslvr-rr-1",
        "., RECURSIVE,            example.com.,                         FORWARD, ''",
    })
    void theMostSpecificResolverRuleDecides(String domain1, String type1, String domain2, String type2,
                                            String forwardedBy) {
        var resolution = new Dns.VpcResolution(List.of(), List.of(new Dns.ResolverRule("rslvr-rr-1", domain1, type1),
                new Dns.ResolverRule("rslvr-rr-2", domain2, type2)));

        Optional<String> elsewhere = resolution.resolvedElsewhere(HOST);

        assertEquals(!forwardedBy.isEmpty(), elsewhere.isPresent(), elsewhere.toString());
        elsewhere.ifPresent(reason -> assertEquals(HOST + " is forwarded by Resolver rule " + forwardedBy,
                reason.substring(0, reason.indexOf(" (")), reason));
    }
}
