package io.ecslattice.executor.ecs;

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
        TABLE.put(new BigDecimal("0.25"), decimals("0.5", "1", "2"));
        TABLE.put(new BigDecimal("0.5"), range(1, 4, 1));
        TABLE.put(BigDecimal.ONE, range(2, 8, 1));
        TABLE.put(new BigDecimal("2"), range(4, 16, 1));
        TABLE.put(new BigDecimal("4"), range(8, 30, 1));
        TABLE.put(new BigDecimal("8"), range(16, 60, 4));
        TABLE.put(new BigDecimal("16"), range(32, 120, 8));
    }

    /** Validates the pair against Fargate's table; the errors name the keys, values and the valid choices. */
    static FargateSize of(SourcedValue vcpu, SourcedValue memory) {
        BigDecimal cpu = decimal(EcsSetting.VCPU, vcpu);
        BigDecimal mem = decimal(EcsSetting.MEMORY, memory);
        List<BigDecimal> memories = TABLE.entrySet().stream()
                .filter(e -> e.getKey().compareTo(cpu) == 0).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> InvalidSettingException.of(EcsSetting.VCPU, vcpu,
                        "a Fargate CPU value; valid: " + join(List.copyOf(TABLE.keySet()))));
        if (memories.stream().noneMatch(m -> m.compareTo(mem) == 0)) {
            throw InvalidSettingException.of(EcsSetting.MEMORY, memory, "Fargate memory (GB) for vcpu="
                    + vcpu.text() + "; valid: " + join(memories));
        }
        return new FargateSize(cpu.multiply(BigDecimal.valueOf(1024)).intValueExact(),
                mem.multiply(BigDecimal.valueOf(1024)).intValueExact());
    }

    private static BigDecimal decimal(EcsSetting setting, SourcedValue value) {
        try {
            return new BigDecimal(value.text().trim());
        } catch (NumberFormatException e) {
            throw InvalidSettingException.of(setting, value, "a number");
        }
    }

    private static List<BigDecimal> decimals(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    private static List<BigDecimal> range(int from, int to, int step) {
        return IntStream.iterate(from, v -> v <= to, v -> v + step).mapToObj(BigDecimal::valueOf).toList();
    }

    private static String join(List<BigDecimal> values) {
        return values.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(", "));
    }
}
