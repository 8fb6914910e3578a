package io.ecslattice.examples;

import io.ecslattice.workflow.Backoff;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Failure;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Retry;
import io.ecslattice.workflow.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a task can ask for beyond "run once": a download that fails on its first try and is retried with
 * backoff, a limit on how long a step may run, a step that runs after another though it takes nothing
 * from it, and a step sized on its own (vcpu and memory apply on ECS; the local executor ignores them).
 */
public final class ResilientWorkflow {

    private ResilientWorkflow() {
    }

    /** Fails with an IOException the first time it runs for {@code workDir}, as a flaky download would. */
    static List<Integer> download(String workDir) throws IOException {
        Path marker = Path.of(workDir, "tried-once");
        if (Files.notExists(marker)) {
            Files.writeString(marker, "");
            throw new IOException("connection reset while downloading");
        }
        return List.of(3, 1, 4, 1, 5, 9, 2, 6);
    }

    /**
     * Decides, in the dispatching process, whether a failure is worth another try: here a task that died
     * with its container (ECS) or its JVM (local) before it could report, whatever the electron would have thrown.
     */
    static boolean diedWithItsTask(Failure failure) {
        return failure.type().endsWith("Exited") || failure.type().equals("LostTask");
    }

    /** Must finish before {@link #total} runs, though total takes nothing from it. */
    static String createReportDir(String workDir) throws IOException {
        return Files.createDirectories(Path.of(workDir, "report")).toString();
    }

    static long total(List<Integer> numbers, String workDir) throws IOException {
        long sum = numbers.stream().mapToLong(Integer::longValue).sum();
        // Works only because createReportDir has run: after(...) guarantees it.
        Files.writeString(Path.of(workDir, "report", "total.txt"), Long.toString(sum));
        return sum;
    }

    public static void main(String[] args) throws IOException {
        String workDir = args.length > 0 ? args[0] : Files.createTempDirectory("resilient").toString();
        // tag::options[]
        var download = Electron.of(ResilientWorkflow::download)
                .retries(Retry.times(3)
                        .backoff(Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(5)).jitter(0.5))
                        .on(IOException.class, UncheckedIOException.class)     // these exceptions retry
                        .when(ResilientWorkflow::diedWithItsTask))            // ...and what this predicate accepts
                .timeout(Duration.ofMinutes(2));
        var createReportDir = Electron.of(ResilientWorkflow::createReportDir);
        var total = Electron.of(ResilientWorkflow::total).vcpu(1).memory(2);
        // end::options[]

        // tag::after[]
        var workflow = Lattice.of("resilient", (Value<String> dir) -> {
            Value<String> reportDir = createReportDir.call(dir);
            return total.call(download.call(dir), dir).after(reportDir);
        });
        // end::after[]

        Result<Long> result = workflow.dispatch(workDir).result();
        System.out.println(result);
        System.out.println("total = " + result.value() + ", written to " + Path.of(workDir, "report", "total.txt"));
    }
}
