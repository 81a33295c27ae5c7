package io.github.ecsexecreadiness.check.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "0.0.0.0/0,      10.0.1.10,      true",
        "0.0.0.0/0,      0.0.0.0/0,      true",
        "10.0.0.0/16,    10.0.1.10,      true",
        "10.0.0.0/16,    10.0.1.0/24,    true",
        "10.0.0.0/16,    10.1.0.0/24,    false",
        "10.0.1.0/24,    10.0.0.0/16,    false",
        "10.0.1.10/32,   10.0.1.10,      true",
        "10.0.1.10/32,   10.0.1.11,      false",
        "10.0.1.10,      10.0.1.10/32,   true",
        "10.0.0.0/16,    0.0.0.0/0,      false",
        "192.168.0.0/16, 192.169.0.1,    false",
        "128.0.0.0/1,    200.1.2.3,      true",
        "128.0.0.0/1,    127.255.255.255, false",
        // a host address written with a prefix is read as its network
        "10.0.1.77/24,   10.0.1.200,     true",
    })
    void containment(String block, String other, boolean expected) {
        assertEquals(expected, Ipv4Cidr.parse(block).contains(Ipv4Cidr.parse(other)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0/16", "10.0.0.256/32", "10.0.0.0/33", "::/0", "pl-0abc", "10.0.0.0/-1"})
    void rejectsWhatIsNotIpv4(String text) {
        assertThrows(IllegalArgumentException.class, () -> Ipv4Cidr.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"10.0.1.77/24, 10.0.1.0/24", "255.255.255.255, 255.255.255.255/32", "0.0.0.0/0, 0.0.0.0/0"})
    void printsTheNetwork(String text, String printed) {
        assertEquals(printed, Ipv4Cidr.parse(text).toString());
    }
}
