package io.ecslattice.examples;

import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;

/**
 * The hello workflow: two electrons, one feeding the other. Runs on the default executor, {@code local}
 * (a fresh JVM per electron) unless {@code ECS_LATTICE_EXECUTOR} or {@code default_executor} in the config
 * file names another one, such as {@code ecs}. Another process reads the same result with
 * {@code Dispatch.attach(id, String.class).result()}. An argument names the lattice instead of
 * {@code simple_workflow} (any text: the ECS executor makes it a valid tag).
 */
public final class HelloWorkflow {

    private HelloWorkflow() {
    }

    // tag::hello[]
    static String joinWords(String a, String b) {
        return String.join(", ", a, b);
    }

    static String excitement(String phrase) {
        return phrase + "!";
    }

    public static void main(String[] args) {
        var join = Electron.of(HelloWorkflow::joinWords);
        var excite = Electron.of(HelloWorkflow::excitement);
        var workflow = Lattice.of(args.length > 0 ? args[0] : "simple_workflow",
                (Value<String> a, Value<String> b) -> excite.call(join.call(a, b)));

        Dispatch<String> dispatch = workflow.dispatch("Hello", "World");   // checked by the compiler
        Result<String> result = dispatch.result();                        // waits; or result(Duration), future()
        System.out.println(result);
        System.out.println(result.value());
    }
    // end::hello[]
}
