package io.ecslattice.executor;

import java.math.BigDecimal;

/**
 * What one task asks of the machine it runs on beyond its executor's settings (an electron's
 * {@code .vcpu(1).memory(2)}); each field is null when the executor's own value applies.
 *
 * @param vcpu            vCPUs, e.g. 1 or 0.25
 * @param memory          memory in GB, e.g. 2 or 0.5
 * @param cpuArchitecture X86_64 or ARM64
 * @param spot            whether to run on spare capacity (Fargate Spot)
 */
public record TaskResources(BigDecimal vcpu, BigDecimal memory, String cpuArchitecture, Boolean spot) {

    /** Nothing asked: the executor's settings apply. */
    public static final TaskResources NONE = new TaskResources(null, null, null, null);

    /** True when nothing is asked. */
    public boolean isEmpty() {
        return vcpu == null && memory == null && cpuArchitecture == null && spot == null;
    }

    /** True when the size or architecture differs from the executor's (Spot alone needs no other machine shape). */
    public boolean changesShape() {
        return vcpu != null || memory != null || cpuArchitecture != null;
    }
}
