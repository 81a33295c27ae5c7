package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerShapeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<GetRoleResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">|GetRoleResponse",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\\n<DescribeSubnetsResponse xmlns=\"x\">|DescribeSubnetsResponse",
        "<Response><Errors>|Response",
        "<html><body>Welcome</body></html>|html",
        "<empty/>|empty",
        "{\"tasks\":[]}|''",
        "''|''",
    })
    void rootElementIsTheFirstElementAfterTheDeclaration(String xml, String root) {
        assertEquals(root, AnswerShape.rootElement(xml.replace("\\n", "\n")));
    }
}
