package io.github.ecsexecreadiness.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecsexecreadiness.StartsEmulator;
import io.github.ecsexecreadiness.collect.AwsApiException;
import io.github.ecsexecreadiness.collect.CachedServiceControlPolicies;
import io.github.ecsexecreadiness.collect.ServiceControlPolicyReader.PolicySummary;
import io.github.ecsexecreadiness.moto.MotoServer;
import io.github.ecsexecreadiness.wire.ScriptedAws;
import io.github.ecsexecreadiness.wire.ScriptedAws.Fault;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;

/**
 * SdkServiceControlPolicyReader against moto's Organizations: the management account, an account's path to the
 * root, the SCPs attached to a target and their content, each call counted once; and the cache in front of it.
 */
@StartsEmulator
class SdkServiceControlPolicyReaderMotoTest {
    @RegisterExtension
    static final MotoServer moto = MotoServer.resetPerClass();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_EXEC = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ssmmessages:*","Resource":"*"}]}""";

    private static ScriptedAws aws;
    private static String management;
    private static String root;
    private static String apps;
    private static String member;
    private static String noExec;

    private AwsClients clients;
    private SdkServiceControlPolicyReader reader;

    /** root: management | apps (no-exec): member. */
    @BeforeAll
    static void seed() throws Exception {
        try (var seeding = moto.newClients()) {
            OrganizationsClient organizations = seeding.organizations();
            management = organizations.createOrganization(r -> r.featureSet("ALL")).organization().masterAccountId();
            root = organizations.listRoots(r -> {}).roots().getFirst().id();
            apps = organizations.createOrganizationalUnit(r -> r.parentId(root).name("apps")).organizationalUnit().id();
            member = organizations.createAccount(r -> r.email("member@example.com").accountName("member"))
                    .createAccountStatus().accountId();
            organizations.moveAccount(r -> r.accountId(member).sourceParentId(root).destinationParentId(apps));
            noExec = organizations.createPolicy(r -> r.name("no-exec").description("no exec").content(NO_EXEC)
                    .type(PolicyType.SERVICE_CONTROL_POLICY)).policy().policySummary().id();
            organizations.attachPolicy(r -> r.policyId(noExec).targetId(apps));
        }
        aws = ScriptedAws.inFrontOf(moto.endpoint());
    }

    @BeforeEach
    void open() {
        aws.reset();
        clients = new AwsClients(MotoServer.REGION, MotoServer.CREDENTIALS, aws.endpoint());
        reader = new SdkServiceControlPolicyReader(clients.organizations());
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void readsTheAccountsPathAndItsPolicies() throws Exception {
        List<PolicySummary> onApps = reader.listServiceControlPoliciesForTarget(apps);

        assertAll(
                () -> assertEquals(management, reader.managementAccountId()),
                () -> assertEquals(List.of(apps), reader.listParents(member)),
                () -> assertEquals(List.of(root), reader.listParents(apps)),
                () -> assertTrue(onApps.contains(new PolicySummary(noExec, "no-exec")), onApps.toString()),
                () -> assertEquals(JSON.readTree(NO_EXEC), JSON.readTree(reader.describePolicyContent(noExec))),
                () -> assertEquals(1L, clients.apiCalls().snapshot().get("Organizations.ListPoliciesForTarget")));
    }

    @Test
    void theCacheAsksOncePerTargetAndPolicy() {
        var cached = new CachedServiceControlPolicies(reader);

        for (int i = 0; i < 3; i++) {
            cached.listParents(apps);
            cached.listServiceControlPoliciesForTarget(apps);
            cached.describePolicyContent(noExec);
        }

        assertAll(
                () -> assertEquals(1, aws.attempts("Organizations.ListParents")),
                () -> assertEquals(1, aws.attempts("Organizations.ListPoliciesForTarget")),
                () -> assertEquals(1, aws.attempts("Organizations.DescribePolicy")));
    }

    @Test
    void aRefusalNamesTheOperation() {
        aws.on("Organizations.ListParents").answer(Fault.accessDenied());

        var e = assertThrows(AwsApiException.class,
                () -> reader.listParents(member));

        assertEquals("Organizations.ListParents", e.operation());
        assertTrue(e.isAccessDenied(), e.getMessage());
    }
}
