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
 * A process that dispatches a slow two-step lattice on child JVMs and drives it; the crash test kills it.
 * Each step appends a line to the marker file ({@code ran}, then {@code add}), so a test counts runs.
 * Arguments: data dir, marker file, milliseconds the first electron sleeps, lease seconds (default 2).
 */
public final class DriverMain {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Dispatcher dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 2));
        dispatcher.registry().register(LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString())));
        var slow = Electron.of(Steps::markAndSleep);
        var add = Electron.of(Steps::markAndAdd);
        var lattice = Lattice.of("survivor", (Value<String> marker) -> add.call(marker, slow.call(marker, Value.of(Integer.parseInt(args[2])), Value.of(20)), Value.of(1)));
        String id = lattice.dispatch(LatticeClient.of(dispatcher), args[1]).id();
        System.out.println("DISPATCH " + id);
        System.out.flush();
        System.out.println("ENDED " + LatticeClient.of(dispatcher).attach(id, Object.class).result(Duration.ofMinutes(2)).status());
    }
}
