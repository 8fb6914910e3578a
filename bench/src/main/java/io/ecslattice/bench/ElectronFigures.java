package io.ecslattice.bench;

import java.util.Map;

/**
 * What the warm-pool rows measure per electron, beyond {@link BenchRow}'s client figures.
 *
 * @param overheadMedianMs     node ready (its inputs stored) until its result was stored, median over the electrons
 * @param overheadP90Ms        the same, 90th percentile
 * @param electronsPerSecond   electrons completed per second of wall time
 * @param taskCallsPerElectron AWS calls the tasks or workers made (not the client), by {@code service:Operation},
 *                             divided by the electrons; counted by the proxy in front of the row's moto that the
 *                             containers are given as their endpoint
 * @param costUsd              estimated Fargate cost of the row's tasks: each billed from its start to its stop,
 *                             one minute at least, at the executor's size and prices (us-east-1 by default)
 * @param fargateTasks         the ECS tasks that cost covers
 */
record ElectronFigures(Double overheadMedianMs, Double overheadP90Ms, Double electronsPerSecond,
                       Map<String, Double> taskCallsPerElectron, Double costUsd, Integer fargateTasks) {

    ElectronFigures {
        taskCallsPerElectron = taskCallsPerElectron == null ? Map.of() : Map.copyOf(taskCallsPerElectron);
    }

    double totalTaskCallsPerElectron() {
        return taskCallsPerElectron.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
