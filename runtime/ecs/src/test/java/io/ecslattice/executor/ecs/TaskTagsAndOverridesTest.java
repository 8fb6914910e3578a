package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What RunTask sends stays within what ECS accepts (the strict local cloud refuses anything else). */
class TaskTagsAndOverridesTest {

    @Test
    void workflowNameWithCommaAndExclamationMarkBecomesAValidTagValueThatDecodesBack() {
        assertEquals(Map.of("ecs-lattice:workflow", "Hello_2C World_21", "ecs-lattice:node", "1_5B15_5D"),
                TaskTags.of(Map.of("ecs-lattice:workflow", "Hello, World!", "ecs-lattice:node", "1[15]")));
        assertEquals("Hello, World!", io.ecslattice.wire.Keys.decode("Hello_2C World_21"));
    }

    @Test
    void lettersOfAnyScriptDigitsSpacesAndTheAllowedPunctuationAreKept() {
        String allowed = "Grüße 世界 42 _.:/=+-@";
        assertEquals(allowed, TaskTags.clean(allowed, 256));
        assertEquals("Grüße 世界 42 _5F.:/=+-@", TaskTags.of(Map.of("k", allowed)).get("k"), "only the escape is escaped");
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
