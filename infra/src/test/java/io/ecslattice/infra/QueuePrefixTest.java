package io.ecslattice.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A stack whose name is too long to prefix SQS queue names whole (over 38 characters) grants SQS on the
 * shortened prefix the runtime names its queues under (runtime-ecs's QueueNamesTest expects the same value).
 */
class QueuePrefixTest {
    static final String LONG_STACK = "EcsLatticeStack-for-the-data-platform-team-in-eu-west-1-production";

    @Test
    void queuePrefixIsTheStackNameUpTo38CharactersElseItsStartAndHash() {
        assertEquals("EcsLatticeStack-", ClientPolicy.queuePrefix("EcsLatticeStack"));
        assertEquals("S".repeat(38) + "-", ClientPolicy.queuePrefix("S".repeat(38)));
        assertEquals("EcsLatticeStack-for-the-data--0537845f-", ClientPolicy.queuePrefix(LONG_STACK));
    }

    @Test
    void clientAndTaskRolesOfALongStackNameGrantSqsOnTheShortenedPrefix() {
        String template = SynthesizedStack.synthesize(Map.of("stackName", LONG_STACK)).json.toString();
        String granted = ":EcsLatticeStack-for-the-data--0537845f-*";
        int grants = template.split(java.util.regex.Pattern.quote(granted), -1).length - 1;
        assertEquals(2, grants, "the client policy and the task role each grant SQS on " + granted);
        assertTrue(!template.contains(":" + LONG_STACK + "-*"), "no grant on a prefix no queue can have");
    }
}
