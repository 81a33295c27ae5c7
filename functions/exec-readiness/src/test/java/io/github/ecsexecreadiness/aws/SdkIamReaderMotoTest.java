package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.collect.IamReader;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.moto.SdkSeeder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;

/** SdkIamReader against moto, which URL-encodes documents like IAM (except AWS managed policy versions). */
@StartsEmulator
class SdkIamReaderMotoTest {
    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = MotoServer.ACCOUNT_ID;
    private static final String SSM_CORE = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
    // Characters that URL-encoding changes: spaces, '+', '%', '&', quotes, unicode.
    private static final String INLINE = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",\
            "Resource":"arn:aws:s3:::cfg/a b+c%20&d","Condition":{"StringLike":{"aws:PrincipalTag/team":"café \\"x\\""}}}]}""";
    private static final String EXEC_V1 = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ssmmessages:*","Resource":"*"}]}""";
    private static final String EXEC_V2 = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssmmessages:CreateControlChannel",\
            "ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],"Resource":"*"}]}""";
    private static final String BOUNDARY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    private AwsClients clients;
    private IamReader reader;
    private String execPolicyArn;
    private String boundaryArn;

    @BeforeEach
    void seed() {
        clients = moto.newClients();
        reader = new SdkIamReader(clients.iam());
        IamClient iam = clients.iam();
        execPolicyArn = iam.createPolicy(r -> r.policyName("exec").policyDocument(EXEC_V1)).policy().arn();
        iam.createPolicyVersion(r -> r.policyArn(execPolicyArn).policyDocument(EXEC_V2).setAsDefault(true));
        boundaryArn = iam.createPolicy(r -> r.policyName("boundary").policyDocument(BOUNDARY)).policy().arn();
        iam.createRole(r -> r.roleName("web-task")
                .assumeRolePolicyDocument(SdkSeeder.TASK_ROLE_TRUST).permissionsBoundary(boundaryArn)
                .tags(t -> t.key("team").value("payments")));
        iam.putRolePolicy(r -> r.roleName("web-task").policyName("read-config").policyDocument(INLINE));
        iam.attachRolePolicy(r -> r.roleName("web-task").policyArn(execPolicyArn));
        iam.attachRolePolicy(r -> r.roleName("web-task").policyArn(SSM_CORE));
        iam.createRole(r -> r.roleName("bare").assumeRolePolicyDocument(SdkSeeder.TASK_ROLE_TRUST));
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void authorizationDetailsGiveRolesAndCustomerManagedDocumentsDecoded() throws Exception {
        var details = reader.accountAuthorizationDetails();

        var role = details.roles().stream().filter(r -> r.name().equals("web-task")).findFirst().orElseThrow();
        assertWebTask(role);
        assertEquals(2, details.roles().size());
        assertEquals(json(EXEC_V2), json(details.managedPolicyDocuments().get(execPolicyArn)));
        assertEquals(json(BOUNDARY), json(details.managedPolicyDocuments().get(boundaryArn)));
        assertFalse(details.managedPolicyDocuments().containsKey(SSM_CORE), "AWS managed policies are read one by one");
    }

    @Test
    void authorizationDetailsGiveUsersWithTheirGroupsAndTheGroupsPolicies() throws Exception {
        IamClient iam = clients.iam();
        iam.createGroup(r -> r.groupName("oncall"));
        iam.putGroupPolicy(r -> r.groupName("oncall").policyName("read-config").policyDocument(INLINE));
        iam.attachGroupPolicy(r -> r.groupName("oncall").policyArn(execPolicyArn));
        // moto drops a user's permissions boundary; it is mapped as a role's is (tested above).
        iam.createUser(r -> r.userName("alice"));
        iam.putUserPolicy(r -> r.userName("alice").policyName("own").policyDocument(EXEC_V1));
        iam.attachUserPolicy(r -> r.userName("alice").policyArn(SSM_CORE));
        iam.addUserToGroup(r -> r.groupName("oncall").userName("alice"));

        var details = reader.accountAuthorizationDetails();

        var alice = details.users().getFirst();
        var oncall = details.groups().getFirst();
        assertAll(
                () -> assertEquals("arn:aws:iam::" + ACCOUNT + ":user/alice", alice.arn()),
                () -> assertEquals(json(EXEC_V1), json(alice.inlinePolicies().get("own"))),
                () -> assertEquals(List.of(SSM_CORE), alice.attachedPolicyArns()),
                () -> assertEquals(List.of("oncall"), alice.groupNames()),
                () -> assertEquals("oncall", oncall.name()),
                () -> assertEquals(json(INLINE), json(oncall.inlinePolicies().get("read-config"))),
                () -> assertEquals(List.of(execPolicyArn), oncall.attachedPolicyArns()));
    }

    @Test
    void roleReadsOneRoleDecoded() throws Exception {
        var role = reader.role("web-task").orElseThrow();

        assertWebTask(role);
        var bare = reader.role("bare").orElseThrow();
        assertAll(
                () -> assertEquals(Map.of(), bare.inlinePolicies()),
                () -> assertEquals(List.of(), bare.attachedPolicyArns()),
                () -> assertNull(bare.permissionsBoundaryArn()));
    }

    @Test
    void missingRoleIsEmptyNotAnError() {
        assertTrue(reader.role("deleted-role").isEmpty());
        assertEquals(1L, clients.apiCalls().snapshot().get("IAM.GetRole"));
    }

    @Test
    void managedPolicyDocumentIsTheDefaultVersion() throws Exception {
        assertEquals(json(EXEC_V2), json(reader.managedPolicyDocument(execPolicyArn)));
        // moto returns AWS managed documents as plain JSON: they must pass through untouched.
        var ssmCore = json(reader.managedPolicyDocument(SSM_CORE));
        assertTrue(ssmCore.toString().contains("ssmmessages:CreateControlChannel"), ssmCore.toString());

        var calls = clients.apiCalls().snapshot();
        assertEquals(2L, calls.get("IAM.GetPolicy"));
        assertEquals(2L, calls.get("IAM.GetPolicyVersion"));
    }

    @Test
    void unknownManagedPolicyIsAnApiErrorNamingTheOperation() {
        var error = assertThrows(AwsApiException.class,
                () -> reader.managedPolicyDocument("arn:aws:iam::" + ACCOUNT + ":policy/deleted"));

        assertEquals("IAM.GetPolicy", error.operation());
        assertEquals("NoSuchEntity", error.errorCode());
    }

    private void assertWebTask(IamReader.RoleDetail role) throws Exception {
        assertAll(
                () -> assertEquals("arn:aws:iam::" + ACCOUNT + ":role/web-task", role.arn()),
                () -> assertEquals(List.of("read-config"), List.copyOf(role.inlinePolicies().keySet())),
                () -> assertEquals(json(INLINE), json(role.inlinePolicies().get("read-config"))),
                () -> assertEquals(Set.of(execPolicyArn, SSM_CORE), Set.copyOf(role.attachedPolicyArns())),
                () -> assertEquals(boundaryArn, role.permissionsBoundaryArn()),
                () -> assertEquals(Map.of("team", "payments"), role.tags()),
                // the trust policy comes with the role, decoded, in the same call
                () -> assertEquals(json(SdkSeeder.TASK_ROLE_TRUST), json(role.assumeRolePolicyDocument())));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
