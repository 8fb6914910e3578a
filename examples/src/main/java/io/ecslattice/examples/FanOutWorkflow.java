package io.ecslattice.examples;

import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Fan-out and fan-in: {@code count} independent electrons (20 by default) square their numbers, all
 * at once up to the executor's limit, and one reducer adds the squares up.
 */
public final class FanOutWorkflow {

    private FanOutWorkflow() {
    }

    static long square(int n) {
        return (long) n * n;
    }

    static long sum(List<Long> squares) {
        return squares.stream().mapToLong(Long::longValue).sum();
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        // tag::fan-out[]
        var square = Electron.of(FanOutWorkflow::square);
        var sum = Electron.of(FanOutWorkflow::sum);
        var workflow = Lattice.of("sum_of_squares", () -> {
            List<Value<Long>> squares = new ArrayList<>();
            for (int n = 1; n <= count; n++) {
                squares.add(square.call(Value.of(n)));
            }
            return sum.call(Value.list(squares));
        });
        // end::fan-out[]

        Result<Long> result = workflow.dispatch().result();
        System.out.println(result);
        System.out.println("sum of squares 1.." + count + " = " + result.value());
    }
}
