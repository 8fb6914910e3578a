package io.ecslattice.examples;

import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;

/**
 * A lattice called inside another: {@code normalize} is a workflow of its own, and {@code greet} calls
 * it twice; its electrons run as part of the outer dispatch (node ids {@code 0.0}, {@code 0.1}, ... in
 * group {@code normalize}).
 */
public final class SublatticeWorkflow {

    private SublatticeWorkflow() {
    }

    static String trim(String s) {
        return s.strip();
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase();
    }

    static String join(String a, String b) {
        return a + ", " + b + "!";
    }

    public static void main(String[] args) {
        // tag::sublattice[]
        var trim = Electron.of(SublatticeWorkflow::trim);
        var capitalize = Electron.of(SublatticeWorkflow::capitalize);
        var join = Electron.of(SublatticeWorkflow::join);
        var normalize = Lattice.of("normalize", (Value<String> s) -> capitalize.call(trim.call(s)));
        var greet = Lattice.of("greet",
                (Value<String> a, Value<String> b) -> join.call(normalize.call(a), normalize.call(b)));
        // end::sublattice[]

        Result<String> result = greet.dispatch("  hELLO ", "world  ").result();
        System.out.println(result);
    }
}
