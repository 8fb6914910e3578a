package io.ecslattice.graph;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ecslattice.wire.TaskEnvironment;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one electron asks of the machine it runs on, beyond its executor's own settings: each field is
 * null when the electron takes the executor's value. The ECS executor checks them as it checks its
 * settings (a Fargate cpu/memory pair, Spot only on X86_64); the local executor ignores the machine's and
 * sets the environment (see its docs for secrets).
 *
 * @param vcpu            vCPUs, e.g. 1 or 0.25
 * @param memory          memory in GB, e.g. 2 or 0.5
 * @param cpuArchitecture X86_64 or ARM64
 * @param spot            whether to run on Fargate Spot
 * @param env             environment variables by name, over the executor's (plain text: stored with the graph)
 * @param secrets         secrets by the environment variable they fill, each the ARN of a Secrets Manager secret or
 *                        SSM parameter (only the ARN is ever held here; ECS resolves the value in the task)
 */
public record Resources(BigDecimal vcpu, BigDecimal memory, String cpuArchitecture, Boolean spot,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> env,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> secrets) {

    /** Nothing asked: the executor's settings apply. */
    public static final Resources NONE = new Resources(null, null, null, null);

    /** Machine resources only, no environment. */
    public Resources(BigDecimal vcpu, BigDecimal memory, String cpuArchitecture, Boolean spot) {
        this(vcpu, memory, cpuArchitecture, spot, Map.of(), Map.of());
    }

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
        // Sorted, so equal sets compare, hash and serialize alike (graphs stored before env existed read as empty).
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(env));
        secrets = secrets == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(secrets));
        TaskEnvironment.problem(env, secrets).ifPresent(problem -> {
            throw new GraphException(problem);
        });
    }

    /** True when nothing is asked. */
    public boolean isEmpty() {
        return vcpu == null && memory == null && cpuArchitecture == null && spot == null && env.isEmpty() && secrets.isEmpty();
    }

    public Resources withVcpu(BigDecimal value) {
        return new Resources(value, memory, cpuArchitecture, spot, env, secrets);
    }

    public Resources withMemory(BigDecimal value) {
        return new Resources(vcpu, value, cpuArchitecture, spot, env, secrets);
    }

    public Resources withCpuArchitecture(String value) {
        return new Resources(vcpu, memory, value, spot, env, secrets);
    }

    public Resources withSpot(Boolean value) {
        return new Resources(vcpu, memory, cpuArchitecture, value, env, secrets);
    }
}
