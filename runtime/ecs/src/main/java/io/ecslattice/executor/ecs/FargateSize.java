package io.ecslattice.executor.ecs;

import io.ecslattice.config.ResolvedSettings;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Fargate's table of valid cpu/memory pairs, and their task-definition form (cpu units, MiB).
 *
 * @param cpuUnits  1024 per vCPU, e.g. 256 for 0.25
 * @param memoryMiB e.g. 512 for 0.5 GB
 */
public record FargateSize(int cpuUnits, int memoryMiB) {
    /** vCPU value to the memory sizes in GB Fargate accepts with it. */
    private static final Map<BigDecimal, List<BigDecimal>> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put(new BigDecimal("0.25"), List.of(new BigDecimal("0.5"), BigDecimal.ONE, BigDecimal.valueOf(2)));
        TABLE.put(new BigDecimal("0.5"), range(1, 4, 1));
        TABLE.put(BigDecimal.ONE, range(2, 8, 1));
        TABLE.put(BigDecimal.valueOf(2), range(4, 16, 1));
        TABLE.put(BigDecimal.valueOf(4), range(8, 30, 1));
        TABLE.put(BigDecimal.valueOf(8), range(16, 60, 4));
        TABLE.put(BigDecimal.valueOf(16), range(32, 120, 8));
    }

    /** The vCPU values Fargate offers. */
    static List<BigDecimal> cpus() {
        return List.copyOf(TABLE.keySet());
    }

    /** Why vcpu {@code cpu} with {@code memory} GB is not a Fargate size, naming the valid values; null when it is one. */
    static String pairProblem(BigDecimal cpu, BigDecimal memory) {
        if (memories(cpu).isEmpty()) {
            return "vcpu=" + cpu.toPlainString() + " is not a Fargate CPU value; valid: "
                    + cpus().stream().map(BigDecimal::toPlainString).collect(Collectors.joining(", "));
        }
        List<BigDecimal> memories = memories(cpu);
        if (memories.stream().anyMatch(m -> m.compareTo(memory) == 0)) {
            return null;
        }
        return "memory=" + memory.toPlainString() + " is not Fargate memory (GB) for vcpu=" + cpu.toPlainString() + "; valid: "
                + memories.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(", "));
    }

    /** Fargate Spot runs only X86_64 tasks. */
    static String spotProblem(boolean spot, String cpuArchitecture) {
        return spot && "ARM64".equals(cpuArchitecture)
                ? "Fargate Spot does not run ARM64 tasks: spot with cpu_architecture=ARM64; use X86_64 or drop Spot" : null;
    }

    /** The settings table's cross-check of fargate_spot and cpu_architecture. */
    static String spotProblem(ResolvedSettings settings) {
        String problem = spotProblem(settings.get(EcsSettingsTable.FARGATE_SPOT), settings.get(EcsSettingsTable.CPU_ARCHITECTURE));
        return problem == null ? null : problem + " (fargate_spot from " + settings.entry("fargate_spot").source()
                + ", cpu_architecture from " + settings.entry("cpu_architecture").source() + ")";
    }

    /** The cross-check of the settings table: memory must be one Fargate pairs with the vcpu value. */
    static String problem(ResolvedSettings settings) {
        BigDecimal cpu = settings.get(EcsSettingsTable.VCPU);
        BigDecimal memory = settings.get(EcsSettingsTable.MEMORY);
        List<BigDecimal> memories = memories(cpu);
        if (memories.stream().anyMatch(m -> m.compareTo(memory) == 0)) {
            return null;
        }
        return "memory=" + memory.toPlainString() + " (from " + settings.entry("memory").source() + ") is not Fargate memory (GB) for vcpu="
                + cpu.toPlainString() + "; valid: " + memories.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(", "));
    }

    /** The size of a validated pair. */
    static FargateSize of(BigDecimal cpu, BigDecimal memory) {
        return new FargateSize(cpu.multiply(BigDecimal.valueOf(1024)).intValueExact(),
                memory.multiply(BigDecimal.valueOf(1024)).intValueExact());
    }

    private static List<BigDecimal> memories(BigDecimal cpu) {
        return TABLE.entrySet().stream().filter(e -> e.getKey().compareTo(cpu) == 0).map(Map.Entry::getValue)
                .findFirst().orElse(List.of());
    }

    private static List<BigDecimal> range(int from, int to, int step) {
        return IntStream.iterate(from, v -> v <= to, v -> v + step).mapToObj(BigDecimal::valueOf).toList();
    }
}
