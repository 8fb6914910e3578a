package io.ecslattice.examples;

import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Fan-out sized at run time: one electron decides how many items there are, {@code map} runs another
 * electron once per item (the calls are created and stored when the list is known), and a reducer gets
 * their results in item order.
 */
public final class RunTimeFanOutWorkflow {

    private RunTimeFanOutWorkflow() {
    }

    static List<Integer> divisors(int n) {
        return IntStream.rangeClosed(1, n).filter(d -> n % d == 0).boxed().toList();
    }

    static long cube(int d) {
        return (long) d * d * d;
    }

    static String describe(List<Long> cubes) {
        return cubes.size() + " divisors, cubes " + cubes;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        // tag::map[]
        var divisors = Electron.of(RunTimeFanOutWorkflow::divisors);
        var cube = Electron.of(RunTimeFanOutWorkflow::cube);
        var describe = Electron.of(RunTimeFanOutWorkflow::describe);
        var workflow = Lattice.of("cubes_of_divisors", (Value<Integer> x) -> describe.call(cube.map(divisors.call(x))));
        // end::map[]

        Result<String> result = workflow.dispatch(n).result();
        System.out.println(result);
    }
}
