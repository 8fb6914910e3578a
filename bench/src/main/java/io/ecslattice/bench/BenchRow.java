package io.ecslattice.bench;

import java.util.Map;
import java.util.Objects;

/**
 * One measured row of {@code make bench}. Figures that a row does not measure are null.
 *
 * @param name                   what was run, e.g. {@code fan-out 1000}
 * @param mode                   {@code containers} (every task a real container on the local agent) or
 *                               {@code simulated} (the agent completes tasks without containers)
 * @param tasks                  ECS tasks the dispatch ran (leaves plus the reducer); electrons in the warm-pool rows
 * @param wallSeconds            dispatch until the result was visible
 * @param dispatchToFirstRunTask dispatch until the first RunTask call went out, seconds
 * @param lastStopToResult       the last task's stoppedAt until the result was visible, seconds
 * @param callsPerTask           AWS calls by {@code Service:Operation}, divided by tasks
 * @param retries                SDK retries by operation (absolute)
 * @param clientCpuSeconds       CPU the client JVM used during the dispatch
 * @param peakInFlight           most tasks in flight when the heap was read
 * @param heapPerInFlightTask    live heap per in-flight task, bytes
 * @param imagesBuilt            images pushed (new manifests in the registry)
 * @param layersPushed           new layer blobs in the registry
 * @param bytesPushed            bytes of new blobs (layers, config, manifest)
 * @param taskDefinitionsRegistered RegisterTaskDefinition calls
 * @param runTaskPerSecond       RunTask calls per second between the first and the last
 * @param note                   what a reader must know (scaled down, why)
 * @param image                  the task image the dispatch ran (from its task definition)
 * @param bytesOverBase          the image's size beyond its base image: its own layers, config and manifest,
 *                               what a first push sends to a registry that holds the base, whatever else it holds
 * @param electrons              per-electron figures of the warm-pool rows (overhead, rate, the tasks' own calls,
 *                               Fargate cost); null for the other rows
 */
record BenchRow(String name, String mode, int tasks, Double wallSeconds, Double dispatchToFirstRunTask,
                Double lastStopToResult, Map<String, Double> callsPerTask, Map<String, Long> retries,
                Double clientCpuSeconds, Integer peakInFlight, Long heapPerInFlightTask, Integer imagesBuilt,
                Integer layersPushed, Long bytesPushed, Long taskDefinitionsRegistered, Double runTaskPerSecond,
                String note, String image, Long bytesOverBase, ElectronFigures electrons) {

    BenchRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        callsPerTask = callsPerTask == null ? Map.of() : Map.copyOf(callsPerTask);
        retries = retries == null ? Map.of() : Map.copyOf(retries);
        note = note == null ? "" : note;
    }

    /** This row with what the registry gained during it. */
    BenchRow withPushes(RegistryBlobs.Pushed pushed) {
        return new BenchRow(name, mode, tasks, wallSeconds, dispatchToFirstRunTask, lastStopToResult, callsPerTask, retries,
                clientCpuSeconds, peakInFlight, heapPerInFlightTask, pushed.images(), pushed.layers(), pushed.bytes(),
                taskDefinitionsRegistered, runTaskPerSecond, note, image, pushed.overBase(), electrons);
    }

    /** This row with {@code more} added to its note. */
    BenchRow withNote(String more) {
        return new BenchRow(name, mode, tasks, wallSeconds, dispatchToFirstRunTask, lastStopToResult, callsPerTask, retries,
                clientCpuSeconds, peakInFlight, heapPerInFlightTask, imagesBuilt, layersPushed, bytesPushed,
                taskDefinitionsRegistered, runTaskPerSecond, note.isEmpty() ? more : note + "; " + more, image, bytesOverBase,
                electrons);
    }

    /** All AWS calls per task, every operation. */
    double totalCallsPerTask() {
        return callsPerTask.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
