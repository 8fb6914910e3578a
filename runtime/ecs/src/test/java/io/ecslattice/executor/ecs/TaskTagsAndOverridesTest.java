package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What RunTask sends stays within what ECS accepts (the strict local cloud refuses anything else). */
class TaskTagsAndOverridesTest {

    @Test
    void workflowNameWithCommaAndExclamationMarkBecomesAValidTagValue() {
        assertEquals(Map.of("ecs-lattice:workflow", "Hello_ World_"),
                TaskTags.of(Map.of("ecs-lattice:workflow", "Hello, World!")));
    }

    @Test
    void lettersOfAnyScriptDigitsSpacesAndTheAllowedPunctuationAreKept() {
        String allowed = "Grüße 世界 42 _.:/=+-@";
        assertEquals(allowed, TaskTags.clean(allowed, 256));
    }

    @Test
    void tagValuesAreCutTo256CharactersAndKeysTo128() {
        Map<String, String> tags = TaskTags.of(Map.of("k".repeat(200), "v".repeat(300)));
        assertEquals(128, tags.keySet().iterator().next().length());
        assertEquals(256, tags.values().iterator().next().length());
    }

    @Test
    void overridesCountTheirJsonSoA6KbSpecOfQuotesDoesNotFitInline() {
        String spec = "\"".repeat(6 * 1024 - 100); // under the old 6 KB raw limit, 12 KB once escaped
        assertTrue(TaskOverrides.length(Map.of("ECS_LATTICE_TASK_SPEC", spec)) > TaskOverrides.MAX_CHARACTERS);
        assertFalse(TaskOverrides.fit(Map.of("ECS_LATTICE_TASK_SPEC", spec)));
    }

    @Test
    void overridesOfPlainTextFitUpToTheLastCharacter() {
        int frame = TaskOverrides.length(Map.of("S", ""));
        assertTrue(TaskOverrides.fit(Map.of("S", "x".repeat(TaskOverrides.MAX_CHARACTERS - frame))));
        assertFalse(TaskOverrides.fit(Map.of("S", "x".repeat(TaskOverrides.MAX_CHARACTERS - frame + 1))));
    }
}
