package io.ecslattice.dispatch;

import io.ecslattice.testing.Steps;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One of several processes writing the same results store at once: dispatches fan-outs in process and prints their sums. */
public final class FanOutMain {
    public static void main(String[] args) {
        int width = Integer.parseInt(args[1]);
        var square = Electron.of(Steps::square);
        var sum = Electron.of(Steps::sum);
        var lattice = Lattice.of("fan_" + ProcessHandle.current().pid(), () -> {
            List<Value<Integer>> squares = new ArrayList<>();
            for (int i = 1; i <= width; i++) {
                squares.add(square.call(Value.of(i)));
            }
            return sum.call(Value.list(squares));
        });
        try (Dispatcher dispatcher = TestDispatchers.inProcess(Path.of(args[0]), 4)) {
            for (int round = 0; round < 3; round++) {
                Result<Integer> result = lattice.dispatch(LatticeClient.of(dispatcher)).result(Duration.ofMinutes(2));
                System.out.println("SUM " + result.value());
            }
        }
    }
}
