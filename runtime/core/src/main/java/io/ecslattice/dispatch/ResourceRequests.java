package io.ecslattice.dispatch;

import io.ecslattice.executor.TaskResources;
import io.ecslattice.graph.Resources;

/** A node's resources, as the graph stores them, in the executor interface's terms. */
final class ResourceRequests {

    private ResourceRequests() {
    }

    static TaskResources of(Resources resources) {
        return resources == null || resources.isEmpty() ? TaskResources.NONE
                : new TaskResources(resources.vcpu(), resources.memory(), resources.cpuArchitecture(), resources.spot(),
                        resources.env(), resources.secrets());
    }
}
