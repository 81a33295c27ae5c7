package io.github.ecsexecreadiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ecsexecreadiness.model.Arns;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArnsTest {

    @ParameterizedTest
    @CsvSource({
        "arn:aws:ecs:eu-west-1:111122223333:service/shop/web, 111122223333",
        "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore, aws",
        "arn:aws-cn:iam::111122223333:role/path/to/role, 111122223333",
        "web-task, ''",
    })
    void account(String arn, String account) {
        assertEquals(account.isEmpty() ? Optional.empty() : Optional.of(account), Arns.account(arn));
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:ecs:eu-west-1:111122223333:service/shop/web, shop",
        "arn:aws:ecs:eu-west-1:111122223333:service/web, ''",
    })
    void clusterOfService(String arn, String cluster) {
        assertEquals(cluster.isEmpty() ? Optional.empty() : Optional.of(cluster), Arns.clusterOfService(arn));
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:ecs:eu-west-1:111122223333:cluster/shop, shop",
        "arn:aws-us-gov:ecs:us-gov-west-1:111122223333:cluster/prod-eu_1, prod-eu_1",
    })
    void clusterName(String arn, String name) {
        assertEquals(name, Arns.clusterName(arn));
    }

    @org.junit.jupiter.api.Test
    void notAServiceArn() {
        assertThrows(IllegalArgumentException.class,
                () -> Arns.clusterOfService("arn:aws:ecs:eu-west-1:111122223333:cluster/shop"));
    }
}
