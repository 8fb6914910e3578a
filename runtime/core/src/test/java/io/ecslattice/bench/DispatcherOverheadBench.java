package io.ecslattice.bench;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.testing.Steps;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the dispatcher's own cost per node: N trivial in-process electrons (x*x) fanned into one
 * reducer, on a real SQLite store, from dispatch to result. Prints the figures; asserts nothing.
 * Run: mvn -q -o -pl runtime/core exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.ecslattice.bench.DispatcherOverheadBench
 */
public final class DispatcherOverheadBench {

    private DispatcherOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("ecs-lattice-bench");
        var square = Electron.of(Steps::square);
        var sum = Electron.of(Steps::sum);
        var lattice = Lattice.of("overhead", () -> {
            List<Value<Integer>> squares = new ArrayList<>();
            for (int i = 0; i < nodes - 1; i++) {
                squares.add(square.call(Value.of(i % 100)));
            }
            return sum.call(Value.list(squares));
        });
        try (Dispatcher dispatcher = TestDispatchers.inProcess(dir, 4)) {
            for (int round = 0; round <= rounds; round++) {
                long start = System.nanoTime();
                String id = lattice.dispatch(LatticeClient.of(dispatcher)).id();
                long dispatched = System.nanoTime();
                Result<Integer> result = LatticeClient.of(dispatcher).attach(id, Integer.class).result(Duration.ofMinutes(5));
                long end = System.nanoTime();
                if (!result.isCompleted()) {
                    throw new IllegalStateException("benchmark dispatch did not complete: " + result);
                }
                System.out.printf("%s %d nodes: dispatch() returned in %.1f ms, result after %.0f ms: %.3f ms per node%n",
                        round == 0 ? "warm-up" : "round " + round, nodes, (dispatched - start) / 1e6, (end - start) / 1e6,
                        (end - start) / 1e6 / nodes);
            }
        }
    }
}
