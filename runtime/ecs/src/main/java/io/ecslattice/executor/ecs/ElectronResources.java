package io.ecslattice.executor.ecs;

import io.ecslattice.executor.TaskResources;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An electron's own resources ({@code .vcpu(...)}, {@code .memory(...)}, {@code .cpuArchitecture(...)},
 * {@code .spot(...)}) over the executor's settings: what they resolve to and whether Fargate can run them.
 * Shared by both modes, so task and pool mode refuse the same sizes with the same words.
 */
final class ElectronResources {
    private final EcsSettings settings;

    ElectronResources(EcsSettings settings) {
        this.settings = settings;
    }

    /** A Fargate pair after the electron's vcpu/memory replace the executor's, and Spot only on X86_64. */
    Optional<String> problem(TaskResources resources) {
        BigDecimal cpu = cpu(resources);
        BigDecimal memory = memory(resources);
        String pair = FargateSize.pairProblem(cpu, memory);
        if (pair != null) {
            return Optional.of(pair + " (vcpu " + (resources.vcpu() != null ? "from the electron's .vcpu(...)" : "from " + settings.source("vcpu"))
                    + ", memory " + (resources.memory() != null ? "from the electron's .memory(...)" : "from " + settings.source("memory"))
                    + "); change .vcpu(...)/.memory(...) on the electron");
        }
        return Optional.ofNullable(FargateSize.spotProblem(spot(resources), architecture(resources)))
                .map(problem -> problem + "; change .spot(...)/.cpuArchitecture(...) on the electron");
    }

    BigDecimal cpu(TaskResources resources) {
        return resources.vcpu() != null ? resources.vcpu() : settings.resolved().get(EcsSettingsTable.VCPU);
    }

    BigDecimal memory(TaskResources resources) {
        return resources.memory() != null ? resources.memory() : settings.resolved().get(EcsSettingsTable.MEMORY);
    }

    String architecture(TaskResources resources) {
        return resources.cpuArchitecture() != null ? resources.cpuArchitecture() : settings.cpuArchitecture();
    }

    private boolean spot(TaskResources resources) {
        return resources.spot() != null ? resources.spot() : settings.fargateSpot();
    }

    /** The resources the electron asked for, as its settings would be written, e.g. {@code vcpu=1, memory=2}. */
    static String describe(TaskResources resources) {
        List<String> parts = new ArrayList<>();
        if (resources.vcpu() != null) {
            parts.add("vcpu=" + resources.vcpu().toPlainString());
        }
        if (resources.memory() != null) {
            parts.add("memory=" + resources.memory().toPlainString());
        }
        if (resources.cpuArchitecture() != null) {
            parts.add("cpu_architecture=" + resources.cpuArchitecture());
        }
        if (resources.spot() != null) {
            parts.add("fargate_spot=" + resources.spot());
        }
        if (resources.hasEnvironment()) {
            // Names only: an env value may be sensitive too, and this text goes into handles and messages.
            parts.add(ContainerEnvironment.names(resources.env(), resources.secrets()));
        }
        return String.join(", ", parts);
    }
}
