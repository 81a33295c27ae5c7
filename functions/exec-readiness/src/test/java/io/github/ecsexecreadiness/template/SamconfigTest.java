package io.github.ecsexecreadiness.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.github.ecsexecreadiness.ReadsRepositoryFiles;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * samconfig.toml lets a plain {@code sam deploy} succeed: it acknowledges exactly the capabilities the template
 * needs, derived here from the template as CloudFormation derives them, and pins no parameter value.
 */
@ReadsRepositoryFiles
class SamconfigTest {
    /** The resource types for which CloudFormation asks for CAPABILITY_IAM (or CAPABILITY_NAMED_IAM). */
    private static final Set<String> IAM_TYPES = Set.of("AWS::IAM::AccessKey", "AWS::IAM::Group",
            "AWS::IAM::InstanceProfile", "AWS::IAM::ManagedPolicy", "AWS::IAM::Policy", "AWS::IAM::Role",
            "AWS::IAM::User", "AWS::IAM::UserToGroupAddition");
    /** Properties that give an IAM resource a name of the template's choosing: CAPABILITY_NAMED_IAM. */
    private static final Set<String> IAM_NAMES = Set.of("RoleName", "ManagedPolicyName", "GroupName", "UserName",
            "InstanceProfileName");

    private static SamTemplate template;
    private static JsonNode deploy;

    @BeforeAll
    static void load() throws Exception {
        template = SamTemplate.load();
        deploy = new TomlMapper().readTree(template.root().resolve("samconfig.toml").toFile())
                .at("/default/deploy/parameters");
        assertTrue(deploy.isObject(), "samconfig.toml has no [default.deploy.parameters]");
    }

    @Test
    void acknowledgesExactlyTheCapabilitiesTheTemplateNeeds() {
        Set<String> acknowledged = new TreeSet<>(Arrays.asList(deploy.path("capabilities").asText().split("\\s+")));
        assertEquals(Set.of(capabilityNeeded(template).orElseThrow()), acknowledged);
    }

    @Test
    void theStackSetCommandAcknowledgesWhatMemberRoleNeeds() throws Exception {
        String readme = Files.readString(template.root().resolve("README.md"));
        Matcher command = Pattern.compile("create-stack-set [^`]*?--capabilities (\\S+)").matcher(readme);
        assertTrue(command.find(), "no aws cloudformation create-stack-set ... --capabilities in the README");
        assertEquals(capabilityNeeded(SamTemplate.load("member-role.yaml")).orElseThrow(), command.group(1));
    }

    /** A choice made with --guided or --parameter-overrides stays: a later plain sam deploy sends no value. */
    @Test
    void pinsNoParameterValue() {
        assertFalse(deploy.has("parameter_overrides"), "samconfig.toml pins " + deploy.path("parameter_overrides"));
    }

    @Test
    void capabilityRuleTellsNamedFromUnnamedIamResources() throws Exception {
        String unnamed = """
                Resources:
                  Policy: {Type: AWS::IAM::ManagedPolicy, Properties: {PolicyDocument: {}}}
                """;
        assertEquals(Optional.of("CAPABILITY_IAM"), capabilityNeeded(parse(unnamed)));
        assertEquals(Optional.of("CAPABILITY_NAMED_IAM"), capabilityNeeded(parse(
                unnamed + "  Role: {Type: AWS::IAM::Role, Properties: {RoleName: !Sub '${AWS::StackName}-r'}}\n")));
        assertEquals(Optional.of("CAPABILITY_IAM"), capabilityNeeded(parse("""
                Resources:
                  Function: {Type: AWS::Serverless::Function, Properties: {Handler: h}}
                """)), "SAM creates an execution role for a function without Role");
        assertEquals(Optional.empty(), capabilityNeeded(parse("""
                Resources:
                  Function: {Type: AWS::Serverless::Function, Properties: {Role: arn:aws:iam::1:role/r}}
                """)));
    }

    /** CAPABILITY_NAMED_IAM for a named IAM resource, CAPABILITY_IAM for any other, nothing without one. */
    static Optional<String> capabilityNeeded(SamTemplate template) {
        boolean iam = false;
        boolean named = false;
        for (var resource : template.json().path("Resources").properties()) {
            String type = resource.getValue().path("Type").asText();
            JsonNode properties = resource.getValue().path("Properties");
            boolean generatedRole = type.equals(SamTemplate.FUNCTION) && !properties.has("Role")
                    && !template.json().at("/Globals/Function").has("Role");
            if (IAM_TYPES.contains(type) || generatedRole) {
                iam = true;
                named |= IAM_NAMES.stream().anyMatch(properties::has);
            }
        }
        return named ? Optional.of("CAPABILITY_NAMED_IAM") : iam ? Optional.of("CAPABILITY_IAM") : Optional.empty();
    }

    private static SamTemplate parse(String yaml) throws Exception {
        return new SamTemplate(template.root(), CloudFormationYaml.parse(yaml));
    }
}
