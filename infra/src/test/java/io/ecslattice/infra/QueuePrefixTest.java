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
        assertEquals("EcsLatticeStack_", ClientPolicy.queuePrefix("EcsLatticeStack"));
        assertEquals("S".repeat(38) + "_", ClientPolicy.queuePrefix("S".repeat(38)));
        assertEquals("EcsLatticeStack-for-the-data--0537845f_", ClientPolicy.queuePrefix(LONG_STACK));
    }

    @Test
    void clientAndTaskRolesOfALongStackNameGrantSqsOnTheShortenedPrefix() {
        String template = SynthesizedStack.synthesize(Map.of("stackName", LONG_STACK)).json.toString();
        String granted = ":EcsLatticeStack-for-the-data--0537845f_*";
        int grants = template.split(java.util.regex.Pattern.quote(granted), -1).length - 1;
        assertEquals(2, grants, "the client policy and the task role each grant SQS on " + granted);
        assertTrue(!template.contains(":" + LONG_STACK + "_*"), "no grant on a prefix no queue can have");
    }

    @Test
    void noStackPrefixStartsWithAnotherStacksSoNoGrantTakesInAnotherStacksQueues() {
        // Stack names are letters, digits and hyphens: Prod's grant must not match the queues of Prod-eu.
        java.util.List<String> stacks = java.util.List.of("Prod", "Prod-eu", "Prod-eu-2", "S".repeat(38), "S".repeat(39),
                LONG_STACK, LONG_STACK + "-x");
        for (String a : stacks) {
            for (String b : stacks) {
                if (!a.equals(b)) {
                    assertTrue(!ClientPolicy.queuePrefix(b).startsWith(ClientPolicy.queuePrefix(a)),
                            "the grant of " + a + " (" + ClientPolicy.queuePrefix(a) + "*) takes in the queues of " + b);
                }
            }
        }
    }
}
