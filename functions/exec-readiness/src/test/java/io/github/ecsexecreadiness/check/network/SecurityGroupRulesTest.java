package io.github.ecsexecreadiness.check.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ecsexecreadiness.check.network.SecurityGroupRules.Peer;
import io.github.ecsexecreadiness.model.Ec2;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityGroupRulesTest {
    private static final Peer TASK = new Peer(List.of("sg-task"), Ipv4Cidr.parse("10.0.1.10"));

    private static Ec2.SecurityGroupRule rule(String protocol, Integer from, Integer to, String peer) {
        List<String> none = List.of();
        return new Ec2.SecurityGroupRule(protocol, from, to,
                peer.contains(".") ? List.of(peer) : none,
                peer.startsWith("sg-") ? List.of(peer) : none,
                peer.startsWith("pl-") ? List.of(peer) : none);
    }

    @ParameterizedTest(name = "{0} {1}-{2} from {3}: {4}")
    @CsvSource(nullValues = "null", value = {
        "-1,   null, null, 0.0.0.0/0,     true",
        "tcp,  443,  443,  sg-task,       true",
        "tcp,  0,    65535, 10.0.0.0/16,  true",
        "6,    443,  443,  10.0.1.10/32,  true",
        "tcp,  80,   80,   sg-task,       false",
        "tcp,  444,  1000, 0.0.0.0/0,     false",
        "udp,  443,  443,  sg-task,       false",
        "tcp,  443,  443,  sg-other,      false",
        "tcp,  443,  443,  10.0.2.0/24,   false",
        // prefix list entries are not in the snapshot: never a match
        "tcp,  443,  443,  pl-0abc,       false",
        "tcp,  null, null, 0.0.0.0/0,     false",
    })
    void matchesProtocolPortAndPeer(String protocol, Integer from, Integer to, String peer, boolean expected) {
        assertEquals(expected, SecurityGroupRules.allowTcp(List.of(rule(protocol, from, to, peer)), 443, TASK));
    }

    @ParameterizedTest(name = "peer block {0} within rule {1}: {2}")
    @CsvSource({
        "10.0.1.0/24, 10.0.0.0/16, true",
        "10.0.1.0/24, 10.0.1.10/32, false",
        "0.0.0.0/0,   0.0.0.0/0,   true",
        "0.0.0.0/0,   10.0.0.0/8,  false",
    })
    void aCidrMustHoldEveryAddressOfThePeer(String peerBlock, String ruleCidr, boolean expected) {
        var peer = new Peer(List.of(), Ipv4Cidr.parse(peerBlock));
        assertEquals(expected, SecurityGroupRules.allowTcp(List.of(rule("tcp", 443, 443, ruleCidr)), 443, peer));
    }

    @ParameterizedTest
    @CsvSource({"tcp, 443, pl-a", "tcp, 80, ''", "-1, 0, pl-a"})
    void namesPrefixListsOpeningThePort(String protocol, int port, String expected) {
        var rules = List.of(rule(protocol, port, port, "pl-a"), rule("tcp", 443, 443, "sg-task"));
        assertEquals(expected, String.join(",", SecurityGroupRules.prefixListsForTcp(rules, 443)));
    }
}
