package io.ecslattice.executor;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What one task asks of the machine it runs on beyond its executor's settings (an electron's
 * {@code .vcpu(1).memory(2)}); each field is null when the executor's own value applies.
 *
 * @param vcpu            vCPUs, e.g. 1 or 0.25
 * @param memory          memory in GB, e.g. 2 or 0.5
 * @param cpuArchitecture X86_64 or ARM64
 * @param spot            whether to run on spare capacity (Fargate Spot)
 * @param env             environment variables by name, over the executor's
 * @param secrets         secrets by the environment variable they fill: ARNs of Secrets Manager secrets or SSM
 *                        parameters, resolved where the task runs, never here
 */
public record TaskResources(BigDecimal vcpu, BigDecimal memory, String cpuArchitecture, Boolean spot,
                            Map<String, String> env, Map<String, String> secrets) {

    /** Nothing asked: the executor's settings apply. */
    public static final TaskResources NONE = new TaskResources(null, null, null, null);

    public TaskResources {
        env = env == null ? Map.of() : Map.copyOf(env);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    /** Machine resources only, no environment. */
    public TaskResources(BigDecimal vcpu, BigDecimal memory, String cpuArchitecture, Boolean spot) {
        this(vcpu, memory, cpuArchitecture, spot, Map.of(), Map.of());
    }

    /** True when nothing is asked. */
    public boolean isEmpty() {
        return vcpu == null && memory == null && cpuArchitecture == null && spot == null && !hasEnvironment();
    }

    /** True when the task asks for environment variables or secrets of its own. */
    public boolean hasEnvironment() {
        return !env.isEmpty() || !secrets.isEmpty();
    }

    /** True when the size or architecture differs from the executor's (Spot alone needs no other machine shape). */
    public boolean changesShape() {
        return vcpu != null || memory != null || cpuArchitecture != null;
    }
}
