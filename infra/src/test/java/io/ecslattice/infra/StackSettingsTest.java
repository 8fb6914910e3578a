package io.ecslattice.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading and validating the CDK context values: plain Java, no synthesis. */
class StackSettingsTest {

    @Test
    void defaultsDeriveNamesFromTheStackName() {
        StackSettings settings = StackSettings.defaults();
        assertEquals(new StackSettings("EcsLatticeStack", "ecslatticestack", Optional.empty(),
                "ecslatticestack-task-images", "ecslatticestack-cluster", "ecslatticestack-tasks",
                "ecslatticestack-task-logs", Optional.empty(), Optional.empty(), 30, 30, 50, true, VpcMode.PUBLIC, List.of()),
                settings);
    }

    @Test
    void anotherStackNameGivesOtherDefaultNames() {
        StackSettings settings = settings(Map.of("stackName", "Dev-Stack"));
        assertEquals("dev-stack", settings.namePrefix());
        assertEquals("dev-stack-cluster", settings.ecsClusterName());
        assertEquals("dev-stack-task-images", settings.ecrRepoName());
    }

    @Test
    void readsJsonNumbersAndBooleansAsCdkJsonGivesThem() {
        StackSettings settings = settings(Map.of("logRetentionDays", 14, "imagesToKeep", 7.0, "braketAccess", false,
                "vpcMode", "PRIVATE"));
        assertEquals(14, settings.logRetentionDays());
        assertEquals(7, settings.imagesToKeep());
        assertEquals(false, settings.braketAccess());
        assertEquals(VpcMode.PRIVATE, settings.vpcMode());
    }

    @Test
    void blankValuesTakeTheDefault() {
        assertEquals(StackSettings.defaults(), settings(Map.of("vpcMode", " ", "s3BucketName", "")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "vpcMode|nat|one of public, private",
        "logRetentionDays|10|one of [1, 3, 5, 7, 14, 30",
        "logRetentionDays|thirty|a whole number",
        "artifactExpiryDays|0|a whole number of days >= 1",
        "imagesToKeep|0|a whole number from 1 to 10000",
        "braketAccess|yes|true or false",
        "stackName|1stack|a letter, then letters, digits or '-'",
        "namePrefix|Team_A|lowercase letters, digits or '-'",
        "s3BucketName|My_Bucket|3-63 lowercase letters",
        "ecrRepoName|Images|lowercase letters and digits",
        "ecsClusterName|my cluster|1-255 letters, digits, '_' or '-'",
        "ecsTaskFamilyName|fam:1|1-238 letters, digits, '_' or '-' (the executor appends",
        "ecsTaskLogGroupName|logs*|1-512 letters, digits",
        "ecsTaskRoleName|role name|1-64 letters, digits",
        "ecsTaskExecutionRoleName|role!|1-64 letters, digits"})
    void badValueIsRejectedNamingKeyValueAndWhatIsValid(String key, String value, String valid) {
        SettingsException error = assertThrows(SettingsException.class, () -> settings(Map.of(key, value)));
        assertTrue(error.getMessage().startsWith("CDK context " + key + "=" + value + " is not valid; valid: " + valid),
                error.getMessage());
    }

    @Test
    void taskFamilyLeavesRoomForTheExecutorsContentHash() {
        assertEquals(238, settings(Map.of("ecsTaskFamilyName", "f".repeat(238))).ecsTaskFamilyName().length());
        assertThrows(SettingsException.class, () -> settings(Map.of("ecsTaskFamilyName", "f".repeat(239))));
    }

    @Test
    void theTwoRolesCannotShareAName() {
        SettingsException error = assertThrows(SettingsException.class,
                () -> settings(Map.of("ecsTaskRoleName", "Same", "ecsTaskExecutionRoleName", "Same")));
        assertEquals("CDK context ecsTaskRoleName=Same is not valid; valid: a name different from"
                + " ecsTaskExecutionRoleName", error.getMessage());
    }

    @Test
    void everyContextKeyIsRead() {
        Map<String, Object> seen = new HashMap<>();
        StackSettings.fromContext(key -> {
            seen.put(key, true);
            return null;
        });
        assertEquals(StackSettings.CONTEXT_KEYS.stream().sorted().toList(), seen.keySet().stream().sorted().toList());
    }

    private static StackSettings settings(Map<String, Object> context) {
        return StackSettings.fromContext(context::get);
    }

    @Test
    void secretArnsAreReadCommaSeparatedAndABadOneIsRefusedNamingItAndTheValidForms() {
        String secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
        String parameter = "arn:aws:ssm:us-east-1:123456789012:parameter/app/token";
        assertEquals(List.of(secret, parameter), settings(Map.of("secretArns", secret + ", " + parameter)).secretArns());
        SettingsException e = org.junit.jupiter.api.Assertions.assertThrows(SettingsException.class,
                () -> settings(Map.of("secretArns", secret + ",arn:aws:secretsmanager:us-east-1:123456789012:secret:db-*")));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("secret:db-*")
                && e.getMessage().contains("arn:aws:ssm:<region>:<account>:parameter/<name>"), e.getMessage());
    }
}
