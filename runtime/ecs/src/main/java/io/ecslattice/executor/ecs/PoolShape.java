package io.ecslattice.executor.ecs;

import io.ecslattice.wire.Keys;
import java.util.Locale;

/**
 * What makes pool workers interchangeable apart from their code: size, CPU architecture and capacity.
 * One work queue serves one shape for every code version, named under the stack's prefix, e.g.
 * {@code EcsLatticeStack_pool-256-512-x86_64-ondemand}.
 */
record PoolShape(FargateSize size, String cpuArchitecture, boolean spot) {

    static PoolShape of(EcsSettings settings) {
        return new PoolShape(settings.size(), settings.cpuArchitecture(), settings.fargateSpot());
    }

    /** The work queue's name under a {@link QueueNames#prefix}; its dead-letter queue adds {@code -dlq}. */
    String queueName(String prefix) {
        return Keys.queueName(prefix + "pool-" + size.cpuUnits() + "-" + size.memoryMiB() + "-"
                + cpuArchitecture.toLowerCase(Locale.ROOT) + "-" + (spot ? "spot" : "ondemand"));
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
