package io.ecslattice.dispatch;

import io.ecslattice.executor.local.LocalExecutor;
import io.ecslattice.testing.Steps;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A process that dispatches two independent slow spans on child JVMs with {@code max_in_flight = 1}, so only
 * the first runs, and drives it; the takeover test kills it. Arguments: data dir, marker file, lease seconds, the file
 * whose creation ends the first span.
 */
public final class SerialLaneDriverMain {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Dispatcher dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(Integer.parseInt(args[2])));
        dispatcher.registry().register(LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString(), "maxInFlight", 1)));
        var held = Electron.of(Steps::spanUntil);
        var span = Electron.of(Steps::span);
        var add = Electron.of(Steps::add);
        var lattice = Lattice.of("one-lane", (Value<String> marker) ->
                add.call(held.call(marker, Value.of("a"), Value.of(args[3])), span.call(marker, Value.of("b"), Value.of(500))));
        String id = lattice.dispatch(LatticeClient.of(dispatcher), args[1]).id();
        System.out.println("DISPATCH " + id);
        System.out.flush();
        dispatcher.await(id, Duration.ofMinutes(2));
    }
}
