package io.ecslattice.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app as `make synth` runs it: context from key=value arguments, a cloud assembly on disk. */
class InfraAppTest {

    @Test
    void writesTheTemplateThatDeploysIntoTheLocalCloud(@TempDir Path outdir) throws Exception {
        InfraApp.synthesize(InfraApp.contextArguments(new String[] {"vpcMode=private"}), outdir.toString());

        Path template = outdir.resolve("EcsLatticeStack.template.json");
        assertTrue(Files.isRegularFile(template), "no " + template);
        Map<?, ?> json = new ObjectMapper().readValue(template.toFile(), Map.class);
        assertEquals(List.of("AssignPublicIp", "ClientPolicyArn", "ClientRoleArn", "EcrRepoName", "EcsClusterName", "EcsTaskExecutionRoleName",
                "EcsTaskFamilyName", "EcsTaskLogGroupName", "EcsTaskRoleName", "EcsTaskSecurityGroupId",
                "EcsTaskSubnetId", "Region", "S3BucketName"),
                ((Map<?, ?>) json.get("Outputs")).keySet().stream().map(Object::toString).sorted().toList());
        assertTrue(Files.readString(template).contains("AWS::EC2::VPCEndpoint"), "the argument reached the stack");
        Map<?, ?> manifest = new ObjectMapper().readValue(outdir.resolve("manifest.json").toFile(), Map.class);
        Map<?, ?> artifact = (Map<?, ?>) ((Map<?, ?>) manifest.get("artifacts")).get("EcsLatticeStack");
        assertEquals("aws:cloudformation:stack", artifact.get("type"));
        assertEquals("EcsLatticeStack.template.json", ((Map<?, ?>) artifact.get("properties")).get("templateFile"));
        assertEquals(null, ((Map<?, ?>) artifact.get("properties")).get("stackTemplateAssetObjectUrl"),
                "the template goes inline, not through a bootstrap bucket");
        assertTrue(Files.notExists(outdir.resolve("EcsLatticeStack.assets.json")), "a bootstrapless stack has no assets");
    }

    @Test
    void rejectsAnUnknownKeyBeforeSynthesizing() {
        SettingsException error = assertThrows(SettingsException.class,
                () -> InfraApp.contextArguments(new String[] {"vpcmode=private"}));
        assertTrue(error.getMessage().startsWith("CDK context vpcmode=private is not valid; valid: a key among [stackName"),
                error.getMessage());
    }

    @Test
    void rejectsAnArgumentThatIsNotKeyEqualsValue() {
        SettingsException error = assertThrows(SettingsException.class,
                () -> InfraApp.contextArguments(new String[] {"private"}));
        assertEquals("CDK context argument=private is not valid; valid: key=value, e.g. vpcMode=private",
                error.getMessage());
    }
}
