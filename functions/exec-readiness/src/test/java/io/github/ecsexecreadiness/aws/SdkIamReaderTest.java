package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SdkIamReaderTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // IAM's RFC 3986 encoding: %20 is a space, %2B a plus.
        "%7B%22a%22%3A%22x%20y%2Bz%22%7D | {\"a\":\"x y+z\"}",
        // A literal '+' cannot appear in RFC 3986 output, but must not become a space if it does.
        "%7B%22a%22%3A%22x+y%22%7D       | {\"a\":\"x+y\"}",
        "%7B%22caf%C3%A9%22%3A1%7D       | {\"café\":1}",
        // Plain JSON (moto's AWS managed policies) is left alone, even when it contains '%' or '+'.
        "{\"a\":\"x+y %41\"}             | {\"a\":\"x+y %41\"}",
        "'  {\"a\":1}'                   | '  {\"a\":1}'",
    })
    void decodesOnlyEncodedDocuments(String returned, String expected) {
        assertEquals(expected, SdkIamReader.decode(returned));
    }
}
