package io.ecslattice.executor;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What an executor may need to know about the dispatch a task belongs to.
 *
 * @param dispatchId   the dispatch
 * @param workflowName the lattice's name, for tags and log prefixes
 * @param classpath    the classpath that loaded the electrons' classes: what a child JVM or an image
 *                     must carry to run them
 */
public record TaskContext(String dispatchId, String workflowName, List<Path> classpath) {
    public TaskContext {
        Objects.requireNonNull(dispatchId, "dispatchId");
        Objects.requireNonNull(workflowName, "workflowName");
        classpath = List.copyOf(classpath);
    }
}
