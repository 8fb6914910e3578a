package io.ecslattice.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.graph.RetrySpec;
import io.ecslattice.testing.PolicySteps;
import io.ecslattice.testing.Steps;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Misused retries, timeouts, ordering edges and resources fail while the lattice is built, naming what to change. */
class TaskPolicyInputTest {

    private static void assertMentions(Exception e, String text) {
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void negativeRetriesAreRejected() {
        assertMentions(assertThrows(WorkflowException.class, () -> Retry.times(-1)),
                "Retry.times(-1): the number of retries must be 0 or more, e.g. Retry.times(3)");
    }

    @Test
    void timeoutOfZeroOrLessIsRejected() {
        var excite = Electron.of(Steps::excite);
        assertMentions(assertThrows(WorkflowException.class, () -> excite.timeout(Duration.ZERO)),
                "Electron(Steps.excite): timeout is PT0S; give a positive Duration");
        assertMentions(assertThrows(WorkflowException.class, () -> excite.timeout(Duration.ofSeconds(-5))),
                "Electron(Steps.excite): timeout is PT-5S");
    }

    @Test
    void capturingRetryPredicateIsRejected() {
        String word = "transient";
        WorkflowException e = assertThrows(WorkflowException.class,
                () -> Retry.times(1).when(f -> f.message().contains(word)));
        assertMentions(e, "Retry.when(");
        assertMentions(e, "captures 1 value(s)");
        assertMentions(e, "a retry predicate runs in whichever process drives the dispatch");
    }

    @Test
    void afterOfAValueFromAnotherLatticeIsRejected() {
        var excite = Electron.of(Steps::excite);
        Value<?>[] leaked = new Value<?>[1];
        Lattice.of("first", (Value<String> s) -> {
            leaked[0] = excite.call(s);
            return (Value<String>) leaked[0];
        });
        WorkflowException e = assertThrows(WorkflowException.class,
                () -> Lattice.of("second", (Value<String> s) -> excite.call(s).after(leaked[0])));
        assertMentions(e, "after(...) of 0 (excite), value 1 in lattice second comes from another lattice");
    }

    @Test
    void afterOfAConstantIsRejected() {
        var excite = Electron.of(Steps::excite);
        WorkflowException e = assertThrows(WorkflowException.class,
                () -> Lattice.of("c", (Value<String> s) -> excite.call(s).after(Value.of(1))));
        assertMentions(e, "is a constant or a lattice argument, which is ready at once");
    }

    @Test
    void afterThatClosesACycleIsRejected() {
        var excite = Electron.of(Steps::excite);
        WorkflowException e = assertThrows(WorkflowException.class, () -> Lattice.of("cycle", (Value<String> s) -> {
            Value<String> first = excite.call(s);
            Value<String> second = excite.call(first);
            first.after(second);
            return second;
        }));
        assertMentions(e, "the lattice has a cycle");
    }

    @Test
    void resourcesOutsideWhatFargateKnowsAreRejected() {
        var excite = Electron.of(Steps::excite);
        assertMentions(assertThrows(WorkflowException.class, () -> excite.vcpu(0)), "Electron(Steps.excite): vcpu=0");
        assertMentions(assertThrows(WorkflowException.class, () -> excite.cpuArchitecture("arm")),
                "cpu architecture arm is not one Fargate runs; valid: X86_64, ARM64");
    }

    @Test
    void policyIsStoredOnTheNode() {
        var flaky = Electron.of(PolicySteps::flaky).retries(Retry.times(2).backoff(Backoff.exponential(Duration.ofMillis(100),
                Duration.ofSeconds(1)).jitter(0.5)).on(java.io.IOException.class)).timeout(Duration.ofSeconds(30)).vcpu(1).memory(2);
        var lattice = Lattice.of("stored", (Value<String> d) -> flaky.call(d, Value.of(1)));
        var node = lattice.graph().node("0");
        assertEquals(2, node.retry().retries());
        assertEquals(List.of("java.io.IOException"), node.retry().retryOn());
        assertEquals(30_000L, node.timeoutMillis());
        assertEquals("1", node.resources().vcpu().toPlainString());
        assertEquals(node, io.ecslattice.graph.Graph.fromJson(lattice.graph().toJson()).node("0"));
    }

    @Test
    void exponentialBackoffDoublesUpToItsMaximumAndJitterOnlyShortens() {
        RetrySpec.BackoffSpec backoff = new RetrySpec.BackoffSpec(100, 1000, 2, 0);
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L),
                List.of(1, 2, 3, 4, 5).stream().map(r -> backoff.delay(r, () -> 0.99).toMillis()).toList());
        RetrySpec.BackoffSpec jittered = new RetrySpec.BackoffSpec(1000, 1000, 1, 0.5);
        assertEquals(1000L, jittered.delay(3, () -> 0.0).toMillis());
        assertEquals(500L, jittered.delay(3, () -> 1.0).toMillis());
    }
}
