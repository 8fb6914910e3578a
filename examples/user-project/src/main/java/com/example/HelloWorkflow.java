package com.example;

import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;

/** Two electrons, one feeding the other, on the local executor; prints the result, then "Hello, World!". */
public final class HelloWorkflow {

    private HelloWorkflow() {
    }

    static String joinWords(String a, String b) {
        return String.join(", ", a, b);
    }

    static String excitement(String phrase) {
        return phrase + "!";
    }

    public static void main(String[] args) {
        var join = Electron.of(HelloWorkflow::joinWords);
        var excite = Electron.of(HelloWorkflow::excitement);
        var workflow = Lattice.of("simple_workflow", (Value<String> a, Value<String> b) -> excite.call(join.call(a, b)));

        Dispatch<String> dispatch = workflow.dispatch("Hello", "World");
        Result<String> result = dispatch.result();
        System.out.println(result);
        System.out.println(result.value());
    }
}
