package io.ecslattice.dispatch;

import io.ecslattice.executor.local.LocalExecutor;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A process that dispatches a run-time fan-out of slow items on child JVMs and drives it; the takeover
 * test kills it while items run. Arguments: data dir, marker file, item count, milliseconds each item sleeps.
 */
public final class FanOutDriverMain {

    public static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** Appends {@code x} to {@code marker}, sleeps, returns ten times {@code x}. */
    public static int slowTimesTen(int x, String markerAndMillis) throws IOException, InterruptedException {
        String[] parts = markerAndMillis.split("\\|");
        Files.writeString(Path.of(parts[0]), x + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Thread.sleep(Long.parseLong(parts[1]));
        return x * 10;
    }

    public static List<Integer> collect(List<Integer> values) {
        return values;
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Dispatcher dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(2));
        dispatcher.registry().register(LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString())));
        var range = Electron.of(FanOutDriverMain::range);
        var slow = Electron.of(FanOutDriverMain::slowTimesTen);
        var collect = Electron.of(FanOutDriverMain::collect);
        var lattice = Lattice.of("fan-survivor", (Value<Integer> n, Value<String> how) -> collect.call(slow.map(range.call(n), how)));
        var dispatch = lattice.dispatch(LatticeClient.of(dispatcher), Integer.parseInt(args[2]), args[1] + "|" + args[3]);
        System.out.println("DISPATCH " + dispatch.id());
        System.out.flush();
        dispatch.result(Duration.ofMinutes(2));
    }
}
