package io.ecslattice.examples;

import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Lattices;
import io.ecslattice.workflow.Redispatch;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.time.Duration;

/**
 * Reusing results: {@code slowSquare} is cached for an hour, so a second dispatch on the same input shows it
 * as CACHED; then {@code redispatch} runs the first dispatch again with a new argument, reusing every node
 * whose code and inputs did not change.
 */
public final class CachedWorkflow {

    private CachedWorkflow() {
    }

    static long slowSquare(int x) throws InterruptedException {
        Thread.sleep(2_000);
        return (long) x * x;
    }

    static long plus(long a, int b) {
        return a + b;
    }

    public static void main(String[] args) {
        // tag::cache[]
        var square = Electron.of(CachedWorkflow::slowSquare).cache(Duration.ofHours(1));
        var plus = Electron.of(CachedWorkflow::plus);
        var workflow = Lattice.of("square_plus", (Value<Integer> x, Value<Integer> y) -> plus.call(square.call(x), y));

        Dispatch<Long> first = workflow.dispatch(7, 1);
        System.out.println("first:  " + first.result());
        Dispatch<Long> second = workflow.dispatch(7, 2);   // slowSquare(7) is reused: CACHED
        System.out.println("second: " + second.result());
        String again = Lattices.redispatch(first.id(), Redispatch.same().withArgs(7, 3));   // only plus runs
        Result<Long> result = Dispatch.attach(again, Long.class).result();
        System.out.println("redispatch of " + first.id() + ": " + result);
        // end::cache[]
    }
}
