package io.ecslattice.store;

import java.util.List;

/**
 * What a process needs to drive a dispatch it did not start: the graph, the arguments and the classpath.
 *
 * @param id        the dispatch id
 * @param graphJson the lattice's graph as the workflow package wrote it
 * @param argsJson  the lattice's arguments (a JSON array)
 * @param classpath the classpath of the electrons' classes, for executors that start JVMs or build images
 * @param redispatchOf the dispatch whose results this one reuses; null unless it is a redispatch
 */
public record StoredDispatch(String id, String graphJson, String argsJson, List<String> classpath, String redispatchOf) {
}
