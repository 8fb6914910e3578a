package io.ecslattice.executor.ecs;

import io.ecslattice.wire.Keys;
import java.util.Locale;

/**
 * What makes pool workers interchangeable apart from their code: size, CPU architecture, capacity, and the
 * environment and secrets their task definition gives them (workers with other secrets are another pool).
 * One work queue serves one shape for every code version, named under the stack's prefix, e.g.
 * {@code EcsLatticeStack_pool-256-512-x86_64-ondemand}, or with an environment
 * {@code EcsLatticeStack_pool-256-512-x86-od-e1f2a3b4c} (8 hex digits of its content's hash).
 */
record PoolShape(FargateSize size, String cpuArchitecture, boolean spot, ContainerEnvironment environment) {

    static PoolShape of(EcsSettings settings) {
        return new PoolShape(settings.size(), settings.cpuArchitecture(), settings.fargateSpot(), ContainerEnvironment.of(settings));
    }

    /** The work queue's name under a {@link QueueNames#prefix}; its dead-letter queue adds {@code -dlq}. */
    String queueName(String prefix) {
        if (environment.isEmpty()) {
            return Keys.queueName(prefix + "pool-" + size.cpuUnits() + "-" + size.memoryMiB() + "-"
                    + cpuArchitecture.toLowerCase(Locale.ROOT) + "-" + (spot ? "spot" : "ondemand"));
        }
        // Shorter words leave room for the hash: the longest, pool-16384-122880-x86-spot-e<8 hex> (36), plus -dlq
        // under the longest prefix (39) is SQS's 80.
        return Keys.queueName(prefix + "pool-" + size.cpuUnits() + "-" + size.memoryMiB() + "-"
                + ("ARM64".equals(cpuArchitecture) ? "arm" : "x86") + "-" + (spot ? "spot" : "od") + "-e" + environment.shortHash());
    }

    /** The name of a dispatch's completion queue under a {@link QueueNames#prefix}. */
    static String completionQueueName(String prefix, String dispatchId) {
        return Keys.queueName(prefix + "done-" + Keys.queueNamePart(dispatchId));
    }

    /**
     * ECS's {@code startedBy} of this shape's workers of one code version (at most 36 characters), so the
     * scaler counts exactly the workers that can run its electrons, whichever client started them.
     */
    String startedBy(String codeVersion) {
        return "ecs-lattice-pool-" + Hashes.sha256Hex("-" + queueName("") + "\n" + codeVersion).substring(0, 19);
    }
}
