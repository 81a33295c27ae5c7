package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute;
import software.amazon.awssdk.awscore.endpoints.authscheme.SigV4AuthScheme;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.endpoints.OrganizationsEndpointParams;
import software.amazon.awssdk.services.organizations.endpoints.OrganizationsEndpointProvider;

/**
 * Where the Organizations client of {@link AwsClients#organizations()} (SdkOrganizationsReader's, in Lambda)
 * sends its requests and for which Region it signs them: Organizations has one endpoint per partition, whatever
 * the caller's Region. (SdkOrganizationsReaderMotoTest covers the operations, paging and errors.)
 */
class SdkOrganizationsReaderTest {
    private static final StaticCredentialsProvider KEYS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "eu-west-1, https://organizations.us-east-1.amazonaws.com, us-east-1",
            "us-east-1, https://organizations.us-east-1.amazonaws.com, us-east-1",
            "ap-southeast-2, https://organizations.us-east-1.amazonaws.com, us-east-1",
            "cn-north-1, https://organizations.cn-northwest-1.amazonaws.com.cn, cn-northwest-1",
            "cn-northwest-1, https://organizations.cn-northwest-1.amazonaws.com.cn, cn-northwest-1",
            "us-gov-east-1, https://organizations.us-gov-west-1.amazonaws.com, us-gov-west-1",
    })
    void oneGlobalEndpointPerPartition(String region, String url, String signingRegion) throws Exception {
        try (var clients = new AwsClients(Region.of(region), KEYS, null)) {
            var configuration = clients.organizations().serviceClientConfiguration();
            var provider = (OrganizationsEndpointProvider) configuration.endpointProvider().orElseThrow();
            var endpoint = provider.resolveEndpoint(
                    OrganizationsEndpointParams.builder().region(configuration.region()).build()).get();
            var sigV4 = (SigV4AuthScheme) endpoint.attribute(AwsEndpointAttribute.AUTH_SCHEMES).getFirst();

            assertAll(
                    () -> assertEquals(URI.create(url), endpoint.url()),
                    () -> assertEquals(signingRegion, sigV4.signingRegion()),
                    () -> assertEquals("organizations", sigV4.signingName()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"eu-west-1", "cn-north-1"})
    void anEndpointOverrideReachesOrganizationsToo(String region) {
        URI moto = URI.create("http://127.0.0.1:5000");
        try (var clients = new AwsClients(Region.of(region), KEYS, moto)) {
            assertEquals(moto, clients.organizations().serviceClientConfiguration().endpointOverride().orElseThrow());
        }
    }

}
