package io.ecslattice.graph;

import java.math.BigDecimal;

/**
 * What one electron asks of the machine it runs on, beyond its executor's own settings: each field is
 * null when the electron takes the executor's value. The ECS executor checks them as it checks its
 * settings (a Fargate cpu/memory pair, Spot only on X86_64); the local executor ignores them.
 *
 * @param vcpu            vCPUs, e.g. 1 or 0.25
 * @param memory          memory in GB, e.g. 2 or 0.5
 * @param cpuArchitecture X86_64 or ARM64
 * @param spot            whether to run on Fargate Spot
 */
public record Resources(BigDecimal vcpu, BigDecimal memory, String cpuArchitecture, Boolean spot) {

    /** Nothing asked: the executor's settings apply. */
    public static final Resources NONE = new Resources(null, null, null, null);

    /** The CPU architectures Fargate runs. */
    public static final java.util.List<String> ARCHITECTURES = java.util.List.of("X86_64", "ARM64");

    public Resources {
        if (vcpu != null && vcpu.signum() <= 0) {
            throw new GraphException("vcpu=" + vcpu.toPlainString() + " must be positive (Fargate: 0.25, 0.5, 1, 2, 4, 8, 16)");
        }
        if (memory != null && memory.signum() <= 0) {
            throw new GraphException("memory=" + memory.toPlainString() + " GB must be positive");
        }
        if (cpuArchitecture != null && !ARCHITECTURES.contains(cpuArchitecture)) {
            throw new GraphException("cpu architecture " + cpuArchitecture + " is not one Fargate runs; valid: "
                    + String.join(", ", ARCHITECTURES));
        }
    }

    /** True when nothing is asked. */
    public boolean isEmpty() {
        return vcpu == null && memory == null && cpuArchitecture == null && spot == null;
    }

    public Resources withVcpu(BigDecimal value) {
        return new Resources(value, memory, cpuArchitecture, spot);
    }

    public Resources withMemory(BigDecimal value) {
        return new Resources(vcpu, value, cpuArchitecture, spot);
    }

    public Resources withCpuArchitecture(String value) {
        return new Resources(vcpu, memory, value, spot);
    }

    public Resources withSpot(Boolean value) {
        return new Resources(vcpu, memory, cpuArchitecture, value);
    }
}
