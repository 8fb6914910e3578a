package io.ecslattice.examples;

import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Lattices;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.TypeRef;
import io.ecslattice.workflow.Value;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Reading a dispatch: by the handle {@code dispatch} returns, by its id (as another process would), as a
 * future, in Covalent's style ({@code Lattices.dispatch} and {@code getResult}), and a generic result type
 * read with a {@link TypeRef}.
 */
public final class ResultsWorkflow {

    private ResultsWorkflow() {
    }

    static List<Integer> wordLengths(String text) {
        return Arrays.stream(text.split("\\s+")).map(String::length).toList();
    }

    public static void main(String[] args) {
        // tag::results[]
        var lengths = Electron.of(ResultsWorkflow::wordLengths);
        var workflow = Lattice.of("word_lengths", (Value<String> text) -> lengths.call(text))
                .executor("local");   // for every electron of the lattice that names no executor

        Dispatch<List<Integer>> dispatch = workflow.dispatch("to be or not to be");
        String id = dispatch.id();   // any process on this machine can read the dispatch by its id
        Result<List<Integer>> byId = Dispatch.attach(id, new TypeRef<List<Integer>>() { }).result(Duration.ofMinutes(1));
        System.out.println(byId.status() + " " + byId.value() + " [" + byId.progress() + "]");
        System.out.println("as a future: " + dispatch.future().join().value());

        String covalentStyle = Lattices.dispatch(workflow, "hello world");   // an id, as Covalent's ct.dispatch
        System.out.println("covalent style: " + Lattices.getResult(covalentStyle, List.class, true).value());
        // end::results[]
    }
}
